import { Alert, Button, Group, Modal, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { useUpdateEmployee } from '../../../api/org-people.ts'
import type { Employee, Employment } from '../../../api/types.ts'
import { perms, useCan } from '../../../app/auth.ts'
import { applyApiError } from '../../../ui/form-errors.ts'
import { DateField } from '../date-field.tsx'
import { isStale, StaleAlert } from '../stale-alert.tsx'
import { UserSelect } from '../user-select.tsx'

const EMAIL_RE = /^\S+@\S+\.\S+$/

/** Changes the record's own fields: names, contact, probation, schedule, account, leave. Not where they sit. */
export function EditRecordModal(props: {
  opened: boolean
  onClose: () => void
  employee: Employee
  employment: Employment
  etag: string
  onReload: () => void
}) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={`Edit ${props.employee.name}`} centered size="lg">
      {/* Mounted only while open, so it always starts from the record as it is now. */}
      {props.opened ? <EditRecordForm {...props} /> : null}
    </Modal>
  )
}

function EditRecordForm(props: {
  onClose: () => void
  employee: Employee
  employment: Employment
  etag: string
  onReload: () => void
}) {
  const { employee, employment } = props
  const can = useCan()
  const update = useUpdateEmployee(employee.id)
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: {
      legalName: employee.legalName,
      preferredName: employee.name === employee.legalName ? '' : employee.name,
      workEmail: employee.workEmail ?? '',
      workPhone: employee.workPhone ?? '',
      probationEndDate: employment.probationEndDate,
      workSchedule: employment.workSchedule ?? '',
      userId: employment.userId,
      status: employee.status === 'on_leave' ? ('on_leave' as const) : ('active' as const),
    },
    validate: {
      legalName: (v) => (v.trim() ? null : 'Enter the legal name'),
      workEmail: (v) => (!v.trim() || EMAIL_RE.test(v.trim()) ? null : 'Enter a valid e-mail address'),
      probationEndDate: (v) => (v && v < employment.hireDate ? 'Probation ends on or after the hire date' : null),
    },
  })

  const submit = form.onSubmit((v) => {
    setError(null)
    update.mutate(
      {
        etag: props.etag,
        body: {
          legalName: v.legalName.trim(),
          preferredName: v.preferredName.trim() || null,
          workEmail: v.workEmail.trim() || null,
          workPhone: v.workPhone.trim() || null,
          probationEndDate: v.probationEndDate,
          workSchedule: v.workSchedule.trim() || null,
          userId: v.userId,
          status: v.status,
        },
      },
      {
        onSuccess: (res) => {
          notifications.show({ color: 'teal', message: `The record of ${res.data.name} was saved.` })
          props.onClose()
        },
        onError: (err) => {
          if (!isStale(err)) setError(applyApiError(form, err))
        },
      },
    )
  })

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {isStale(update.error) ? (
          <StaleAlert
            what="record"
            onReload={() => {
              update.reset()
              props.onReload()
              props.onClose()
            }}
          />
        ) : null}
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="Legal name" required data-autofocus {...form.getInputProps('legalName')} />
          <TextInput
            label="Preferred name"
            description="Shown instead of the legal name"
            {...form.getInputProps('preferredName')}
          />
          <TextInput label="Work e-mail" type="email" {...form.getInputProps('workEmail')} />
          <TextInput label="Work phone" type="tel" {...form.getInputProps('workPhone')} />
          <DateField
            label="Probation ends"
            clearable
            minDate={employment.hireDate}
            {...form.getInputProps('probationEndDate')}
          />
          <TextInput label="Work schedule" placeholder="e.g. Mon–Fri, 40 h" {...form.getInputProps('workSchedule')} />
        </SimpleGrid>
        {can(perms.userRead) ? (
          <UserSelect
            label="User account"
            description="The account this person signs in with; it decides what they may see of their own record."
            {...form.getInputProps('userId')}
          />
        ) : null}
        <Stack gap={4}>
          <Text size="sm" fw={500} id="edit-status-label">
            Status
          </Text>
          <SegmentedControl
            aria-labelledby="edit-status-label"
            data={[
              { value: 'active', label: 'Active' },
              { value: 'on_leave', label: 'On leave' },
            ]}
            {...form.getInputProps('status')}
          />
          <Text size="xs" c="dimmed">
            To change where {employee.name} works, use Move. To end their employment, use End employment.
          </Text>
        </Stack>
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save record
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
