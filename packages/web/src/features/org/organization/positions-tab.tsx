import { Badge, Button, Group, Table, Text } from '@mantine/core'
import { IconBriefcase, IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { usePositions } from '../../../api/org-structure.ts'
import type { Position } from '../../../api/types.ts'
import { AnchorLink } from '../../../ui/links.tsx'
import { Empty } from '../../../ui/query-states.tsx'
import { RowActions } from './archive-control.tsx'
import { PositionModal } from './position-modal.tsx'
import { StructureList } from './structure-list.tsx'

type Editing = { position: Position | null } | null

export function PositionsTab(props: { canManage: boolean }) {
  const [showArchived, setShowArchived] = useState(false)
  const positions = usePositions({ includeArchived: showArchived })
  const [editing, setEditing] = useState<Editing>(null)
  const rows = [...(positions.data ?? [])].sort((a, b) => a.title.localeCompare(b.title))
  const create = () => {
    setEditing({ position: null })
  }

  return (
    <>
      <StructureList
        showArchived={showArchived}
        onShowArchived={setShowArchived}
        createLabel={props.canManage ? 'New position' : null}
        onCreate={create}
        query={positions}
      >
        {rows.length === 0 ? (
          <Empty
            icon={<IconBriefcase size={28} />}
            title="No positions yet"
            description="Positions are the job titles people hold, such as Accountant or IT support specialist."
            action={
              props.canManage ? (
                <Button leftSection={<IconPlus size={18} />} onClick={create}>
                  Create the first position
                </Button>
              ) : null
            }
          />
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table aria-label="Positions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Position</Table.Th>
                  <Table.Th>Department</Table.Th>
                  <Table.Th ta="right">People</Table.Th>
                  {props.canManage ? (
                    <Table.Th w={110}>
                      <span className="sr-only">Actions</span>
                    </Table.Th>
                  ) : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((p) => (
                  <Table.Tr key={p.id} style={{ opacity: p.archived ? 0.6 : 1 }}>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <AnchorLink to="/people" search={{ position: p.id }} fw={500} size="sm">
                          {p.title}
                        </AnchorLink>
                        {p.archived ? (
                          <Badge variant="light" color="gray" size="sm">
                            Archived
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={p.department ? 'var(--mantine-color-text)' : 'dimmed'}>
                        {p.department?.name ?? 'Any department'}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{p.headcount}</Table.Td>
                    {props.canManage ? (
                      <Table.Td>
                        <RowActions
                          kind="positions"
                          id={p.id}
                          name={p.title}
                          archived={p.archived}
                          archiveNote="Only a position nobody holds can be archived. Its history is kept."
                          onEdit={() => {
                            setEditing({ position: p })
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
        <PositionModal
          opened={editing !== null}
          position={editing?.position ?? null}
          onClose={() => {
            setEditing(null)
          }}
        />
      ) : null}
    </>
  )
}
