import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { useSaveDepartment } from '../../../api/org-structure.ts'
import type { Department, PersonRef } from '../../../api/types.ts'
import { applyApiError } from '../../../ui/form-errors.ts'
import { PersonSelect } from '../person-select.tsx'
import { isStale } from '../stale-alert.tsx'
import { departmentPaths } from '../structure-selects.tsx'

export function DepartmentModal(props: {
  opened: boolean
  department: Department | null
  all: Department[]
  onClose: () => void
}) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.department ? `Edit ${props.department.name}` : 'New department'}
      centered
      size="lg"
    >
      {props.opened ? <DepartmentForm {...props} /> : null}
    </Modal>
  )
}

/** The department and everything below it: none of them can become its parent. */
function subtree(all: Department[], id: string): Set<string> {
  const out = new Set([id])
  let grew = true
  while (grew) {
    grew = false
    for (const d of all)
      if (d.parentId && out.has(d.parentId) && !out.has(d.id)) {
        out.add(d.id)
        grew = true
      }
  }
  return out
}

function DepartmentForm(props: { department: Department | null; all: Department[]; onClose: () => void }) {
  const { department } = props
  const save = useSaveDepartment()
  const [error, setError] = useState<string | null>(null)
  const [head, setHead] = useState<PersonRef | null>(department?.head ?? null)
  const form = useForm({
    initialValues: {
      name: department?.name ?? '',
      code: department?.code ?? '',
      parentId: department?.parentId ?? null,
      headEmployeeId: department?.head?.id ?? null,
    },
    validate: { name: (v) => (v.trim() ? null : 'Give the department a name') },
  })
  const blocked = department ? subtree(props.all, department.id) : new Set<string>()
  const paths = departmentPaths(props.all)
  const parents = props.all
    .filter((d) => !d.archived && !blocked.has(d.id))
    .map((d) => ({ value: d.id, label: paths.get(d.id) ?? d.name }))
    .sort((a, b) => a.label.localeCompare(b.label))

  const submit = form.onSubmit((v) => {
    setError(null)
    const body = {
      name: v.name.trim(),
      code: v.code.trim() || null,
      parentId: v.parentId,
      headEmployeeId: v.headEmployeeId,
    }
    save.mutate(department ? { id: department.id, version: department.version, body } : { body }, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: `${saved.name} was ${department ? 'saved' : 'created'}.` })
        props.onClose()
      },
      onError: (err) => {
        setError(
          isStale(err)
            ? 'Someone else changed this department meanwhile. Close this window to see the latest version, then try again.'
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
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
          <TextInput
            label="Code"
            description="Optional short code, e.g. FIN"
            maxLength={20}
            {...form.getInputProps('code')}
          />
        </SimpleGrid>
        <Select
          label="Part of"
          description="The department this one sits in; empty for a top-level department"
          placeholder="Top level"
          searchable
          clearable
          data={parents}
          nothingFoundMessage="No department matches"
          {...form.getInputProps('parentId')}
        />
        <PersonSelect
          label="Head"
          description="Leads the department and the departments below it"
          value={form.values.headEmployeeId}
          selected={head}
          error={form.errors['headEmployeeId']}
          onChange={(person) => {
            setHead(person)
            form.setFieldValue('headEmployeeId', person?.id ?? null)
          }}
        />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {department ? 'Save department' : 'Create department'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
