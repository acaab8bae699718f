import { Alert, Button, Checkbox, Group, Modal, ScrollArea, Select, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useState } from 'react'
import { useCreateApiToken } from '../../../api/me.ts'
import type { CreatedApiToken } from '../../../api/types.ts'
import { useSession } from '../../../app/auth.ts'
import { applyApiError } from '../../../ui/form-errors.ts'
import { SecretValue } from '../../../ui/secret-value.tsx'

const expiryOptions = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '180', label: '180 days' },
  { value: '366', label: '1 year' },
]

export function CreateTokenModal(props: { opened: boolean; onClose: () => void }) {
  const [created, setCreated] = useState<CreatedApiToken | null>(null)
  const close = () => {
    setCreated(null)
    props.onClose()
  }
  return (
    <Modal
      opened={props.opened}
      onClose={close}
      title={created ? 'Copy your new token' : 'Create an API token'}
      size="lg"
      centered
      closeOnClickOutside={!created}
    >
      {created ? (
        <TokenCreated created={created} onDone={close} />
      ) : (
        <TokenForm onCreated={setCreated} onCancel={close} />
      )}
    </Modal>
  )
}

function TokenForm(props: { onCreated: (c: CreatedApiToken) => void; onCancel: () => void }) {
  const session = useSession()
  const createToken = useCreateApiToken()
  const [error, setError] = useState<string | null>(null)
  const mine = [...new Set(session.permissions.map((p) => p.permission))].sort()
  const form = useForm({
    initialValues: { name: '', permissions: [] as string[], expiresInDays: '90' },
    validate: {
      name: (v) => (v.trim() ? null : 'Name the token after what uses it, e.g. “Payroll export”'),
      permissions: (v) => (v.length ? null : 'Choose at least one permission'),
    },
  })

  const submit = form.onSubmit((values) => {
    setError(null)
    createToken.mutate(
      { name: values.name.trim(), permissions: values.permissions, expiresInDays: Number(values.expiresInDays) },
      {
        onSuccess: props.onCreated,
        onError: (err) => {
          setError(applyApiError(form, err))
        },
      },
    )
  })

  const allChecked = form.values.permissions.length === mine.length && mine.length > 0

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        ) : null}
        <TextInput label="Token name" required data-autofocus {...form.getInputProps('name')} />
        <Select
          label="Expires after"
          data={expiryOptions}
          allowDeselect={false}
          {...form.getInputProps('expiresInDays')}
        />
        <Checkbox.Group
          label="Permissions"
          description="A token can only do what you can do. Grant only what the integration needs."
          required
          {...form.getInputProps('permissions')}
        >
          <Group justify="flex-end" mb={4}>
            <Button
              variant="subtle"
              size="compact-xs"
              onClick={() => {
                form.setFieldValue('permissions', allChecked ? [] : mine)
              }}
            >
              {allChecked ? 'Clear all' : 'Select all'}
            </Button>
          </Group>
          <ScrollArea.Autosize mah={260} type="auto" offsetScrollbars>
            <Stack gap={6} py={4}>
              {mine.length === 0 ? (
                <Text size="sm" c="dimmed">
                  You hold no permissions that a token could use.
                </Text>
              ) : (
                mine.map((p) => (
                  <Checkbox
                    key={p}
                    value={p}
                    label={
                      <Text size="sm" ff="monospace" component="span">
                        {p}
                      </Text>
                    }
                  />
                ))
              )}
            </Stack>
          </ScrollArea.Autosize>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={createToken.isPending}>
            Create token
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function TokenCreated(props: { created: CreatedApiToken; onDone: () => void }) {
  return (
    <Stack>
      <Alert
        color="yellow"
        variant="light"
        icon={<IconAlertTriangle size={18} />}
        title="This is the only time you will see it"
      >
        Copy the token now and keep it somewhere safe, such as a secrets manager. Keel stores only a hash of it.
      </Alert>
      <Text size="sm">
        Token <b>{props.created.apiToken.name}</b>. Send it as <code>Authorization: Bearer &lt;token&gt;</code>.
      </Text>
      <SecretValue value={props.created.token} label="API token" />
      <Group justify="flex-end">
        <Button onClick={props.onDone}>I have copied it</Button>
      </Group>
    </Stack>
  )
}
