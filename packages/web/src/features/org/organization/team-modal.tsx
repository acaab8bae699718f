import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { useSaveTeam } from '../../../api/org-structure.ts'
import type { PersonRef, Team } from '../../../api/types.ts'
import { applyApiError } from '../../../ui/form-errors.ts'
import { PersonSelect } from '../person-select.tsx'
import { isStale } from '../stale-alert.tsx'
import { DepartmentSelect } from '../structure-selects.tsx'

export function TeamModal(props: { opened: boolean; team: Team | null; onClose: () => void }) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.team ? `Edit ${props.team.name}` : 'New team'}
      centered
      size="md"
    >
      {props.opened ? <TeamForm team={props.team} onClose={props.onClose} /> : null}
    </Modal>
  )
}

function TeamForm(props: { team: Team | null; onClose: () => void }) {
  const { team } = props
  const save = useSaveTeam()
  const [error, setError] = useState<string | null>(null)
  const [lead, setLead] = useState<PersonRef | null>(team?.lead ?? null)
  const form = useForm({
    initialValues: {
      name: team?.name ?? '',
      departmentId: team?.department.id ?? null,
      leadEmployeeId: team?.lead?.id ?? null,
    },
    validate: {
      name: (v) => (v.trim() ? null : 'Give the team a name'),
      departmentId: (v) => (v ? null : 'A team belongs to a department'),
    },
  })

  const submit = form.onSubmit((v) => {
    if (!v.departmentId) return
    setError(null)
    const body = { name: v.name.trim(), departmentId: v.departmentId, leadEmployeeId: v.leadEmployeeId }
    save.mutate(team ? { id: team.id, version: team.version, body } : { body }, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: `${saved.name} was ${team ? 'saved' : 'created'}.` })
        props.onClose()
      },
      onError: (err) => {
        setError(
          isStale(err)
            ? 'Someone else changed this team meanwhile. Close this window to see the latest version, then try again.'
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
        <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
        <DepartmentSelect
          label="Department"
          required
          clearable={false}
          placeholder="Choose a department"
          {...form.getInputProps('departmentId')}
        />
        <PersonSelect
          label="Lead"
          description="Leads the team and reviews its work"
          value={form.values.leadEmployeeId}
          selected={lead}
          error={form.errors['leadEmployeeId']}
          onChange={(person) => {
            setLead(person)
            form.setFieldValue('leadEmployeeId', person?.id ?? null)
          }}
        />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {team ? 'Save team' : 'Create team'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
