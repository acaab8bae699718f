import { Alert, Button, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconMailCheck } from '@tabler/icons-react'
import { useState } from 'react'
import { useRequestPasswordReset } from '../../../api/session.ts'
import { AuthLayout } from '../../../ui/auth-layout.tsx'
import { applyApiError } from '../../../ui/form-errors.ts'
import { AnchorLink } from '../../../ui/links.tsx'

export function ForgotPasswordPage() {
  const request = useRequestPasswordReset()
  const [sentTo, setSentTo] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: { email: '' },
    validate: { email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter your e-mail address') },
  })

  const submit = form.onSubmit((values) => {
    setError(null)
    request.mutate(values.email.trim(), {
      onSuccess: () => {
        setSentTo(values.email.trim())
      },
      onError: (err) => {
        setError(applyApiError(form, err))
      },
    })
  })

  return (
    <AuthLayout
      title="Reset your password"
      subtitle="We will e-mail you a link to choose a new password."
      footer={<AnchorLink to="/sign-in">Back to sign in</AnchorLink>}
    >
      {sentTo ? (
        <Alert color="teal" variant="light" icon={<IconMailCheck size={18} />} title="Check your inbox" role="status">
          <Text size="sm">
            If an account exists for <b>{sentTo}</b>, an e-mail with a reset link is on its way. The link is valid for a
            limited time.
          </Text>
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            {error ? (
              <Alert color="red" variant="light" role="alert">
                {error}
              </Alert>
            ) : null}
            <TextInput
              label="Email"
              type="email"
              autoComplete="email"
              required
              autoFocus
              {...form.getInputProps('email')}
            />
            <Button type="submit" loading={request.isPending} fullWidth>
              Send reset link
            </Button>
          </Stack>
        </form>
      )}
    </AuthLayout>
  )
}
