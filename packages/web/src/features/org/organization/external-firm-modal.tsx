import { Alert, Button, Group, Modal, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { useSaveExternalFirm, type ExternalFirm } from '../../../api/org-external.ts'
import { applyApiError } from '../../../ui/form-errors.ts'
import { isStale } from '../stale-alert.tsx'

export function ExternalFirmModal(props: { opened: boolean; firm: ExternalFirm | null; onClose: () => void }) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.firm ? `Edit ${props.firm.name}` : 'New outsourcing firm'}
      centered
      size="lg"
    >
      {props.opened ? <FirmForm firm={props.firm} onClose={props.onClose} /> : null}
    </Modal>
  )
}

function FirmForm(props: { firm: ExternalFirm | null; onClose: () => void }) {
  const { firm } = props
  const save = useSaveExternalFirm()
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: {
      name: firm?.name ?? '',
      registrationId: firm?.registrationId ?? '',
      taxId: firm?.taxId ?? '',
      contactName: firm?.contactName ?? '',
      contactEmail: firm?.contactEmail ?? '',
      contactPhone: firm?.contactPhone ?? '',
      notes: firm?.notes ?? '',
    },
    validate: {
      name: (v) => (v.trim() ? null : 'Enter the firm’s name'),
      contactEmail: (v) => (!v.trim() || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ? null : 'Not an e-mail address'),
    },
  })

  const submit = form.onSubmit((v) => {
    setError(null)
    const body = {
      name: v.name.trim(),
      registrationId: v.registrationId.trim() || null,
      taxId: v.taxId.trim() || null,
      contactName: v.contactName.trim() || null,
      contactEmail: v.contactEmail.trim() || null,
      contactPhone: v.contactPhone.trim() || null,
      notes: v.notes.trim() || null,
    }
    save.mutate(firm ? { id: firm.id, version: firm.version, body } : { body }, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: `${saved.name} was ${firm ? 'saved' : 'added'}.` })
        props.onClose()
      },
      onError: (err) => {
        setError(
          isStale(err)
            ? 'Someone else changed this firm meanwhile. Close this window to see the latest version, then try again.'
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
        <TextInput label="Name" required data-autofocus maxLength={200} {...form.getInputProps('name')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="Registration number" maxLength={100} {...form.getInputProps('registrationId')} />
          <TextInput label="Tax ID" maxLength={100} {...form.getInputProps('taxId')} />
          <TextInput label="Contact person" maxLength={200} {...form.getInputProps('contactName')} />
          <TextInput label="Contact e-mail" type="email" maxLength={254} {...form.getInputProps('contactEmail')} />
          <TextInput label="Contact phone" maxLength={50} {...form.getInputProps('contactPhone')} />
        </SimpleGrid>
        <Textarea label="Notes" autosize minRows={2} maxLength={4000} {...form.getInputProps('notes')} />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {firm ? 'Save firm' : 'Add firm'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
