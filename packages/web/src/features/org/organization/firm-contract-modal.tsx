import { Alert, Button, Group, Modal, MultiSelect, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { useSaveFirmContract, type FirmContract } from '../../../api/org-external.ts'
import { useDepartments } from '../../../api/org-structure.ts'
import { applyApiError } from '../../../ui/form-errors.ts'
import { DateField } from '../date-field.tsx'
import { isStale } from '../stale-alert.tsx'
import { departmentPaths } from '../structure-selects.tsx'

export function FirmContractModal(props: {
  opened: boolean
  firmId: string
  firmName: string
  contract: FirmContract | null
  onClose: () => void
}) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.contract ? `Contract ${props.contract.reference}` : `New contract with ${props.firmName}`}
      centered
      size="lg"
    >
      {props.opened ? <ContractForm {...props} /> : null}
    </Modal>
  )
}

function ContractForm(props: { firmId: string; contract: FirmContract | null; onClose: () => void }) {
  const { contract } = props
  const save = useSaveFirmContract(props.firmId)
  const departments = useDepartments()
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: {
      reference: contract?.reference ?? '',
      startDate: contract?.startDate ?? '',
      endDate: contract?.endDate ?? '',
      notes: contract?.notes ?? '',
      departmentIds: contract?.departments.map((d) => d.id) ?? [],
    },
    validate: {
      reference: (v) => (v.trim() ? null : 'Enter the contract reference'),
      startDate: (v) => (v ? null : 'When does the contract start?'),
      endDate: (v, values) =>
        !v
          ? 'When does it end?'
          : values.startDate && v < values.startDate
            ? 'It must end on or after its start'
            : null,
    },
  })
  const paths = departmentPaths(departments.data ?? [])
  const options = (departments.data ?? [])
    .filter((d) => !d.archived || form.values.departmentIds.includes(d.id))
    .map((d) => ({ value: d.id, label: paths.get(d.id) ?? d.name }))
    .sort((a, b) => a.label.localeCompare(b.label))

  const submit = form.onSubmit((v) => {
    setError(null)
    const body = {
      reference: v.reference.trim(),
      startDate: v.startDate,
      endDate: v.endDate,
      notes: v.notes.trim() || null,
      departmentIds: v.departmentIds,
    }
    save.mutate(contract ? { id: contract.id, version: contract.version, body } : { body }, {
      onSuccess: (saved) => {
        notifications.show({
          color: 'teal',
          message: `Contract ${saved.reference} was ${contract ? 'saved' : 'added'}.`,
        })
        props.onClose()
      },
      onError: (err) => {
        setError(
          isStale(err)
            ? 'Someone else changed this contract meanwhile. Close this window to see the latest version, then try again.'
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
        <TextInput
          label="Reference"
          description="The contract's number or name, unique for this firm"
          required
          data-autofocus
          maxLength={100}
          {...form.getInputProps('reference')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <DateField
            label="Starts"
            description="The first day its people may act"
            required
            {...form.getInputProps('startDate')}
          />
          <DateField
            label="Ends"
            description="Access ends after this day"
            required
            {...(form.values.startDate ? { minDate: form.values.startDate } : {})}
            {...form.getInputProps('endDate')}
          />
        </SimpleGrid>
        <MultiSelect
          label="Departments served"
          description="The firm's people see these departments, and every department below them, while the contract runs"
          placeholder={form.values.departmentIds.length === 0 ? 'Pick departments' : undefined}
          searchable
          data={options}
          nothingFoundMessage="No department matches"
          {...form.getInputProps('departmentIds')}
        />
        <Textarea label="Notes" autosize minRows={2} maxLength={4000} {...form.getInputProps('notes')} />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {contract ? 'Save contract' : 'Add contract'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
