import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core'
import { IconBuildingFactory2, IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { useExternalFirms, type ExternalFirm } from '../../../api/org-external.ts'
import { Empty } from '../../../ui/query-states.tsx'
import { AccessReviewsPanel } from './access-reviews-panel.tsx'
import { ExternalFirmDrawer } from './external-firm-drawer.tsx'
import { ExternalFirmModal } from './external-firm-modal.tsx'
import { StructureList } from './structure-list.tsx'

/** Outsourcing firms with their contracts and people, and the periodic access reviews of those people. */
export function ExternalFirmsTab(props: { canManage: boolean }) {
  const [showArchived, setShowArchived] = useState(false)
  const firms = useExternalFirms(showArchived)
  const [creating, setCreating] = useState(false)
  const [openId, setOpenId] = useState<string | null>(null)
  const open: ExternalFirm | null = firms.data?.find((f) => f.id === openId) ?? null
  const create = () => {
    setCreating(true)
  }

  return (
    <Stack>
      <StructureList
        showArchived={showArchived}
        onShowArchived={setShowArchived}
        createLabel={props.canManage ? 'New firm' : null}
        onCreate={create}
        query={firms}
      >
        {(firms.data ?? []).length === 0 ? (
          <Empty
            icon={<IconBuildingFactory2 size={28} />}
            title="No outsourcing firms yet"
            description="Add a firm that does work for you (bookkeeping, IT support, payroll), give it a contract for the departments it serves, then invite its people. They see only those departments, and only while a contract runs."
            action={
              props.canManage ? (
                <Button leftSection={<IconPlus size={18} />} onClick={create}>
                  Add the first firm
                </Button>
              ) : null
            }
          />
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table aria-label="Outsourcing firms" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Firm</Table.Th>
                  <Table.Th>Contact</Table.Th>
                  <Table.Th>Contract</Table.Th>
                  <Table.Th ta="right">People with access</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(firms.data ?? []).map((f) => (
                  <Table.Tr
                    key={f.id}
                    style={{ cursor: 'pointer', opacity: f.archived ? 0.6 : 1 }}
                    onClick={() => {
                      setOpenId(f.id)
                    }}
                  >
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Text
                          size="sm"
                          fw={500}
                          component="button"
                          type="button"
                          style={{ background: 'none', border: 0, padding: 0, cursor: 'pointer' }}
                        >
                          {f.name}
                        </Text>
                        {f.archived ? (
                          <Badge variant="light" color="gray" size="sm">
                            Archived
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{f.contactName ?? '—'}</Text>
                      <Text size="xs" c="dimmed">
                        {f.contactEmail ?? ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {f.runningContracts > 0 ? (
                        <Badge variant="light" color="teal">
                          running
                        </Badge>
                      ) : (
                        <Badge variant="light" color="gray">
                          none running
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{f.activeAccounts}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </StructureList>
      <AccessReviewsPanel canManage={props.canManage} />
      <ExternalFirmDrawer
        firm={open}
        canManage={props.canManage}
        onClose={() => {
          setOpenId(null)
        }}
      />
      {props.canManage ? (
        <ExternalFirmModal
          opened={creating}
          firm={null}
          onClose={() => {
            setCreating(false)
          }}
        />
      ) : null}
    </Stack>
  )
}
