import { Badge, Button, Card, Divider, Group, Stack, Text, Title, Tooltip } from '@mantine/core'
import { IconMail, IconRefresh } from '@tabler/icons-react'
import { useOutbox } from '../../../api/mail.ts'
import type { OutboxMessage } from '../../../api/types.ts'
import { perms, useCan } from '../../../app/auth.ts'
import { formatDateTime, fromNow } from '../../../ui/format.ts'
import { LinkifiedText } from '../../../ui/linkified-text.tsx'
import { PageHeader } from '../../../ui/page-header.tsx'
import { Empty, ErrorState, NoAccess, TableSkeleton } from '../../../ui/query-states.tsx'

const statusLook: Record<OutboxMessage['status'], { color: string; label: string }> = {
  queued: { color: 'blue', label: 'Queued' },
  sent: { color: 'teal', label: 'Sent' },
  outbox: { color: 'grape', label: 'Kept in outbox' },
  failed: { color: 'red', label: 'Failed' },
}

export function OutboxPage() {
  const can = useCan()
  if (!can(perms.outboxRead)) return <NoAccess />
  return <Outbox />
}

function Outbox() {
  const outbox = useOutbox()
  const messages = outbox.data?.pages.flatMap((p) => p.items) ?? []

  return (
    <>
      <PageHeader
        title="Outbox"
        description="E-mails Keel has sent or would send. Without an SMTP server configured, messages stay here so you can read them — including invitation and password-reset links."
        actions={
          <Button
            variant="default"
            leftSection={<IconRefresh size={16} />}
            onClick={() => void outbox.refetch()}
            loading={outbox.isRefetching && !outbox.isFetchingNextPage}
          >
            Refresh
          </Button>
        }
      />
      {outbox.isPending ? (
        <TableSkeleton rows={4} />
      ) : outbox.isError ? (
        <ErrorState error={outbox.error} onRetry={() => void outbox.refetch()} />
      ) : messages.length === 0 ? (
        <Card withBorder>
          <Empty
            icon={<IconMail size={28} />}
            title="No e-mails yet"
            description="When Keel sends an e-mail — an invitation, a password reset — it shows up here."
          />
        </Card>
      ) : (
        <Stack gap="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="E-mails">
          {messages.map((m) => (
            <MessageCard key={m.id} message={m} />
          ))}
        </Stack>
      )}
      {outbox.hasNextPage ? (
        <Group justify="center" mt="md">
          <Button variant="default" onClick={() => void outbox.fetchNextPage()} loading={outbox.isFetchingNextPage}>
            Load more
          </Button>
        </Group>
      ) : null}
    </>
  )
}

function MessageCard(props: { message: OutboxMessage }) {
  const m = props.message
  const look = statusLook[m.status]
  const titleId = `mail-${m.id}`
  return (
    <Card withBorder padding="lg" component="li" aria-labelledby={titleId}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 300px' }}>
          <Title order={2} fz="md" id={titleId}>
            {m.subject}
          </Title>
          <Text size="sm" c="dimmed">
            To{' '}
            <Text span c="var(--mantine-color-text)" fw={500}>
              {m.to}
            </Text>
          </Text>
        </Stack>
        <Group gap="sm">
          <Badge color={look.color} variant="light">
            {look.label}
          </Badge>
          <Tooltip label={formatDateTime(m.sentAt ?? m.createdAt)} withArrow>
            <Text size="sm" c="dimmed" component="time" dateTime={m.sentAt ?? m.createdAt} tabIndex={0}>
              {fromNow(m.sentAt ?? m.createdAt)}
            </Text>
          </Tooltip>
        </Group>
      </Group>
      <Divider my="sm" />
      <Text
        size="sm"
        component="div"
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: 'var(--mantine-font-family)' }}
      >
        <LinkifiedText text={m.textBody} />
      </Text>
    </Card>
  )
}
