import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconDeviceDesktop } from '@tabler/icons-react'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { useMySessions, useRevokeSession } from '../../../api/me.ts'
import { useLogout } from '../../../api/session.ts'
import type { SessionInfo } from '../../../api/types.ts'
import { ConfirmModal } from '../../../ui/confirm-modal.tsx'
import { describeUserAgent, formatDateTime, fromNow } from '../../../ui/format.ts'
import { Empty, ErrorState, TableSkeleton } from '../../../ui/query-states.tsx'
import { Section } from './section.tsx'

export function SessionsSection() {
  const sessions = useMySessions()
  const revoke = useRevokeSession()
  const logout = useLogout()
  const navigate = useNavigate()
  const [target, setTarget] = useState<SessionInfo | null>(null)

  const confirm = () => {
    if (!target) return
    if (target.current) {
      logout.mutate(undefined, { onSettled: () => void navigate({ to: '/sign-in' }) })
      return
    }
    revoke.mutate(target.id, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: 'That session was signed out.' })
        setTarget(null)
      },
    })
  }

  return (
    <Section
      id="sessions"
      title="Active sessions"
      description="Browsers where you are signed in. Sign out any you do not recognise, then change your password."
    >
      {sessions.isPending ? (
        <TableSkeleton rows={2} />
      ) : sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : sessions.data.items.length === 0 ? (
        <Empty icon={<IconDeviceDesktop size={28} />} title="No active sessions" />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Active sessions" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Device</Table.Th>
                <Table.Th>Last active</Table.Th>
                <Table.Th>Signed in</Table.Th>
                <Table.Th>
                  <span className="sr-only">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...sessions.data.items]
                .sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt))
                .map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Stack gap={0}>
                        <Group gap={6}>
                          <Text size="sm" fw={500}>
                            {describeUserAgent(s.userAgent)}
                          </Text>
                          {s.current ? (
                            <Badge size="sm" color="teal" variant="light">
                              This browser
                            </Badge>
                          ) : null}
                        </Group>
                        <Text size="xs" c="dimmed">
                          {s.ip ?? 'Unknown address'}
                        </Text>
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" title={formatDateTime(s.lastSeenAt)}>
                        {fromNow(s.lastSeenAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(s.createdAt)}</Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => {
                          setTarget(s)
                        }}
                        aria-label={
                          s.current ? 'Sign out of this browser' : `Sign out ${describeUserAgent(s.userAgent)}`
                        }
                      >
                        Sign out
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ConfirmModal
        opened={target !== null}
        onClose={() => {
          setTarget(null)
          revoke.reset()
        }}
        title={target?.current ? 'Sign out of this browser?' : 'Sign out this session?'}
        confirmLabel="Sign out"
        loading={revoke.isPending || logout.isPending}
        error={revoke.error}
        onConfirm={confirm}
      >
        {target?.current
          ? 'You will need to sign in again here.'
          : `${describeUserAgent(target?.userAgent ?? null)} will be signed out and must sign in again.`}
      </ConfirmModal>
    </Section>
  )
}
