import { Badge, Card, Code, Group, Stack, Table, Text } from '@mantine/core'
import { IconPlus, IconShieldLock } from '@tabler/icons-react'
import { useRoles } from '../../../api/roles.ts'
import { perms, useCan } from '../../../app/auth.ts'
import { AnchorLink, ButtonLink } from '../../../ui/links.tsx'
import { PageHeader } from '../../../ui/page-header.tsx'
import { Empty, ErrorState, NoAccess, TableSkeleton } from '../../../ui/query-states.tsx'

export function RolesPage() {
  const can = useCan()
  if (!can(perms.roleRead)) return <NoAccess />
  return <RolesList canManage={can(perms.roleManage)} />
}

function RolesList(props: { canManage: boolean }) {
  const roles = useRoles()
  const newRole = props.canManage ? (
    <ButtonLink to="/roles/new" leftSection={<IconPlus size={18} />}>
      New role
    </ButtonLink>
  ) : null

  return (
    <>
      <PageHeader
        title="Roles"
        description="A role is a set of permissions, each with a reach: the user's own records, their team, their department or the whole company."
        actions={newRole}
      />
      <Card withBorder padding={0}>
        {roles.isPending ? (
          <Stack p="md">
            <TableSkeleton />
          </Stack>
        ) : roles.isError ? (
          <Stack p="md">
            <ErrorState error={roles.error} onRetry={() => void roles.refetch()} />
          </Stack>
        ) : roles.data.length === 0 ? (
          <Empty
            icon={<IconShieldLock size={28} />}
            title="No roles yet"
            description="Create a role to grant people access to parts of Keel."
            action={newRole}
          />
        ) : (
          <Table.ScrollContainer minWidth={680}>
            <Table aria-label="Roles">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Type</Table.Th>
                  <Table.Th ta="right">Permissions</Table.Th>
                  <Table.Th ta="right">Members</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...roles.data]
                  .sort((a, b) => Number(b.builtin) - Number(a.builtin) || a.name.localeCompare(b.name))
                  .map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>
                        <Stack gap={2}>
                          <Group gap="xs">
                            <AnchorLink to="/roles/$roleId" params={{ roleId: r.id }} fw={500}>
                              {r.name}
                            </AnchorLink>
                            <Code fz="xs">{r.key}</Code>
                          </Group>
                          {r.description ? (
                            <Text size="xs" c="dimmed" lineClamp={2}>
                              {r.description}
                            </Text>
                          ) : null}
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        {r.builtin ? (
                          <Badge variant="light" color="gray">
                            Built-in
                          </Badge>
                        ) : (
                          <Badge variant="light" color="violet">
                            Custom
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">{r.permissions.length}</Table.Td>
                      <Table.Td ta="right">{r.memberCount}</Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </>
  )
}
