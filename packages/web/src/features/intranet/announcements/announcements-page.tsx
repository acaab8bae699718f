import { Button, Card, Group, SegmentedControl, Stack, Table, Text, Tooltip } from '@mantine/core'
import { IconPin, IconPlus, IconSpeakerphone } from '@tabler/icons-react'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { useAnnouncements, type AnnouncementStatus } from '../../../api/intranet.ts'
import { perms, useCan } from '../../../app/auth.ts'
import { formatDateTime } from '../../../ui/format.ts'
import { AnchorLink } from '../../../ui/links.tsx'
import { PageHeader } from '../../../ui/page-header.tsx'
import { Empty, ErrorState, NoAccess, TableSkeleton } from '../../../ui/query-states.tsx'
import { AudienceBadges } from '../shared/audience.tsx'
import { StatusBadge } from '../shared/status-badge.tsx'
import { AnnouncementModal } from './announcement-modal.tsx'

type Filter = AnnouncementStatus | 'all'

/** Every announcement of the company for those who publish them, with how far each has reached. */
export function AnnouncementsPage() {
  const can = useCan()
  if (!can(perms.intranetAnnouncementManage)) return <NoAccess />
  return <AnnouncementsList />
}

function AnnouncementsList() {
  const [filter, setFilter] = useState<Filter>('all')
  const [composing, setComposing] = useState(false)
  const navigate = useNavigate()
  const list = useAnnouncements(filter === 'all' ? undefined : filter)
  const rows = list.data?.pages.flatMap((p) => p.items) ?? []
  const compose = () => {
    setComposing(true)
  }

  return (
    <>
      <PageHeader
        title="Announcements"
        description="News for the whole company, a department, a team or an office. Pin, schedule, and ask for acknowledgement."
        actions={
          <Button leftSection={<IconPlus size={18} />} onClick={compose}>
            New announcement
          </Button>
        }
      />
      <Stack>
        <SegmentedControl
          aria-label="Show"
          value={filter}
          onChange={(v) => {
            setFilter(v)
          }}
          data={[
            { value: 'all', label: 'All' },
            { value: 'published', label: 'Published' },
            { value: 'scheduled', label: 'Scheduled' },
            { value: 'expired', label: 'Expired' },
            { value: 'withdrawn', label: 'Withdrawn' },
          ]}
          style={{ alignSelf: 'flex-start' }}
        />
        <Card withBorder padding={0}>
          {list.isPending ? (
            <TableSkeleton />
          ) : list.isError ? (
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          ) : rows.length === 0 ? (
            <Empty
              icon={<IconSpeakerphone size={28} />}
              title={filter === 'all' ? 'No announcements yet' : `No ${filter} announcements`}
              description="Announcements appear on the home page of everyone in their audience. Ask for acknowledgement when people must confirm they have read it."
              action={
                <Button leftSection={<IconPlus size={18} />} onClick={compose}>
                  Write the first one
                </Button>
              }
            />
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table aria-label="Announcements" highlightOnHover verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Announcement</Table.Th>
                    <Table.Th>Audience</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Publication</Table.Th>
                    <Table.Th ta="right">Reached</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          {a.pinned ? (
                            <Tooltip label="Pinned">
                              <IconPin size={16} aria-label="Pinned" />
                            </Tooltip>
                          ) : null}
                          <AnchorLink
                            to="/intranet/announcements/$announcementId"
                            params={{ announcementId: a.id }}
                            fw={500}
                            size="sm"
                          >
                            {a.title}
                          </AnchorLink>
                        </Group>
                        <Text size="xs" c="dimmed">
                          by {a.author.name}
                          {a.requiresAcknowledgement ? ' · must be acknowledged' : ''}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <AudienceBadges audience={a.audience} />
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <StatusBadge status={a.status} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{formatDateTime(a.publishAt)}</Text>
                        {a.expiresAt ? (
                          <Text size="xs" c="dimmed">
                            until {formatDateTime(a.expiresAt)}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                        {a.requiresAcknowledgement ? (
                          <Text size="sm" fw={600} c={a.acknowledgedCount === a.audienceSize ? 'teal' : 'orange'}>
                            {a.acknowledgedCount} / {a.audienceSize} acknowledged
                          </Text>
                        ) : (
                          <Text size="sm">
                            {a.readCount} / {a.audienceSize} read
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Card>
        {list.hasNextPage ? (
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            Show more
          </Button>
        ) : null}
      </Stack>
      <AnnouncementModal
        opened={composing}
        announcement={null}
        onClose={() => {
          setComposing(false)
        }}
        onSaved={(saved) => {
          void navigate({ to: '/intranet/announcements/$announcementId', params: { announcementId: saved.id } })
        }}
      />
    </>
  )
}
