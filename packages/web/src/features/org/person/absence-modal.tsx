import { Alert, Button, Group, Modal, SimpleGrid, Stack, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { useRecordAbsence } from '../../../api/org-calendars.ts'
import type { Employee } from '../../../api/types.ts'
import { applyApiError } from '../../../ui/form-errors.ts'

/** Records a period the person is away, in the browser's local time. */
export function AbsenceModal(props: { opened: boolean; onClose: () => void; employee: Employee }) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={`Record an absence of ${props.employee.name}`} centered>
      {props.opened ? <AbsenceForm {...props} /> : null}
    </Modal>
  )
}

const localInput = (d: Date) => {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

function AbsenceForm(props: { onClose: () => void; employee: Employee }) {
  const record = useRecordAbsence(props.employee.id)
  const [error, setError] = useState<string | null>(null)
  const start = new Date()
  start.setHours(start.getHours() + 1, 0, 0, 0)
  const form = useForm({
    initialValues: {
      startsAt: localInput(start),
      endsAt: localInput(new Date(start.getTime() + 4 * 3_600_000)),
      reason: '',
    },
    validate: {
      startsAt: (v) => (v ? null : 'When does it start?'),
      endsAt: (v, values) => (!v ? 'When does it end?' : v <= values.startsAt ? 'This is before the start' : null),
      reason: (v) => (v.trim() ? null : 'Give a reason, e.g. Doctor'),
    },
  })
  const submit = form.onSubmit((v) => {
    setError(null)
    record.mutate(
      {
        startsAt: new Date(v.startsAt).toISOString(),
        endsAt: new Date(v.endsAt).toISOString(),
        reason: v.reason.trim(),
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: `The absence of ${props.employee.name} was recorded.` })
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
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput type="datetime-local" label="From" required data-autofocus {...form.getInputProps('startsAt')} />
          <TextInput type="datetime-local" label="Until" required {...form.getInputProps('endsAt')} />
        </SimpleGrid>
        <TextInput
          label="Reason"
          required
          maxLength={200}
          placeholder="e.g. Doctor's appointment"
          description="Only people who may read this person's record see the reason."
          {...form.getInputProps('reason')}
        />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={record.isPending}>
            Record absence
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
