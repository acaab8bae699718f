import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { useInviteExternal } from '../../../api/org-external.ts'
import { applyApiError } from '../../../ui/form-errors.ts'
import { PersonSelect } from '../person-select.tsx'

/** Invites a person of the firm: they get an e-mail to set a password and sign in as External staff. */
export function ExternalInviteModal(props: { opened: boolean; firmId: string; firmName: string; onClose: () => void }) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={`Invite someone from ${props.firmName}`} centered>
      {props.opened ? <InviteForm {...props} /> : null}
    </Modal>
  )
}

function InviteForm(props: { firmId: string; onClose: () => void }) {
  const invite = useInviteExternal()
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: { email: '', displayName: '', sponsorEmployeeId: null as string | null },
    validate: {
      email: (v) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ? null : 'Enter their e-mail address'),
      displayName: (v) => (v.trim() ? null : 'Enter their name'),
      sponsorEmployeeId: (v) => (v ? null : 'Choose who answers for them'),
    },
  })

  const submit = form.onSubmit((v) => {
    setError(null)
    invite.mutate(
      {
        email: v.email.trim(),
        displayName: v.displayName.trim(),
        firmId: props.firmId,
        sponsorEmployeeId: v.sponsorEmployeeId ?? '',
      },
      {
        onSuccess: (account) => {
          notifications.show({ color: 'teal', message: `${account.displayName} was invited by e-mail.` })
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
        <Text size="sm" c="dimmed">
          They sign in with the External staff role and see only the departments of the firm&apos;s running contracts,
          until the last contract ends.
        </Text>
        <TextInput label="Name" required data-autofocus maxLength={200} {...form.getInputProps('displayName')} />
        <TextInput label="E-mail" type="email" required maxLength={254} {...form.getInputProps('email')} />
        <PersonSelect
          label="Sponsor"
          description="The employee who answers for this person and reviews their access each quarter"
          required
          value={form.values.sponsorEmployeeId}
          error={form.errors['sponsorEmployeeId']}
          onChange={(person) => {
            form.setFieldValue('sponsorEmployeeId', person?.id ?? null)
          }}
        />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={invite.isPending}>
            Send invitation
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
