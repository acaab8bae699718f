import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { useRecordCompensation } from '../../../api/org-people.ts'
import type { Employee, Salary } from '../../../api/types.ts'
import { formatDate } from '../../../ui/format.ts'
import { applyApiError } from '../../../ui/form-errors.ts'
import { DateField } from '../date-field.tsx'
import { formatSalary, todayDate } from '../labels.ts'
import { SalaryFields, salaryRules, toSalary } from '../salary-fields.tsx'

/** Records a salary from a date on: a new row of the salary history, never an overwrite. */
export function SalaryModal(props: {
  opened: boolean
  onClose: () => void
  employee: Employee
  current: Salary | null
  defaultCurrency: string
}) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Record a salary change" centered size="lg">
      {props.opened ? <SalaryRecordForm {...props} /> : null}
    </Modal>
  )
}

function SalaryRecordForm(props: {
  onClose: () => void
  employee: Employee
  current: Salary | null
  defaultCurrency: string
}) {
  const record = useRecordCompensation(props.employee.id)
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: {
      effectiveDate: todayDate(),
      salary: {
        amount: '',
        currency: props.current?.currency ?? props.defaultCurrency,
        period: props.current?.period ?? 'year',
      },
      reason: '',
    },
    validate: {
      effectiveDate: (v) => (v ? null : 'Choose the date the salary applies from'),
      salary: salaryRules,
    },
  })

  const submit = form.onSubmit((v) => {
    if (!v.effectiveDate) return
    setError(null)
    record.mutate(
      {
        effectiveDate: v.effectiveDate,
        salary: toSalary(v.salary),
        ...(v.reason.trim() ? { reason: v.reason.trim() } : {}),
      },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal',
            message: `A salary of ${formatSalary(toSalary(v.salary))} from ${formatDate(v.effectiveDate)} was recorded.`,
          })
          props.onClose()
        },
        onError: (err) => {
          setError(applyApiError(form, err))
        },
      },
    )
  })

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          {props.current
            ? `Now: ${formatSalary(props.current)}. The earlier salary stays in the timeline.`
            : `No salary is recorded for ${props.employee.name} yet.`}
        </Text>
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        ) : null}
        <SalaryFields autoFocus field={(name) => form.getInputProps(`salary.${name}`)} />
        <DateField label="Effective from" required {...form.getInputProps('effectiveDate')} />
        <Textarea
          label="Reason"
          placeholder="e.g. Annual review"
          autosize
          minRows={2}
          maxLength={500}
          {...form.getInputProps('reason')}
        />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={record.isPending}>
            Record salary
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
