import { Alert, Stack, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { getRouteApi, useNavigate } from '@tanstack/react-router'
import { useCompletePasswordReset } from '../../../api/session.ts'
import { AuthLayout } from '../../../ui/auth-layout.tsx'
import { AnchorLink } from '../../../ui/links.tsx'
import { SetPasswordForm } from '../set-password-form.tsx'

const route = getRouteApi('/reset-password')

export function ResetPasswordPage() {
  const { token } = route.useSearch()
  const complete = useCompletePasswordReset()
  const navigate = useNavigate()

  return (
    <AuthLayout
      title="Choose a new password"
      subtitle="After this, sign in with your new password. Your other sessions are signed out."
      footer={<AnchorLink to="/sign-in">Back to sign in</AnchorLink>}
    >
      {!token ? (
        <Alert color="red" variant="light" title="This link is incomplete">
          <Stack gap="xs">
            <Text size="sm">Open the link from the e-mail again, or ask for a new one.</Text>
            <AnchorLink to="/forgot-password" size="sm">
              Request a new reset link
            </AnchorLink>
          </Stack>
        </Alert>
      ) : (
        <SetPasswordForm
          submitLabel="Set new password"
          pending={complete.isPending}
          onSubmit={(password, handlers) => {
            complete.mutate(
              { token, password },
              {
                ...handlers,
                onSuccess: () => {
                  notifications.show({ color: 'teal', message: 'Your password was changed. Sign in to continue.' })
                  void navigate({ to: '/sign-in' })
                },
              },
            )
          }}
        />
      )}
    </AuthLayout>
  )
}
