import { Badge, Button, Group, Table, Text } from '@mantine/core'
import { IconPlus, IconUsersGroup } from '@tabler/icons-react'
import { Fragment, useState } from 'react'
import { useDepartments, useTeams } from '../../../api/org-structure.ts'
import type { Team } from '../../../api/types.ts'
import { AnchorLink } from '../../../ui/links.tsx'
import { Empty } from '../../../ui/query-states.tsx'
import { departmentPaths } from '../structure-selects.tsx'
import { ExportButton } from '../export-button.tsx'
import { RowActions } from './archive-control.tsx'
import { StructureList } from './structure-list.tsx'
import { TeamModal } from './team-modal.tsx'

type Editing = { team: Team | null } | null

export function TeamsTab(props: { canManage: boolean }) {
  const [showArchived, setShowArchived] = useState(false)
  const teams = useTeams({ includeArchived: showArchived })
  const departments = useDepartments({ includeArchived: true })
  const [editing, setEditing] = useState<Editing>(null)
  const paths = departmentPaths(departments.data ?? [])
  const create = () => {
    setEditing({ team: null })
  }

  // Grouped by department, departments in the order of their full names.
  const groups = new Map<string, { name: string; teams: Team[] }>()
  for (const t of teams.data ?? []) {
    const g = groups.get(t.department.id) ?? { name: paths.get(t.department.id) ?? t.department.name, teams: [] }
    g.teams.push(t)
    groups.set(t.department.id, g)
  }
  const ordered = [...groups.entries()].sort(([, a], [, b]) => a.name.localeCompare(b.name))
  const columns = props.canManage ? 4 : 3

  return (
    <>
      <StructureList
        showArchived={showArchived}
        onShowArchived={setShowArchived}
        createLabel={props.canManage ? 'New team' : null}
        onCreate={create}
        actions={<ExportButton kind="teams" />}
        query={teams}
      >
        {ordered.length === 0 ? (
          <Empty
            icon={<IconUsersGroup size={28} />}
            title="No teams yet"
            description="A team belongs to a department and has a lead; team leads see and manage their team's work."
            action={
              props.canManage ? (
                <Button leftSection={<IconPlus size={18} />} onClick={create}>
                  Create the first team
                </Button>
              ) : null
            }
          />
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label="Teams by department">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Team</Table.Th>
                  <Table.Th>Lead</Table.Th>
                  <Table.Th ta="right">People</Table.Th>
                  {props.canManage ? (
                    <Table.Th w={110}>
                      <span className="sr-only">Actions</span>
                    </Table.Th>
                  ) : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {ordered.map(([departmentId, group]) => (
                  <Fragment key={departmentId}>
                    <Table.Tr bg="var(--mantine-color-default-hover)">
                      <Table.Th colSpan={columns} scope="colgroup">
                        <Text size="sm" fw={600}>
                          {group.name}
                        </Text>
                      </Table.Th>
                    </Table.Tr>
                    {group.teams.map((t) => (
                      <Table.Tr key={t.id} style={{ opacity: t.archived ? 0.6 : 1 }}>
                        <Table.Td pl="xl">
                          <Group gap="xs" wrap="nowrap">
                            <AnchorLink
                              to="/people"
                              search={{ department: t.department.id, team: t.id }}
                              fw={500}
                              size="sm"
                            >
                              {t.name}
                            </AnchorLink>
                            {t.archived ? (
                              <Badge variant="light" color="gray" size="sm">
                                Archived
                              </Badge>
                            ) : null}
                          </Group>
                        </Table.Td>
                        <Table.Td>
                          {t.lead ? (
                            <AnchorLink to="/people/$employeeId" params={{ employeeId: t.lead.id }} size="sm">
                              {t.lead.name}
                            </AnchorLink>
                          ) : (
                            <Text size="sm" c="dimmed">
                              No lead
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td ta="right">{t.headcount}</Table.Td>
                        {props.canManage ? (
                          <Table.Td>
                            <RowActions
                              kind="teams"
                              id={t.id}
                              name={t.name}
                              archived={t.archived}
                              archiveNote="Only a team nobody is placed in can be archived. Its history is kept."
                              onEdit={() => {
                                setEditing({ team: t })
                              }}
                            />
                          </Table.Td>
                        ) : null}
                      </Table.Tr>
                    ))}
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </StructureList>
      {props.canManage ? (
        <TeamModal
          opened={editing !== null}
          team={editing?.team ?? null}
          onClose={() => {
            setEditing(null)
          }}
        />
      ) : null}
    </>
  )
}
