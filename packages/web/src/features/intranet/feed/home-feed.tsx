import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core'
import { IconFileCertificate, IconPin, IconSpeakerphone } from '@tabler/icons-react'
import { useFeed, useMarkRead, type Announcement, type PolicyAwaiting } from '../../../api/intranet.ts'
import { formatDate, fromNow } from '../../../ui/format.ts'
import { AnchorLink, ButtonLink } from '../../../ui/links.tsx'
import { Empty, ErrorState, TableSkeleton } from '../../../ui/query-states.tsx'
import { AcknowledgeButton } from '../shared/acknowledge-button.tsx'
import { MessageBody } from '../shared/message-body.tsx'

/**
 * The home page's feed: policies waiting for the viewer's acknowledgement,
 * pinned announcements, then the newest ones addressed to them, with unread
 * markers and Acknowledge buttons.
 */
export function HomeFeed() {
  const feed = useFeed()
  const first = feed.data?.pages[0]
  const pinned = first?.pinned ?? []
  const announcements = feed.data?.pages.flatMap((p) => p.announcements) ?? []
  const policies = first?.policiesAwaiting ?? []

  return (
    <section aria-labelledby="feed-title">
      <Group justify="space-between" mb="sm" align="center">
        <Group gap="sm">
          <Title order={2} fz="lg" id="feed-title">
            For you
          </Title>
          {first && first.unreadCount > 0 ? (
            <Badge color="blue" variant="filled" data-testid="feed-unread-count">
              {first.unreadCount} unread
            </Badge>
          ) : null}
          {first && first.awaitingAcknowledgementCount > 0 ? (
            <Badge color="orange" variant="filled" data-testid="feed-awaiting-count">
              {first.awaitingAcknowledgementCount} to acknowledge
            </Badge>
          ) : null}
        </Group>
        <AnchorLink to="/intranet/policies" size="sm">
          All policies
        </AnchorLink>
      </Group>
      {feed.isPending ? (
        <TableSkeleton rows={3} />
      ) : feed.isError ? (
        <ErrorState error={feed.error} title="Your feed did not load" onRetry={() => void feed.refetch()} />
      ) : pinned.length + announcements.length + policies.length === 0 ? (
        <Card withBorder>
          <Empty
            icon={<IconSpeakerphone size={28} />}
            title="Nothing new for you"
            description="Announcements for your company, department, team and office, and policies you need to acknowledge, show up here."
          />
        </Card>
      ) : (
        <Stack gap="sm">
          {policies.map((p) => (
            <PolicyCard key={p.versionId} policy={p} />
          ))}
          {pinned.map((a) => (
            <AnnouncementCard key={a.id} announcement={a} />
          ))}
          {announcements.map((a) => (
            <AnnouncementCard key={a.id} announcement={a} />
          ))}
          {feed.hasNextPage ? (
            <Button variant="default" onClick={() => void feed.fetchNextPage()} loading={feed.isFetchingNextPage}>
              Show older announcements
            </Button>
          ) : null}
        </Stack>
      )}
    </section>
  )
}

function PolicyCard(props: { policy: PolicyAwaiting }) {
  const { policy } = props
  return (
    <Card withBorder padding="md" style={{ borderLeft: '4px solid var(--mantine-color-orange-6)' }} component="article">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <IconFileCertificate size={22} aria-hidden="true" style={{ flexShrink: 0, marginTop: 2 }} />
          <Stack gap={2}>
            <Text fw={600}>
              {policy.title}, version {policy.versionNumber}
            </Text>
            <Text size="sm" c="dimmed">
              Policy to acknowledge · effective {formatDate(policy.effectiveDate)}
            </Text>
            {policy.summaryOfChanges ? <Text size="sm">What changed: {policy.summaryOfChanges}</Text> : null}
          </Stack>
        </Group>
        <ButtonLink
          to="/intranet/policies/$policyId"
          params={{ policyId: policy.policyId }}
          size="sm"
          variant="light"
          color="orange"
          aria-label={`Read and acknowledge ${policy.title}`}
        >
          Read and acknowledge
        </ButtonLink>
      </Group>
    </Card>
  )
}

function AnnouncementCard(props: { announcement: Announcement }) {
  const { announcement: a } = props
  const markRead = useMarkRead()
  const unread = a.readAt === null
  return (
    <Card withBorder padding="md" component="article" aria-label={a.title} data-testid="feed-announcement">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap="xs" wrap="nowrap">
            {a.pinned ? <IconPin size={16} aria-label="Pinned" /> : null}
            <AnchorLink
              to="/intranet/announcements/$announcementId"
              params={{ announcementId: a.id }}
              fw={unread ? 700 : 500}
              c="inherit"
            >
              {a.title}
            </AnchorLink>
            {unread ? (
              <Badge size="xs" color="blue" variant="light">
                New
              </Badge>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {a.author.name} · {fromNow(a.publishAt)}
          </Text>
        </Group>
        <MessageBody text={a.body} lineClamp={4} />
        <Group gap="sm">
          {a.requiresAcknowledgement ? (
            <AcknowledgeButton
              kind="announcement"
              id={a.id}
              acknowledgedAt={a.acknowledgedAt}
              title={a.title}
              size="xs"
            />
          ) : null}
          {unread && !a.requiresAcknowledgement ? (
            <Button
              size="xs"
              variant="subtle"
              loading={markRead.isPending}
              onClick={() => {
                markRead.mutate(a.id)
              }}
            >
              Mark as read
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Card>
  )
}
