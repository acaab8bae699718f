import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useState } from 'react'
import { useDirectory, useTerminateEmployee } from '../../../api/org-people.ts'
import type { Employee, Employment } from '../../../api/types.ts'
import { formatDate } from '../../../ui/format.ts'
import { applyApiError } from '../../../ui/form-errors.ts'
import { DateField } from '../date-field.tsx'
import { todayDate } from '../labels.ts'
import { isStale, StaleAlert } from '../stale-alert.tsx'

/** Ends employment on a date, with a reason. A date in the future is scheduled. */
export function TerminateModal(props: {
  opened: boolean
  onClose: () => void
  employee: Employee
  employment: Employment
  etag: string
  onReload: () => void
}) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={`End the employment of ${props.employee.name}?`}
      centered
      size="md"
    >
      {props.opened ? <TerminateForm {...props} /> : null}
    </Modal>
  )
}

function TerminateForm(props: {
  onClose: () => void
  employee: Employee
  employment: Employment
  etag: string
  onReload: () => void
}) {
  const { employee, employment } = props
  const terminate = useTerminateEmployee(employee.id)
  const reports = useDirectory({ managerId: employee.id }, { pageSize: 1 })
  const hasReports = (reports.data?.pages[0]?.items.length ?? 0) > 0
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: {
      terminationDate: employment.terminationDate ?? todayDate(),
      reason: employment.terminationReason ?? '',
    },
    validate: {
      terminationDate: (v) =>
        !v ? 'Choose the last day' : v < employment.hireDate ? 'This is before the hire date' : null,
      reason: (v) => (v.trim() ? null : 'Give a reason (kept on the record)'),
    },
  })
  const future = !!form.values.terminationDate && form.values.terminationDate > todayDate()

  const submit = form.onSubmit((v) => {
    if (!v.terminationDate) return
    setError(null)
    terminate.mutate(
      { etag: props.etag, body: { terminationDate: v.terminationDate, reason: v.reason.trim() } },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal',
            message: future
              ? `${employee.name} leaves on ${formatDate(v.terminationDate)}.`
              : `The employment of ${employee.name} has ended.`,
          })
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
        <Text size="sm">
          From this date {employee.name} leaves the directory and the org chart, and no longer leads a team or heads a
          department. The record stays, read-only, for those who may see it.
        </Text>
        {hasReports && !error ? (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
            People report to {employee.name}. Move them to another manager before the last day.
          </Alert>
        ) : null}
        {isStale(terminate.error) ? (
          <StaleAlert
            what="record"
            onReload={() => {
              terminate.reset()
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
        <DateField
          label="Last day"
          required
          data-autofocus
          minDate={employment.hireDate}
          {...form.getInputProps('terminationDate')}
        />
        <Textarea
          label="Reason"
          required
          autosize
          minRows={2}
          maxLength={500}
          placeholder="e.g. Resigned, end of contract"
          {...form.getInputProps('reason')}
        />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" color="red" loading={terminate.isPending}>
            {future ? 'Schedule leaving' : 'End employment'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
