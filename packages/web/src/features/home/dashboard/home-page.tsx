import { Alert, Badge, Card, Group, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core'
import {
  IconArrowRight,
  IconBook2,
  IconDatabase,
  IconHeartbeat,
  IconListSearch,
  IconMail,
  IconShieldCheck,
  IconShieldLock,
  IconUserPlus,
  type Icon,
} from '@tabler/icons-react'
import { Link } from '@tanstack/react-router'
import { cloneElement, isValidElement, type ReactNode } from 'react'
import { useHealth } from '../../../api/system.ts'
import { perms, useCan, useSession } from '../../../app/auth.ts'
import { ErrorState } from '../../../ui/query-states.tsx'
import { HomeFeed } from '../../intranet/feed/home-feed.tsx'

function greeting(): string {
  const h = new Date().getHours()
  if (h < 5) return 'Good evening'
  if (h < 12) return 'Good morning'
  if (h < 18) return 'Good afternoon'
  return 'Good evening'
}

interface QuickLink {
  title: string
  description: string
  icon: Icon
  color: string
  link: ReactNode
  show: boolean
}

export function HomePage() {
  const session = useSession()
  const can = useCan()
  const firstName = session.user.displayName.split(/\s+/)[0] ?? session.user.displayName

  // Quick-link names avoid the navigation labels so each link's accessible name stays unique.
  const quickLinks: QuickLink[] = [
    {
      title: 'Invite a teammate',
      description: 'Send an invitation and choose their roles.',
      icon: IconUserPlus,
      color: 'blue',
      link: <Link to="/users" search={{ invite: true }} />,
      show: can(perms.userInvite),
    },
    {
      title: 'Manage access',
      description: 'Decide what each role may see and do.',
      icon: IconShieldLock,
      color: 'violet',
      link: <Link to="/roles" />,
      show: can(perms.roleRead),
    },
    {
      title: 'Review recent activity',
      description: 'Every change, who made it and when.',
      icon: IconListSearch,
      color: 'grape',
      link: <Link to="/audit" />,
      show: can(perms.auditRead),
    },
    {
      title: 'Check sent e-mails',
      description: 'Invitations and notices Keel has sent.',
      icon: IconMail,
      color: 'cyan',
      link: <Link to="/outbox" />,
      show: can(perms.outboxRead),
    },
    {
      title: 'Secure your account',
      description: 'Turn on two-factor authentication.',
      icon: IconShieldCheck,
      color: 'teal',
      link: <Link to="/profile" hash="two-factor" />,
      show: !session.user.mfaEnabled,
    },
    {
      title: 'Read the API reference',
      description: 'Integrate with Keel over its REST API.',
      icon: IconBook2,
      color: 'gray',
      link: <a href="/api/docs" target="_blank" rel="noopener" />,
      show: true,
    },
  ]

  return (
    <Stack gap="xl">
      <Stack gap={4}>
        <Text c="dimmed" size="sm">
          {session.company.name}
        </Text>
        <Title order={1} fz={{ base: 26, sm: 32 }}>
          {greeting()}, {firstName}
        </Title>
        <Text c="dimmed">Here is where your back office starts. Pick up where you left off.</Text>
      </Stack>

      {!session.user.mfaEnabled ? (
        <Alert variant="light" color="yellow" icon={<IconShieldCheck size={18} />} title="Protect your account">
          Two-factor authentication is off. Turn it on in your{' '}
          <Link to="/profile" hash="two-factor">
            security settings
          </Link>{' '}
          so a stolen password is not enough to get in.
        </Alert>
      ) : null}

      {can(perms.intranetAnnouncementRead) ? <HomeFeed /> : null}

      <section aria-labelledby="quick-links-title">
        <Title order={2} fz="lg" mb="sm" id="quick-links-title">
          Quick links
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }} spacing="md">
          {quickLinks
            .filter((q) => q.show)
            .map((q) => (
              <Card
                key={q.title}
                withBorder
                padding="lg"
                renderRoot={(props: Record<string, unknown>) =>
                  // The card itself is the link. Its name is the title alone, the description describes it.
                  cloneLink(q.link, { ...props, 'aria-label': q.title })
                }
                style={{ textDecoration: 'none', color: 'inherit' }}
              >
                <Group wrap="nowrap" align="flex-start" gap="md">
                  <ThemeIcon variant="light" color={q.color} size={40} radius="md" aria-hidden="true">
                    <q.icon size={22} />
                  </ThemeIcon>
                  <Stack gap={2} style={{ flex: 1 }}>
                    <Text fw={600}>{q.title}</Text>
                    <Text size="sm" c="dimmed">
                      {q.description}
                    </Text>
                  </Stack>
                  <IconArrowRight size={16} aria-hidden="true" style={{ opacity: 0.5, marginTop: 4 }} />
                </Group>
              </Card>
            ))}
        </SimpleGrid>
      </section>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <WorkspaceCard />
        <HealthCard />
      </SimpleGrid>
    </Stack>
  )
}

function cloneLink(link: ReactNode, props: Record<string, unknown>): React.ReactElement {
  if (isValidElement(link)) return cloneElement(link, props)
  return <div {...props} />
}

function WorkspaceCard() {
  const session = useSession()
  return (
    <Card withBorder padding="lg">
      <Title order={2} fz="lg" mb="sm">
        Your workspace
      </Title>
      <Stack gap="xs">
        <Row label="Company" value={session.company.name} />
        <Row label="Signed in as" value={`${session.user.displayName} (${session.user.email})`} />
        <Row
          label="Two-factor authentication"
          value={
            <Badge color={session.user.mfaEnabled ? 'teal' : 'yellow'} variant="light">
              {session.user.mfaEnabled ? 'On' : 'Off'}
            </Badge>
          }
        />
        <Row label="Permissions" value={`${session.permissions.length}`} />
        {session.companies.length > 1 ? (
          <Row label="Companies you belong to" value={`${session.companies.length}`} />
        ) : null}
      </Stack>
    </Card>
  )
}

function HealthCard() {
  const health = useHealth()
  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="lg">
          System health
        </Title>
        {health.data ? (
          <Badge color="teal" variant="light" leftSection={<IconHeartbeat size={12} />}>
            Operational
          </Badge>
        ) : null}
      </Group>
      {health.isPending ? (
        <Stack gap="xs" aria-label="Loading system health">
          <Skeleton h={18} />
          <Skeleton h={18} />
          <Skeleton h={18} />
        </Stack>
      ) : health.isError ? (
        <ErrorState
          error={health.error}
          title="Keel's health check did not answer"
          onRetry={() => void health.refetch()}
        />
      ) : (
        <Stack gap="xs">
          <Row label="Status" value="All systems normal" />
          <Row
            label="Database"
            value={
              <Group gap={6} wrap="nowrap">
                <IconDatabase size={14} aria-hidden="true" />
                {health.data.database === 'pglite' ? 'Embedded (PGlite)' : 'PostgreSQL'}
              </Group>
            }
          />
          <Row label="Schema version" value={health.data.schemaVersion} />
          <Row label="Keel version" value={health.data.version} />
        </Stack>
      )}
    </Card>
  )
}

function Row(props: { label: string; value: ReactNode }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="md">
      <Text size="sm" c="dimmed">
        {props.label}
      </Text>
      <Text size="sm" fw={500} ta="right" component="div" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
        {props.value}
      </Text>
    </Group>
  )
}
