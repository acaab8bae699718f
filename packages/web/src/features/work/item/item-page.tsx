import { Alert, Anchor, Button, Card, Grid, Group, Stack, Text, Title } from '@mantine/core'
import { useParams } from '@tanstack/react-router'
import { errorMessage } from '../../../api/client.ts'
import { useItem, useItemCommands, type Item } from '../../../api/work.ts'
import { perms, useCan } from '../../../app/auth.ts'
import { formatDateTime } from '../../../ui/format.ts'
import { ErrorState, LoadingState, NoAccess } from '../../../ui/query-states.tsx'
import { PriorityBadge, StatusBadge } from '../shared/badges.tsx'
import { Conversation } from './conversation.tsx'
import { ItemHistory } from './item-history.tsx'
import { ItemSidePanel } from './item-side-panel.tsx'

/** One work item: its header and status steps, the form as asked, the conversation, the side panel and history. */
export function ItemPage() {
  const can = useCan()
  const { itemId } = useParams({ from: '/app/work/items/$itemId' })
  const item = useItem(itemId)
  if (!can(perms.workItemRead)) return <NoAccess />
  if (item.isPending) return <LoadingState />
  if (item.isError) return <ErrorState error={item.error} onRetry={() => void item.refetch()} />
  return <ItemView item={item.data} />
}

function ItemView(props: { item: Item }) {
  const { item } = props
  const commands = useItemCommands(item)
  const failed = [commands.transition, commands.assign, commands.update].find((m) => m.isError)
  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Group gap="xs">
          <Text c="dimmed" ff="monospace">
            {item.number}
          </Text>
          <StatusBadge label={item.status.label} category={item.status.category} />
          <PriorityBadge priority={item.priority} />
          <Text size="sm" c="dimmed">
            {item.type.name} · {item.queue.name} · asked by {item.requester.name} on {formatDateTime(item.createdAt)}
          </Text>
        </Group>
        <Title order={1} fz={{ base: 22, sm: 26 }}>
          {item.title}
        </Title>
        {item.transitions.length > 0 ? (
          <Group gap="xs" aria-label="Status steps">
            {item.transitions.map((t) => (
              <Button
                key={t.to}
                size="xs"
                variant={t.to === 'resolved' || t.to === 'closed' ? 'filled' : 'light'}
                loading={commands.transition.isPending && commands.transition.variables === t.to}
                onClick={() => {
                  commands.transition.mutate(t.to)
                }}
              >
                {t.label}
              </Button>
            ))}
          </Group>
        ) : null}
        {failed ? (
          <Alert
            color="red"
            variant="light"
            withCloseButton
            onClose={() => {
              failed.reset()
            }}
          >
            {errorMessage(failed.error)}
          </Alert>
        ) : null}
      </Stack>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            <Card withBorder>
              <Title order={2} fz="md" mb="sm">
                The request
              </Title>
              <Stack gap={8}>
                {item.form.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    No form questions.
                  </Text>
                ) : null}
                {item.form.map((answer) => (
                  <Group key={answer.key} gap="sm" align="flex-start" wrap="nowrap">
                    <Text size="sm" c="dimmed" w={200} style={{ flexShrink: 0 }}>
                      {answer.label}
                    </Text>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {answer.kind === 'attachment' ? (
                        <FileLink item={item} id={answer.value} />
                      ) : (
                        answer.display || '—'
                      )}
                    </Text>
                  </Group>
                ))}
              </Stack>
            </Card>
            <Conversation item={item} />
            <ItemHistory itemId={item.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <ItemSidePanel item={item} commands={commands} />
        </Grid.Col>
      </Grid>
    </Stack>
  )
}

function FileLink(props: { item: Item; id: string | number | null }) {
  const file = props.item.attachments.find((a) => a.id === props.id)
  if (!file) return <>—</>
  return (
    <Anchor href={`/api/v1/work/attachments/${file.id}`} target="_blank" rel="noopener">
      {file.fileName} ({Math.max(1, Math.round(file.sizeBytes / 1024))} KB)
    </Anchor>
  )
}
