import { Card, Text, Timeline, Title } from '@mantine/core'
import { useItemHistory } from '../../../api/work.ts'
import { formatDateTime } from '../../../ui/format.ts'
import { ErrorState, TableSkeleton } from '../../../ui/query-states.tsx'

/** Everything that happened to the item, oldest first, from its append-only history. */
export function ItemHistory(props: { itemId: string }) {
  const history = useItemHistory(props.itemId)
  return (
    <Card withBorder>
      <Title order={2} fz="md" mb="sm">
        History
      </Title>
      {history.isPending ? (
        <TableSkeleton rows={3} />
      ) : history.isError ? (
        <ErrorState error={history.error} />
      ) : (
        <Timeline bulletSize={12} lineWidth={2}>
          {history.data.map((event) => (
            <Timeline.Item key={event.id}>
              <Text size="sm">{event.summary}</Text>
              <Text size="xs" c="dimmed">
                {event.actor?.name ?? 'Keel'} · {formatDateTime(event.at)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Card>
  )
}
