import { Stack } from '@mantine/core'
import { PageHeader } from '../../../ui/page-header.tsx'
import { DetailsSection } from './details-section.tsx'
import { MfaSection } from './mfa-section.tsx'
import { PasswordSection } from './password-section.tsx'
import { SessionsSection } from './sessions-section.tsx'

export function ProfilePage() {
  return (
    <>
      <PageHeader title="Profile" description="Your name, password, two-factor authentication and signed-in devices." />
      <Stack gap="lg">
        <DetailsSection />
        <PasswordSection />
        <MfaSection />
        <SessionsSection />
      </Stack>
    </>
  )
}
