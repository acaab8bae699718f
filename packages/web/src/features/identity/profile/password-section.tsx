import { Alert, Button, Group, Stack } from '@mantine/core'
import { useForm } from '@mantine/form'
import { PasswordInput } from '../../../ui/password-input.tsx'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { ApiError } from '../../../api/client.ts'
import { useChangePassword } from '../../../api/me.ts'
import { applyApiError } from '../../../ui/form-errors.ts'
import { passwordHint, validateNewPassword } from '../../auth/password-rules.ts'
import { Section } from './section.tsx'

export function PasswordSection() {
  const change = useChangePassword()
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '' },
    validate: {
      currentPassword: (v) => (v ? null : 'Enter your current password'),
      newPassword: validateNewPassword,
    },
  })

  const submit = form.onSubmit((values) => {
    setError(null)
    change.mutate(values, {
      onSuccess: () => {
        form.reset()
        notifications.show({ color: 'teal', message: 'Your password was changed.' })
      },
      onError: (err) => {
        if (
          err instanceof ApiError &&
          (err.status === 401 || err.status === 403) &&
          !err.fieldErrors()['currentPassword']
        ) {
          form.setFieldError('currentPassword', 'This is not your current password')
          return
        }
        setError(applyApiError(form, err, { password: 'newPassword' }))
      },
    })
  })

  return (
    <Section
      id="password"
      title="Password"
      description="Choose a long password you do not use anywhere else. Changing it signs out your other sessions."
    >
      <form onSubmit={submit} noValidate>
        <Stack maw={440}>
          {error ? (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          ) : null}
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            required
            {...form.getInputProps('currentPassword')}
          />
          <PasswordInput
            label="New password"
            description={passwordHint}
            autoComplete="new-password"
            required
            {...form.getInputProps('newPassword')}
          />
          <Group>
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  )
}
