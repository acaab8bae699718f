import { Badge, Button, Card, Table, Text } from '@mantine/core'
import { IconPlus, IconTemplate } from '@tabler/icons-react'
import { useState } from 'react'
import { useQueues, useRequestTypes, type RequestType } from '../../../api/work.ts'
import { perms, useCan } from '../../../app/auth.ts'
import { PageHeader } from '../../../ui/page-header.tsx'
import { Empty, ErrorState, NoAccess, TableSkeleton } from '../../../ui/query-states.tsx'
import { RequestTypeEditor } from './request-type-editor.tsx'

/** The catalog's request types for the back-office manager: forms, default queues, routing, workflows. */
export function RequestTypesAdminPage() {
  const can = useCan()
  const allowed = can(perms.workCatalogManage)
  const types = useRequestTypes(allowed)
  const queues = useQueues()
  const [editing, setEditing] = useState<RequestType | 'new' | null>(null)
  if (!allowed) return <NoAccess />
  const queueName = new Map((queues.data ?? []).map((q) => [q.id, q.name]))
  return (
    <>
      <PageHeader
        title="Request types"
        description="What people can ask for: the form they fill in, where it goes, how it is prioritised and which statuses it moves through."
        actions={
          <Button
            leftSection={<IconPlus size={18} />}
            onClick={() => {
              setEditing('new')
            }}
          >
            New request type
          </Button>
        }
      />
      <Card withBorder padding={0}>
        {types.isPending ? (
          <TableSkeleton />
        ) : types.isError ? (
          <ErrorState error={types.error} onRetry={() => void types.refetch()} />
        ) : types.data.length === 0 ? (
          <Empty
            icon={<IconTemplate size={28} />}
            title="No request types yet"
            description="Create a queue first, then a request type that goes to it."
          />
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table aria-label="Request types" highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Type</Table.Th>
                  <Table.Th>Department</Table.Th>
                  <Table.Th>Default queue</Table.Th>
                  <Table.Th ta="right">Questions</Table.Th>
                  <Table.Th ta="right">Rules</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {types.data.map((t) => (
                  <Table.Tr key={t.id}>
                    <Table.Td>
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        onClick={() => {
                          setEditing(t)
                        }}
                      >
                        {t.name}
                      </Button>
                      {t.archived ? (
                        <Badge size="xs" variant="outline" color="gray">
                          archived
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{t.department.name}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{queueName.get(t.defaultQueueId) ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td ta="right">{t.fields.length}</Table.Td>
                    <Table.Td ta="right">{t.routingRules.length}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      {editing ? (
        <RequestTypeEditor
          type={editing === 'new' ? null : editing}
          onClose={() => {
            setEditing(null)
          }}
        />
      ) : null}
    </>
  )
}
