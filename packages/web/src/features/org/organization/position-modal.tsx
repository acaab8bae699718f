import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { useSavePosition } from '../../../api/org-structure.ts'
import type { Position } from '../../../api/types.ts'
import { applyApiError } from '../../../ui/form-errors.ts'
import { isStale } from '../stale-alert.tsx'
import { DepartmentSelect } from '../structure-selects.tsx'

export function PositionModal(props: { opened: boolean; position: Position | null; onClose: () => void }) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.position ? `Edit ${props.position.title}` : 'New position'}
      centered
      size="md"
    >
      {props.opened ? <PositionForm position={props.position} onClose={props.onClose} /> : null}
    </Modal>
  )
}

function PositionForm(props: { position: Position | null; onClose: () => void }) {
  const { position } = props
  const save = useSavePosition()
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: { title: position?.title ?? '', departmentId: position?.department?.id ?? null },
    validate: { title: (v) => (v.trim() ? null : 'Give the position a title') },
  })

  const submit = form.onSubmit((v) => {
    setError(null)
    const body = { title: v.title.trim(), departmentId: v.departmentId }
    save.mutate(position ? { id: position.id, version: position.version, body } : { body }, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: `${saved.title} was ${position ? 'saved' : 'created'}.` })
        props.onClose()
      },
      onError: (err) => {
        setError(
          isStale(err)
            ? 'Someone else changed this position meanwhile. Close this window to see the latest version, then try again.'
            : applyApiError(form, err),
        )
      },
    })
  })

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error ? (
          <Alert color={isStale(save.error) ? 'orange' : 'red'} variant="light" role="alert">
            {error}
          </Alert>
        ) : null}
        <TextInput label="Title" required data-autofocus {...form.getInputProps('title')} />
        <DepartmentSelect
          label="Department"
          description="Optional: the department this position usually belongs to"
          placeholder="Any department"
          {...form.getInputProps('departmentId')}
        />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {position ? 'Save position' : 'Create position'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
