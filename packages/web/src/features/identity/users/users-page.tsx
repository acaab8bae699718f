import {
  Avatar,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconSearch, IconShieldCheck, IconUserPlus, IconUsers } from '@tabler/icons-react'
import { getRouteApi, useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import type { UserStatus } from '../../../api/types.ts'
import { useUsers } from '../../../api/users.ts'
import { perms, useCan } from '../../../app/auth.ts'
import { initials } from '../../../app/layout/user-menu.tsx'
import { formatDate } from '../../../ui/format.ts'
import { AnchorLink } from '../../../ui/links.tsx'
import { PageHeader } from '../../../ui/page-header.tsx'
import { Empty, ErrorState, NoAccess, TableSkeleton } from '../../../ui/query-states.tsx'
import { InviteUserModal } from './invite-user-modal.tsx'
import { UserStatusBadge } from './user-status-badge.tsx'

const route = getRouteApi('/app/users')

type StatusFilter = 'all' | UserStatus

export function UsersPage() {
  const can = useCan()
  if (!can(perms.userRead)) return <NoAccess />
  return <UsersList canInvite={can(perms.userInvite)} />
}

function UsersList(props: { canInvite: boolean }) {
  const search = route.useSearch()
  const navigate = useNavigate()
  const [q, setQ] = useState('')
  const [debouncedQ] = useDebouncedValue(q.trim(), 300)
  const [status, setStatus] = useState<StatusFilter>('all')
  const users = useUsers({
    ...(debouncedQ ? { q: debouncedQ } : {}),
    ...(status !== 'all' ? { status } : {}),
  })

  const inviteOpen = props.canInvite && search.invite === true
  const setInviteOpen = (open: boolean) =>
    void navigate({ to: '/users', search: open ? { invite: true } : {}, replace: true })

  const rows = users.data?.pages.flatMap((p) => p.items) ?? []
  const filtered = debouncedQ !== '' || status !== 'all'

  return (
    <>
      <PageHeader
        title="Users"
        description="Everyone who can sign in to this company, and the roles that decide what they may do."
        actions={
          props.canInvite ? (
            <Button
              leftSection={<IconUserPlus size={18} />}
              onClick={() => {
                setInviteOpen(true)
              }}
            >
              Invite user
            </Button>
          ) : null
        }
      />

      <Card withBorder padding={0}>
        <Group p="md" gap="md" wrap="wrap" justify="space-between">
          <TextInput
            aria-label="Search users"
            placeholder="Search by name or e-mail"
            leftSection={<IconSearch size={16} aria-hidden="true" />}
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value)
            }}
            style={{ flex: '1 1 260px', maxWidth: 420 }}
            type="search"
          />
          <SegmentedControl
            aria-label="Status"
            value={status}
            onChange={(v) => {
              setStatus(v)
            }}
            data={[
              { value: 'all', label: 'All' },
              { value: 'active', label: 'Active' },
              { value: 'invited', label: 'Invited' },
              { value: 'deactivated', label: 'Deactivated' },
            ]}
          />
        </Group>

        {users.isPending ? (
          <Stack p="md">
            <TableSkeleton />
          </Stack>
        ) : users.isError ? (
          <Stack p="md">
            <ErrorState error={users.error} onRetry={() => void users.refetch()} />
          </Stack>
        ) : rows.length === 0 ? (
          filtered ? (
            <Empty
              icon={<IconSearch size={28} />}
              title="No users match"
              description="Try another name or e-mail address, or clear the status filter."
              action={
                <Button
                  variant="default"
                  onClick={() => {
                    setQ('')
                    setStatus('all')
                  }}
                >
                  Clear filters
                </Button>
              }
            />
          ) : (
            <Empty
              icon={<IconUsers size={28} />}
              title="No users yet"
              description="Invite the people who work in your back office."
              action={
                props.canInvite ? (
                  <Button
                    leftSection={<IconUserPlus size={18} />}
                    onClick={() => {
                      setInviteOpen(true)
                    }}
                  >
                    Invite your first user
                  </Button>
                ) : null
              }
            />
          )
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table aria-label="Users">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Roles</Table.Th>
                  <Table.Th>Added</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((u) => (
                  <Table.Tr key={u.id}>
                    <Table.Td>
                      <Group gap="sm" wrap="nowrap">
                        <Avatar radius="xl" size={34} color="blue" aria-hidden="true">
                          {initials(u.displayName)}
                        </Avatar>
                        <Stack gap={0} style={{ minWidth: 0 }}>
                          <Group gap={6} wrap="nowrap">
                            <AnchorLink to="/users/$userId" params={{ userId: u.id }} fw={500}>
                              {u.displayName}
                            </AnchorLink>
                            {u.mfaEnabled ? (
                              <Tooltip label="Two-factor authentication on">
                                <IconShieldCheck size={15} color="var(--mantine-color-teal-6)" aria-label="2FA on" />
                              </Tooltip>
                            ) : null}
                          </Group>
                          <Text size="xs" c="dimmed" truncate>
                            {u.email}
                          </Text>
                        </Stack>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <UserStatusBadge status={u.status} />
                        {u.external ? (
                          <Badge variant="light" color="orange">
                            External
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {u.roles.length === 0 ? (
                          <Text size="sm" c="dimmed">
                            No roles
                          </Text>
                        ) : (
                          u.roles.map((r) => (
                            <Badge key={r.id} variant="outline" color="gray" tt="none">
                              {r.name}
                            </Badge>
                          ))
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDate(u.createdAt)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}

        {users.hasNextPage ? (
          <Group justify="center" p="md">
            <Button variant="default" onClick={() => void users.fetchNextPage()} loading={users.isFetchingNextPage}>
              Load more
            </Button>
          </Group>
        ) : null}
      </Card>

      {props.canInvite ? (
        <InviteUserModal
          opened={inviteOpen}
          onClose={() => {
            setInviteOpen(false)
          }}
        />
      ) : null}
    </>
  )
}
