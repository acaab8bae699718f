import { Alert, Button, Group, Modal, MultiSelect, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { IconAlertCircle } from '@tabler/icons-react'
import { useState } from 'react'
import { useRoles } from '../../../api/roles.ts'
import { useInviteUser } from '../../../api/users.ts'
import { applyApiError } from '../../../ui/form-errors.ts'

export function InviteUserModal(props: { opened: boolean; onClose: () => void }) {
  const roles = useRoles(props.opened)
  const invite = useInviteUser()
  const [error, setError] = useState<string | null>(null)
  const [rolesOpen, setRolesOpen] = useState(false)
  const form = useForm({
    initialValues: { email: '', displayName: '', roleIds: [] as string[] },
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid e-mail address'),
      displayName: (v) => (v.trim() ? null : 'Enter the name to show for this person'),
      roleIds: (v) => (v.length > 0 ? null : 'Choose at least one role'),
    },
  })

  const close = () => {
    form.reset()
    setError(null)
    invite.reset()
    props.onClose()
  }

  const submit = form.onSubmit((values) => {
    setError(null)
    invite.mutate(
      { email: values.email.trim(), displayName: values.displayName.trim(), roleIds: values.roleIds },
      {
        onSuccess: (res) => {
          notifications.show({
            color: 'teal',
            title: 'Invitation sent',
            message: `${res.user.displayName} will receive an e-mail at ${res.user.email} to set a password.`,
          })
          close()
        },
        onError: (err) => {
          setError(applyApiError(form, err))
        },
      },
    )
  })

  return (
    <Modal opened={props.opened} onClose={close} title="Invite a user" centered size="md">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            They will get an e-mail with a link to choose a password. Until then they show as invited.
          </Text>
          {error ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
              {error}
            </Alert>
          ) : null}
          <TextInput
            label="Email"
            type="email"
            required
            data-autofocus
            autoComplete="off"
            {...form.getInputProps('email')}
          />
          <TextInput label="Display name" required autoComplete="off" {...form.getInputProps('displayName')} />
          <MultiSelect
            label="Roles"
            required
            placeholder={roles.isPending ? 'Loading roles…' : 'Choose one or more roles'}
            data={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
            searchable
            nothingFoundMessage="No role matches"
            disabled={roles.isError}
            description={roles.isError ? 'Roles could not be loaded.' : 'What they may see and do in this company.'}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('roleIds')}
            // Close after each pick so the list never hides the buttons below; reopen to add another role.
            dropdownOpened={rolesOpen}
            onDropdownOpen={() => {
              setRolesOpen(true)
            }}
            onDropdownClose={() => {
              setRolesOpen(false)
            }}
            onChange={(ids) => {
              form.setFieldValue('roleIds', ids)
              setRolesOpen(false)
            }}
          />
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={invite.isPending}>
              Send invitation
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
