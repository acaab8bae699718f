import { Button, Card, Table, Text } from '@mantine/core'
import { IconInbox, IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { useQueues, type Queue } from '../../../api/work.ts'
import { perms, useCan } from '../../../app/auth.ts'
import { PageHeader } from '../../../ui/page-header.tsx'
import { Empty, ErrorState, NoAccess, TableSkeleton } from '../../../ui/query-states.tsx'
import { STRATEGY_LABELS } from '../shared/badges.tsx'
import { QueueModal } from './queue-modal.tsx'

/** The company's queues: who works each one and how new items are assigned. */
export function QueuesAdminPage() {
  const can = useCan()
  const queues = useQueues({ includeArchived: true })
  const [editing, setEditing] = useState<Queue | 'new' | null>(null)
  if (!can(perms.workQueueManage)) return <NoAccess />
  const open = () => {
    setEditing('new')
  }
  return (
    <>
      <PageHeader
        title="Queues"
        description="Where requests wait for the people who work them. Membership decides who may triage, assign, reply and resolve."
        actions={
          <Button leftSection={<IconPlus size={18} />} onClick={open}>
            New queue
          </Button>
        }
      />
      <Card withBorder padding={0}>
        {queues.isPending ? (
          <TableSkeleton />
        ) : queues.isError ? (
          <ErrorState error={queues.error} onRetry={() => void queues.refetch()} />
        ) : queues.data.length === 0 ? (
          <Empty
            icon={<IconInbox size={28} />}
            title="No queues yet"
            description="Create a queue for each team that handles requests: IT service desk, HR services, finance operations."
            action={<Button onClick={open}>Create the first queue</Button>}
          />
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table aria-label="Queues" highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Queue</Table.Th>
                  <Table.Th>Department / team</Table.Th>
                  <Table.Th>Members</Table.Th>
                  <Table.Th>Assignment</Table.Th>
                  <Table.Th ta="right">Open</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {queues.data.map((q) => (
                  <Table.Tr key={q.id}>
                    <Table.Td>
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        onClick={() => {
                          setEditing(q)
                        }}
                      >
                        {q.name}
                      </Button>
                      <Text size="xs" c="dimmed" ff="monospace" pl="xs">
                        {q.key}
                        {q.archived ? ' · archived' : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {q.department?.name ?? '—'}
                        {q.team ? ` / ${q.team.name}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{q.members.map((m) => m.name).join(', ') || 'No members'}</Text>
                      {q.contracts.length > 0 ? (
                        <Text size="xs" c="dimmed">
                          Served by {q.contracts.map((c) => `${c.firm.name} (${c.reference})`).join(', ')}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{STRATEGY_LABELS[q.strategy]}</Text>
                    </Table.Td>
                    <Table.Td ta="right">{q.openItems}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      {editing ? (
        <QueueModal
          opened
          queue={editing === 'new' ? null : editing}
          onClose={() => {
            setEditing(null)
          }}
        />
      ) : null}
    </>
  )
}
