import { Button, Card, Center, Group, Table, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import { useItems, type ItemFilters } from '../../../api/work.ts'
import { formatDate, fromNow } from '../../../ui/format.ts'
import { AnchorLink } from '../../../ui/links.tsx'
import { ErrorState, TableSkeleton } from '../../../ui/query-states.tsx'
import { PriorityBadge, StatusBadge, statusWords } from './badges.tsx'

/**
 * One server-paginated list of items (keyset pages of 50, "Show more" fetches
 * the next): filters and sort travel to the server, nothing is sorted here.
 */
export function ItemsTable(props: {
  filters: ItemFilters
  empty: ReactNode
  showRequester?: boolean
  showAssignee?: boolean
  typeNames?: ReadonlyMap<string, string>
}) {
  const list = useItems(props.filters)
  const rows = list.data?.pages.flatMap((p) => p.items) ?? []
  if (list.isPending) return <TableSkeleton />
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />
  if (rows.length === 0) return <Card withBorder>{props.empty}</Card>
  return (
    <Card withBorder padding={0}>
      <Table.ScrollContainer minWidth={820}>
        <Table aria-label="Work items" highlightOnHover verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Item</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Priority</Table.Th>
              {props.showRequester ? <Table.Th>Requester</Table.Th> : null}
              {props.showAssignee ? <Table.Th>Assignee</Table.Th> : null}
              <Table.Th>Due</Table.Th>
              <Table.Th>Updated</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" c="dimmed" ff="monospace">
                      {item.number}
                    </Text>
                    <AnchorLink to="/work/items/$itemId" params={{ itemId: item.id }} fw={500} size="sm">
                      {item.title}
                    </AnchorLink>
                  </Group>
                  {props.typeNames?.get(item.typeId) ? (
                    <Text size="xs" c="dimmed">
                      {props.typeNames.get(item.typeId)}
                      {item.tags.length > 0 ? ` · ${item.tags.join(', ')}` : ''}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <StatusBadge label={statusWords(item.status)} category={item.statusCategory} />
                </Table.Td>
                <Table.Td>
                  <PriorityBadge priority={item.priority} />
                </Table.Td>
                {props.showRequester ? (
                  <Table.Td>
                    <Text size="sm">{item.requester.name}</Text>
                  </Table.Td>
                ) : null}
                {props.showAssignee ? (
                  <Table.Td>
                    <Text size="sm" {...(item.assignee ? {} : { c: 'dimmed' })}>
                      {item.assignee?.name ?? 'Unassigned'}
                    </Text>
                  </Table.Td>
                ) : null}
                <Table.Td>
                  <Text size="sm">{item.dueDate ? formatDate(item.dueDate) : '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {fromNow(item.updatedAt)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.hasNextPage ? (
        <Center p="sm">
          <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            Show more
          </Button>
        </Center>
      ) : null}
    </Card>
  )
}
