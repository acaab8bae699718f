import { Alert, Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { PasswordInput } from '../../../ui/password-input.tsx'
import { IconAlertCircle, IconInfoCircle } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { getRouteApi, useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { ApiError, errorMessage } from '../../../api/client.ts'
import { sessionQuery, useLogin, useVerifyMfa } from '../../../api/session.ts'
import type { SessionReply } from '../../../api/types.ts'
import { AuthLayout } from '../../../ui/auth-layout.tsx'
import { AnchorLink } from '../../../ui/links.tsx'

const route = getRouteApi('/sign-in')

/** Only same-origin, in-app paths are followed after signing in. */
function safeRedirect(target: string | undefined): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/sign-in')) return '/'
  return target
}

export function SignInPage() {
  const search = route.useSearch()
  const navigate = useNavigate()
  const { data: current } = useQuery(sessionQuery)
  const [mfaFor, setMfaFor] = useState<string | null>(
    current && current.status === 'mfa_required' ? current.user.email : null,
  )

  const done = (session: SessionReply) => {
    if (session.status === 'mfa_required') {
      setMfaFor(session.user.email)
      return
    }
    void navigate({ href: safeRedirect(search.redirect), replace: true })
  }

  return mfaFor ? (
    <MfaStep
      email={mfaFor}
      onDone={done}
      onBack={() => {
        setMfaFor(null)
      }}
    />
  ) : (
    <PasswordStep
      onDone={done}
      reason={search.reason}
      signedInAs={current?.status === 'signed_in' ? current.user.displayName : null}
    />
  )
}

function PasswordStep(props: {
  onDone: (s: SessionReply) => void
  reason: string | undefined
  signedInAs: string | null
}) {
  const login = useLogin()
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter your e-mail address'),
      password: (v) => (v ? null : 'Enter your password'),
    },
  })

  const submit = form.onSubmit((values) => {
    setError(null)
    login.mutate(
      { email: values.email.trim(), password: values.password },
      {
        onSuccess: props.onDone,
        onError: (err) => {
          form.setFieldValue('password', '')
          if (err instanceof ApiError && err.status === 401) setError('The e-mail address or password is not correct.')
          else setError(errorMessage(err))
        },
      },
    )
  })

  return (
    <AuthLayout
      title="Sign in to Keel"
      subtitle="Welcome back. Sign in with your work e-mail address."
      footer="Got an invitation? Open the link in the e-mail to set your password."
    >
      {props.reason === 'expired' ? (
        <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />}>
          Your session has ended. Please sign in again.
        </Alert>
      ) : null}
      {props.signedInAs ? (
        <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />}>
          You are signed in as {props.signedInAs}.{' '}
          <AnchorLink to="/" fw={500}>
            Continue to Keel
          </AnchorLink>{' '}
          or sign in as someone else below.
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {error ? (
            <Alert variant="light" color="red" icon={<IconAlertCircle size={18} />} role="alert">
              {error}
            </Alert>
          ) : null}
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            autoFocus
            {...form.getInputProps('email')}
          />
          <Stack gap={4}>
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              {...form.getInputProps('password')}
            />
            <Group justify="flex-end">
              <AnchorLink to="/forgot-password" size="sm">
                Forgot your password?
              </AnchorLink>
            </Group>
          </Stack>
          <Button type="submit" fullWidth loading={login.isPending}>
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  )
}

function MfaStep(props: { email: string; onDone: (s: SessionReply) => void; onBack: () => void }) {
  const verify = useVerifyMfa()
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: { code: '' },
    validate: { code: (v) => (v.replace(/\s/g, '').length >= 6 ? null : 'Enter the 6-digit code or a recovery code') },
  })

  const submit = form.onSubmit((values) => {
    setError(null)
    verify.mutate(values.code.replace(/\s/g, ''), {
      onSuccess: props.onDone,
      onError: (err) => {
        form.setFieldValue('code', '')
        setError(
          err instanceof ApiError && err.status === 401 ? 'That code is not valid. Try again.' : errorMessage(err),
        )
      },
    })
  })

  return (
    <AuthLayout
      title="Two-factor authentication"
      subtitle={
        <>
          Enter the 6-digit code from your authenticator app for <b>{props.email}</b>.
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {error ? (
            <Alert variant="light" color="red" icon={<IconAlertCircle size={18} />} role="alert">
              {error}
            </Alert>
          ) : null}
          <TextInput
            label="Authentication code"
            description="Lost your device? Enter one of your recovery codes instead."
            autoComplete="one-time-code"
            inputMode="text"
            autoFocus
            required
            maxLength={32}
            styles={{ input: { letterSpacing: '0.15em', fontFamily: 'var(--mantine-font-family-monospace)' } }}
            {...form.getInputProps('code')}
          />
          <Button type="submit" fullWidth loading={verify.isPending}>
            Verify
          </Button>
          <Text ta="center" size="sm">
            <Anchor component="button" type="button" onClick={props.onBack}>
              Use a different account
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  )
}
