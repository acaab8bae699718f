import { Alert, Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { errorMessage } from '../../../api/client.ts'
import { usePlaceRetentionHold, type RetentionHold } from '../../../api/org-documents.ts'
import { DateField } from '../date-field.tsx'

export const holdCategories: { value: RetentionHold['category']; label: string; description: string }[] = [
  { value: 'payroll', label: 'Payroll', description: 'Keeps salary history, payslips and the contract.' },
  { value: 'tax', label: 'Tax', description: 'Keeps salary history, payslips and the national id.' },
  { value: 'contract', label: 'Contract', description: 'Keeps the employment contract.' },
  { value: 'legal_claim', label: 'Legal claim', description: 'Blocks erasure entirely until released.' },
]

interface Values {
  category: RetentionHold['category']
  reason: string
  heldUntilDate: string | null
}

export function PlaceHoldModal(props: { employeeId: string; opened: boolean; onClose: () => void }) {
  const place = usePlaceRetentionHold(props.employeeId)
  const form = useForm<Values>({
    initialValues: { category: 'payroll', reason: '', heldUntilDate: null },
    validate: { reason: (v) => (v.trim() ? null : 'Say why the records must be kept.') },
  })
  const close = () => {
    form.reset()
    place.reset()
    props.onClose()
  }
  const chosen = holdCategories.find((c) => c.value === form.values.category)
  return (
    <Modal opened={props.opened} onClose={close} title="Place a retention hold" centered>
      <form
        onSubmit={form.onSubmit((values) => {
          place.mutate(
            { category: values.category, reason: values.reason.trim(), heldUntilDate: values.heldUntilDate },
            {
              onSuccess: () => {
                notifications.show({ color: 'teal', message: 'The retention hold was placed.' })
                close()
              },
            },
          )
        })}
      >
        <Stack>
          <Select
            label="Category"
            data={holdCategories.map((c) => ({ value: c.value, label: c.label }))}
            description={chosen?.description}
            allowDeselect={false}
            {...form.getInputProps('category')}
          />
          <Textarea
            label="Reason"
            placeholder="e.g. Statutory payroll retention, 6 years"
            maxLength={500}
            autosize
            minRows={2}
            required
            {...form.getInputProps('reason')}
          />
          <DateField
            label="Held until"
            description="Leave empty to hold until released."
            clearable
            {...form.getInputProps('heldUntilDate')}
          />
          {place.error ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(place.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={place.isPending}>
              Place hold
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
