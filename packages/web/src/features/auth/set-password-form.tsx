import { Alert, Button, Stack } from '@mantine/core'
import { useForm } from '@mantine/form'
import { PasswordInput } from '../../ui/password-input.tsx'
import { IconAlertCircle } from '@tabler/icons-react'
import { useState } from 'react'
import { applyApiError } from '../../ui/form-errors.ts'
import { passwordHint, validateNewPassword } from './password-rules.ts'

/** Choose a password: used by invitation acceptance and password reset. */
export function SetPasswordForm(props: {
  submitLabel: string
  pending: boolean
  onSubmit: (password: string, handlers: { onError: (err: unknown) => void }) => void
}) {
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: { password: '' },
    validate: { password: validateNewPassword },
  })
  const submit = form.onSubmit((values) => {
    setError(null)
    props.onSubmit(values.password, {
      onError: (err) => {
        setError(applyApiError(form, err))
      },
    })
  })
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
            {error}
          </Alert>
        ) : null}
        <PasswordInput
          label="Password"
          description={passwordHint}
          autoComplete="new-password"
          required
          autoFocus
          {...form.getInputProps('password')}
        />
        <Button type="submit" loading={props.pending} fullWidth>
          {props.submitLabel}
        </Button>
      </Stack>
    </form>
  )
}
