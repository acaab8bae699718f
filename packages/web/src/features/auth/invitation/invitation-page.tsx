import { Alert, Stack, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useQueryClient } from '@tanstack/react-query'
import { getRouteApi, useNavigate } from '@tanstack/react-router'
import { forgetSession, useAcceptInvitation } from '../../../api/session.ts'
import { AuthLayout } from '../../../ui/auth-layout.tsx'
import { AnchorLink } from '../../../ui/links.tsx'
import { SetPasswordForm } from '../set-password-form.tsx'

const route = getRouteApi('/invitation')

export function InvitationPage() {
  const { token } = route.useSearch()
  const accept = useAcceptInvitation()
  const navigate = useNavigate()
  const client = useQueryClient()

  return (
    <AuthLayout
      title="Welcome to Keel"
      subtitle="You have been invited to join your team on Keel. Choose a password to activate your account."
      footer={
        <>
          Already set up? <AnchorLink to="/sign-in">Sign in</AnchorLink>
        </>
      }
    >
      {!token ? (
        <Alert color="red" variant="light" title="This invitation link is incomplete">
          <Stack gap="xs">
            <Text size="sm">
              Open the link from the invitation e-mail again, or ask your administrator to invite you again.
            </Text>
          </Stack>
        </Alert>
      ) : (
        <SetPasswordForm
          submitLabel="Activate account"
          pending={accept.isPending}
          onSubmit={(password, handlers) => {
            accept.mutate(
              { token, password },
              {
                ...handlers,
                onSuccess: () => {
                  // Whoever was signed in on this browser is not the new user.
                  forgetSession(client)
                  notifications.show({
                    color: 'teal',
                    title: 'Your account is ready',
                    message: 'Sign in with your e-mail address and new password.',
                  })
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
