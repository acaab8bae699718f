import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconArrowLeft, IconPencil, IconPin, IconTrash } from '@tabler/icons-react'
import { useParams } from '@tanstack/react-router'
import { useEffect, useRef, useState } from 'react'
import { useAnnouncement, useMarkRead, useWithdrawAnnouncement, type Announcement } from '../../../api/intranet.ts'
import { perms, useCan } from '../../../app/auth.ts'
import { ConfirmModal } from '../../../ui/confirm-modal.tsx'
import { formatDateTime } from '../../../ui/format.ts'
import { AnchorLink } from '../../../ui/links.tsx'
import { ErrorState, LoadingState } from '../../../ui/query-states.tsx'
import { AcknowledgeButton } from '../shared/acknowledge-button.tsx'
import { AudienceBadges } from '../shared/audience.tsx'
import { CompliancePanel } from '../shared/compliance-panel.tsx'
import { MessageBody } from '../shared/message-body.tsx'
import { StatusBadge } from '../shared/status-badge.tsx'
import { AnnouncementModal } from './announcement-modal.tsx'

/** One announcement: its text, the reader's acknowledgement, and for managers editing and the compliance view. */
export function AnnouncementPage() {
  const { announcementId } = useParams({ from: '/app/intranet/announcements/$announcementId' })
  const announcement = useAnnouncement(announcementId)
  if (announcement.isPending) return <LoadingState />
  if (announcement.isError)
    return (
      <ErrorState
        error={announcement.error}
        title="This announcement is not available"
        onRetry={() => void announcement.refetch()}
      />
    )
  return <AnnouncementView announcement={announcement.data} />
}

function AnnouncementView(props: { announcement: Announcement }) {
  const { announcement: a } = props
  const can = useCan()
  const manages = can(perms.intranetAnnouncementManage)
  const markRead = useMarkRead()
  const withdraw = useWithdrawAnnouncement()
  const [editing, setEditing] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const marked = useRef(false)

  // Opening a published announcement is reading it: the first time is recorded as the read receipt.
  useEffect(() => {
    if (marked.current || !a.addressedToMe || a.readAt !== null || a.status !== 'published') return
    marked.current = true
    markRead.mutate(a.id)
  }, [a.id, a.addressedToMe, a.readAt, a.status, markRead])

  return (
    <Stack gap="lg">
      <AnchorLink to={manages ? '/intranet/announcements' : '/'} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden="true" />
          {manages ? 'All announcements' : 'Home'}
        </Group>
      </AnchorLink>
      <Card withBorder padding="lg" component="article" aria-labelledby="announcement-title">
        <Stack>
          <Group justify="space-between" align="flex-start">
            <Stack gap={4} style={{ flex: 1 }}>
              <Group gap="xs">
                {a.pinned ? <IconPin size={18} aria-label="Pinned" /> : null}
                <Title order={1} fz={{ base: 22, sm: 26 }} id="announcement-title">
                  {a.title}
                </Title>
              </Group>
              <Text size="sm" c="dimmed">
                {a.author.name} · {formatDateTime(a.publishAt)}
                {a.expiresAt ? ` · until ${formatDateTime(a.expiresAt)}` : ''}
              </Text>
            </Stack>
            {manages ? <StatusBadge status={a.status} /> : null}
          </Group>
          <AudienceBadges audience={a.audience} />
          <MessageBody text={a.body} />
          {a.requiresAcknowledgement && a.addressedToMe && a.status === 'published' ? (
            <Group>
              <AcknowledgeButton kind="announcement" id={a.id} acknowledgedAt={a.acknowledgedAt} title={a.title} />
            </Group>
          ) : null}
          {manages && a.status !== 'withdrawn' ? (
            <Group gap="sm">
              <Button
                variant="default"
                leftSection={<IconPencil size={16} />}
                onClick={() => {
                  setEditing(true)
                }}
              >
                Edit
              </Button>
              <Button
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={16} />}
                onClick={() => {
                  setConfirming(true)
                }}
              >
                Withdraw
              </Button>
            </Group>
          ) : null}
          {a.status === 'withdrawn' ? (
            <Alert color="red" variant="light">
              Withdrawn {formatDateTime(a.withdrawnAt)}: it no longer shows in anyone's feed.
            </Alert>
          ) : null}
        </Stack>
      </Card>
      {can(perms.intranetComplianceRead) ? (
        <CompliancePanel
          item={{ kind: 'announcement', id: a.id }}
          remindersApply={a.requiresAcknowledgement}
          title={a.requiresAcknowledgement ? 'Who has acknowledged it' : 'Who has read it'}
        />
      ) : null}
      <AnnouncementModal
        opened={editing}
        announcement={a}
        onClose={() => {
          setEditing(false)
        }}
      />
      <ConfirmModal
        opened={confirming}
        onClose={() => {
          setConfirming(false)
        }}
        title="Withdraw this announcement?"
        confirmLabel="Withdraw"
        color="red"
        loading={withdraw.isPending}
        error={withdraw.error}
        onConfirm={() => {
          withdraw.mutate(a, {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: `“${a.title}” was withdrawn.` })
              setConfirming(false)
            },
          })
        }}
      >
        It disappears from every feed at once. Read receipts and acknowledgements are kept.
      </ConfirmModal>
    </Stack>
  )
}
