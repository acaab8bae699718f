import { Alert, Badge, Box, Button, Group, List, Paper, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { IconShieldCheck, IconShieldOff } from '@tabler/icons-react'
import { useState } from 'react'
import { ApiError, errorMessage } from '../../../api/client.ts'
import { useMfaDisable, useMfaEnable, useMfaSetup, useRegenerateRecoveryCodes } from '../../../api/me.ts'
import type { MfaSetupReply } from '../../../api/types.ts'
import { useSession } from '../../../app/auth.ts'
import { SecretValue } from '../../../ui/secret-value.tsx'
import { PasswordConfirmModal } from './password-confirm-modal.tsx'
import { RecoveryCodesModal } from './recovery-codes.tsx'
import { Section } from './section.tsx'

export function MfaSection() {
  const session = useSession()
  const [codes, setCodes] = useState<string[] | null>(null)
  const enabled = session.user.mfaEnabled

  return (
    <Section
      id="two-factor"
      title="Two-factor authentication"
      description="Sign-in asks for a code from an authenticator app on your phone as well as your password."
    >
      {enabled ? <MfaEnabled onCodes={setCodes} /> : <MfaEnrol onCodes={setCodes} />}
      <RecoveryCodesModal
        codes={codes}
        onClose={() => {
          setCodes(null)
        }}
      />
    </Section>
  )
}

function MfaEnabled(props: { onCodes: (codes: string[]) => void }) {
  const disable = useMfaDisable()
  const regenerate = useRegenerateRecoveryCodes()
  const [dialog, setDialog] = useState<'disable' | 'codes' | null>(null)

  return (
    <Stack gap="md">
      <Group gap="sm">
        <Badge color="teal" variant="light" size="lg" leftSection={<IconShieldCheck size={14} />}>
          On
        </Badge>
        <Text size="sm">Your account is protected by an authenticator app.</Text>
      </Group>
      <Group>
        <Button
          variant="default"
          onClick={() => {
            setDialog('codes')
          }}
        >
          New recovery codes
        </Button>
        <Button
          variant="light"
          color="red"
          leftSection={<IconShieldOff size={16} />}
          onClick={() => {
            setDialog('disable')
          }}
        >
          Turn off two-factor authentication
        </Button>
      </Group>
      <PasswordConfirmModal
        opened={dialog === 'codes'}
        title="Generate new recovery codes"
        description="Your old recovery codes stop working as soon as the new ones are made."
        confirmLabel="Generate codes"
        pending={regenerate.isPending}
        onClose={() => {
          setDialog(null)
        }}
        onConfirm={(password, onError) => {
          regenerate.mutate(password, {
            onSuccess: (r) => {
              setDialog(null)
              props.onCodes(r.recoveryCodes)
            },
            onError,
          })
        }}
      />
      <PasswordConfirmModal
        opened={dialog === 'disable'}
        title="Turn off two-factor authentication?"
        description="Signing in will need only your password. Your recovery codes will stop working."
        confirmLabel="Turn off"
        color="red"
        pending={disable.isPending}
        onClose={() => {
          setDialog(null)
        }}
        onConfirm={(password, onError) => {
          disable.mutate(password, {
            onSuccess: () => {
              setDialog(null)
              notifications.show({ color: 'orange', message: 'Two-factor authentication is off.' })
            },
            onError,
          })
        }}
      />
    </Stack>
  )
}

function MfaEnrol(props: { onCodes: (codes: string[]) => void }) {
  const setup = useMfaSetup()
  const [pending, setPending] = useState<MfaSetupReply | null>(null)

  if (!pending) {
    return (
      <Stack gap="md" align="flex-start">
        <Group gap="sm">
          <Badge color="gray" variant="light" size="lg">
            Off
          </Badge>
          <Text size="sm">Anyone with your password can sign in as you.</Text>
        </Group>
        {setup.isError ? (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(setup.error)}
          </Alert>
        ) : null}
        <Button
          leftSection={<IconShieldCheck size={16} />}
          loading={setup.isPending}
          onClick={() => {
            setup.mutate(undefined, { onSuccess: setPending })
          }}
        >
          Set up two-factor authentication
        </Button>
      </Stack>
    )
  }
  return (
    <MfaVerify
      setup={pending}
      onCancel={() => {
        setPending(null)
      }}
      onCodes={props.onCodes}
    />
  )
}

function MfaVerify(props: { setup: MfaSetupReply; onCancel: () => void; onCodes: (codes: string[]) => void }) {
  const enable = useMfaEnable()
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: { code: '' },
    validate: { code: (v) => (/^\d{6}$/.test(v.replace(/\s/g, '')) ? null : 'Enter the 6-digit code from the app') },
  })
  const submit = form.onSubmit((values) => {
    setError(null)
    enable.mutate(values.code.replace(/\s/g, ''), {
      onSuccess: (r) => {
        notifications.show({ color: 'teal', message: 'Two-factor authentication is on.' })
        props.onCodes(r.recoveryCodes)
      },
      onError: (err) => {
        form.setFieldValue('code', '')
        if (err instanceof ApiError && err.status < 500) form.setFieldError('code', err.message)
        else setError(errorMessage(err))
      },
    })
  })

  return (
    <Stack gap="md">
      <List type="ordered" spacing="md" size="sm">
        <List.Item>
          <Stack gap="xs">
            <Text size="sm">
              Scan this QR code with an authenticator app (1Password, Google Authenticator, Aegis…).
            </Text>
            <Paper withBorder p="sm" w={200} bg="white" radius="md">
              <Box
                className="keel-svg-qr"
                role="img"
                aria-label="QR code for your authenticator app"
                dangerouslySetInnerHTML={{ __html: props.setup.qrSvg }}
              />
            </Paper>
            <Text size="xs" c="dimmed">
              Cannot scan it? Enter this key in the app instead:
            </Text>
            <Box maw={440}>
              <SecretValue value={props.setup.secret} label="Setup key" />
            </Box>
          </Stack>
        </List.Item>
        <List.Item>
          <form onSubmit={submit} noValidate>
            <Stack gap="xs" maw={320}>
              <Text size="sm">Enter the 6-digit code the app shows.</Text>
              {error ? (
                <Alert color="red" variant="light" role="alert">
                  {error}
                </Alert>
              ) : null}
              <TextInput
                label="Verification code"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={7}
                required
                styles={{ input: { letterSpacing: '0.3em', fontFamily: 'var(--mantine-font-family-monospace)' } }}
                {...form.getInputProps('code')}
              />
              <Group>
                <Button type="submit" loading={enable.isPending}>
                  Turn on
                </Button>
                <Button variant="default" onClick={props.onCancel}>
                  Cancel
                </Button>
              </Group>
            </Stack>
          </form>
        </List.Item>
      </List>
    </Stack>
  )
}
