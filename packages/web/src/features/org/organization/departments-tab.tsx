import { Badge, Button, Group, Table, Text } from '@mantine/core'
import { IconHierarchy, IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { useDepartments } from '../../../api/org-structure.ts'
import type { Department } from '../../../api/types.ts'
import { AnchorLink } from '../../../ui/links.tsx'
import { Empty } from '../../../ui/query-states.tsx'
import { ExportButton } from '../export-button.tsx'
import { RowActions } from './archive-control.tsx'
import { DepartmentModal } from './department-modal.tsx'
import { StructureList } from './structure-list.tsx'

/** Departments in tree order with their depth: parents before their sub-departments, siblings by name. */
export function departmentTree(departments: Department[]): { department: Department; depth: number }[] {
  const ids = new Set(departments.map((d) => d.id))
  const children = new Map<string | null, Department[]>()
  for (const d of departments) {
    const parent = d.parentId && ids.has(d.parentId) ? d.parentId : null
    children.set(parent, [...(children.get(parent) ?? []), d])
  }
  const out: { department: Department; depth: number }[] = []
  const seen = new Set<string>()
  const stack = [...(children.get(null) ?? [])]
    .sort((a, b) => b.name.localeCompare(a.name))
    .map((d) => ({ d, depth: 0 }))
  while (stack.length) {
    const { d, depth } = stack.pop() as { d: Department; depth: number }
    if (seen.has(d.id)) continue
    seen.add(d.id)
    out.push({ department: d, depth })
    const kids = [...(children.get(d.id) ?? [])].sort((a, b) => b.name.localeCompare(a.name))
    for (const k of kids) stack.push({ d: k, depth: depth + 1 })
  }
  return out
}

type Editing = { department: Department | null } | null

export function DepartmentsTab(props: { canManage: boolean }) {
  const [showArchived, setShowArchived] = useState(false)
  const departments = useDepartments({ includeArchived: showArchived })
  const [editing, setEditing] = useState<Editing>(null)
  const rows = departmentTree(departments.data ?? [])
  const create = () => {
    setEditing({ department: null })
  }

  return (
    <>
      <StructureList
        showArchived={showArchived}
        onShowArchived={setShowArchived}
        createLabel={props.canManage ? 'New department' : null}
        onCreate={create}
        actions={<ExportButton kind="departments" />}
        query={departments}
      >
        {rows.length === 0 ? (
          <Empty
            icon={<IconHierarchy size={28} />}
            title="No departments yet"
            description="Departments group teams and people, each with a head; they can sit inside one another (Finance › Payables)."
            action={
              props.canManage ? (
                <Button leftSection={<IconPlus size={18} />} onClick={create}>
                  Create the first department
                </Button>
              ) : null
            }
          />
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label="Departments">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Department</Table.Th>
                  <Table.Th>Head</Table.Th>
                  <Table.Th ta="right">People</Table.Th>
                  {props.canManage ? (
                    <Table.Th w={110}>
                      <span className="sr-only">Actions</span>
                    </Table.Th>
                  ) : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map(({ department: d, depth }) => (
                  <Table.Tr key={d.id} style={{ opacity: d.archived ? 0.6 : 1 }}>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap" pl={depth * 24}>
                        {depth > 0 ? (
                          <Text c="dimmed" size="sm" aria-hidden="true">
                            └
                          </Text>
                        ) : null}
                        <AnchorLink to="/people" search={{ department: d.id }} fw={500} size="sm">
                          {d.name}
                        </AnchorLink>
                        {d.code ? (
                          <Badge variant="outline" color="gray" size="sm" tt="none">
                            {d.code}
                          </Badge>
                        ) : null}
                        {d.archived ? (
                          <Badge variant="light" color="gray" size="sm">
                            Archived
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {d.head ? (
                        <AnchorLink to="/people/$employeeId" params={{ employeeId: d.head.id }} size="sm">
                          {d.head.name}
                        </AnchorLink>
                      ) : (
                        <Text size="sm" c="dimmed">
                          No head
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{d.headcount}</Table.Td>
                    {props.canManage ? (
                      <Table.Td>
                        <RowActions
                          kind="departments"
                          id={d.id}
                          name={d.name}
                          archived={d.archived}
                          archiveNote="Only a department without people, teams or sub-departments can be archived. Its history is kept."
                          onEdit={() => {
                            setEditing({ department: d })
                          }}
                        />
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </StructureList>
      {props.canManage ? (
        <DepartmentModal
          opened={editing !== null}
          department={editing?.department ?? null}
          all={departments.data ?? []}
          onClose={() => {
            setEditing(null)
          }}
        />
      ) : null}
    </>
  )
}
