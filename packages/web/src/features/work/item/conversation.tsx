import { Badge, Button, Card, Group, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core'
import { useState, type SubmitEvent } from 'react'
import { errorMessage } from '../../../api/client.ts'
import { useConversation, useItemCommands, type Item } from '../../../api/work.ts'
import { formatDateTime } from '../../../ui/format.ts'
import { ErrorState, TableSkeleton } from '../../../ui/query-states.tsx'

/** Public replies and, for those who work the item, internal notes; with a composer for either. */
export function Conversation(props: { item: Item }) {
  const { item } = props
  const conversation = useConversation(item.id)
  const { comment } = useItemCommands(item)
  const [body, setBody] = useState('')
  const [visibility, setVisibility] = useState<'public' | 'internal'>('public')
  const send = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault()
    comment.mutate(
      { body, visibility },
      {
        onSuccess: () => {
          setBody('')
        },
      },
    )
  }
  return (
    <Card withBorder>
      <Title order={2} fz="md" mb="sm">
        Conversation
      </Title>
      <Stack gap="sm">
        {conversation.isPending ? (
          <TableSkeleton rows={2} />
        ) : conversation.isError ? (
          <ErrorState error={conversation.error} />
        ) : conversation.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            No replies yet.
          </Text>
        ) : (
          conversation.data.map((c) => (
            <Card
              key={c.id}
              padding="sm"
              radius="sm"
              bg={
                c.visibility === 'internal' ? 'var(--mantine-color-yellow-light)' : 'var(--mantine-color-default-hover)'
              }
            >
              <Group gap="xs" mb={4}>
                <Text size="sm" fw={600}>
                  {c.author.name}
                </Text>
                {c.visibility === 'internal' ? (
                  <Badge size="xs" color="yellow" variant="filled">
                    Internal note
                  </Badge>
                ) : null}
                <Text size="xs" c="dimmed">
                  {formatDateTime(c.createdAt)}
                </Text>
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {c.body}
              </Text>
            </Card>
          ))
        )}
        <form onSubmit={send}>
          <Stack gap="xs">
            {item.canWork ? (
              <SegmentedControl
                aria-label="Who sees it"
                size="xs"
                value={visibility}
                onChange={(v) => {
                  setVisibility(v === 'internal' ? 'internal' : 'public')
                }}
                data={[
                  { value: 'public', label: 'Reply to requester' },
                  { value: 'internal', label: 'Internal note' },
                ]}
                style={{ alignSelf: 'flex-start' }}
              />
            ) : null}
            <Textarea
              aria-label={visibility === 'internal' ? 'Internal note' : 'Reply'}
              placeholder={
                visibility === 'internal' ? 'Only the people who work this item see notes.' : 'Write a reply…'
              }
              autosize
              minRows={2}
              maxLength={20_000}
              value={body}
              error={comment.isError ? errorMessage(comment.error) : undefined}
              onChange={(e) => {
                setBody(e.currentTarget.value)
              }}
            />
            <Button
              type="submit"
              size="xs"
              disabled={body.trim() === ''}
              loading={comment.isPending}
              style={{ alignSelf: 'flex-start' }}
            >
              {visibility === 'internal' ? 'Add note' : 'Send reply'}
            </Button>
          </Stack>
        </form>
      </Stack>
    </Card>
  )
}
