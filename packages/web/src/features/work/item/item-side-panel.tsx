import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useState } from 'react'
import { api, http } from '../../../api/client.ts'
import { useQueues, type Item, type Priority } from '../../../api/work.ts'
import { useSession } from '../../../app/auth.ts'
import { AnchorLink } from '../../../ui/links.tsx'
import { DateField } from '../../org/date-field.tsx'
import { PRIORITY_OPTIONS } from '../shared/badges.tsx'
import type { useItemCommands } from '../../../api/work.ts'

type Commands = ReturnType<typeof useItemCommands>

/** Assignment (with why), routing, triage fields, watchers, links and time: the worker's controls. */
export function ItemSidePanel(props: { item: Item; commands: Commands }) {
  const { item, commands } = props
  return (
    <Stack gap="md">
      <Assignment item={item} commands={commands} />
      {item.canWork ? <Triage item={item} commands={commands} /> : <Facts item={item} />}
      <Watchers item={item} commands={commands} />
      <Links item={item} commands={commands} />
      {item.canWork ? <TimeSpent item={item} commands={commands} /> : null}
    </Stack>
  )
}

function Section(props: { title: string; children: React.ReactNode }) {
  return (
    <Card withBorder padding="md">
      <Title order={2} fz="sm" mb="xs">
        {props.title}
      </Title>
      {props.children}
    </Card>
  )
}

function Assignment(props: { item: Item; commands: Commands }) {
  const { item, commands } = props
  const queues = useQueues()
  const queue = queues.data?.find((q) => q.id === item.queue.id)
  const members = queue?.members ?? []
  const [choice, setChoice] = useState<string | null>(item.assignee?.employeeId ?? null)
  return (
    <Section title="Assignee">
      <Stack gap="xs">
        <Text fw={600}>{item.assignee?.name ?? 'Unassigned'}</Text>
        <Text size="xs" c="dimmed" data-testid="assignment-explanation">
          {item.assignmentExplanation}
        </Text>
        {item.canWork ? (
          <>
            <Select
              aria-label="Assign to"
              placeholder="Choose a member of the queue"
              data={members.map((m) => ({ value: m.employeeId, label: m.name }))}
              value={choice}
              onChange={setChoice}
              clearable
            />
            <Group gap="xs">
              <Button
                size="xs"
                disabled={choice === (item.assignee?.employeeId ?? null)}
                loading={commands.assign.isPending}
                onClick={() => {
                  commands.assign.mutate({ employeeId: choice })
                }}
              >
                {choice === null ? 'Unassign' : 'Assign'}
              </Button>
              {queue && queue.strategy !== 'manual' ? (
                <Button
                  size="xs"
                  variant="light"
                  loading={commands.assign.isPending}
                  onClick={() => {
                    commands.assign.mutate({ automatic: true })
                  }}
                >
                  Assign automatically
                </Button>
              ) : null}
            </Group>
          </>
        ) : null}
        <Text size="xs" c="dimmed">
          {item.routingExplanation}
        </Text>
      </Stack>
    </Section>
  )
}

function Facts(props: { item: Item }) {
  const { item } = props
  return (
    <Section title="Details">
      <Stack gap={4}>
        <Text size="sm">Due: {item.dueDate ?? 'no due date'}</Text>
        <Group gap={4}>
          {item.tags.map((tag) => (
            <Badge key={tag} variant="outline" radius="sm">
              {tag}
            </Badge>
          ))}
        </Group>
      </Stack>
    </Section>
  )
}

function Triage(props: { item: Item; commands: Commands }) {
  const { item, commands } = props
  const queues = useQueues()
  return (
    <Section title="Triage">
      <Stack gap="xs">
        <Select
          label="Priority"
          data={PRIORITY_OPTIONS}
          value={item.priority}
          allowDeselect={false}
          onChange={(v) => {
            if (v && v !== item.priority) commands.update.mutate({ priority: v as Priority })
          }}
        />
        <DateField
          label="Due date"
          clearable
          value={item.dueDate}
          onChange={(v) => {
            commands.update.mutate({ dueDate: v ?? null })
          }}
        />
        <TagsInput
          label="Tags"
          placeholder="Add a tag and press Enter"
          value={item.tags}
          maxTags={20}
          onChange={(tags) => {
            commands.update.mutate({ tags })
          }}
        />
        <Select
          label="Queue"
          description="Moving an item keeps its number and unassigns it."
          data={(queues.data ?? []).map((q) => ({ value: q.id, label: q.name }))}
          value={item.queue.id}
          allowDeselect={false}
          onChange={(v) => {
            if (v && v !== item.queue.id) commands.update.mutate({ queueId: v })
          }}
        />
      </Stack>
    </Section>
  )
}

function Watchers(props: { item: Item; commands: Commands }) {
  const { item, commands } = props
  const session = useSession()
  const me = session.user.id
  const watching = item.watchers.some((w) => w.userId === me)
  return (
    <Section title="Watchers">
      <Stack gap="xs">
        <Text size="sm" {...(item.watchers.length > 0 ? {} : { c: 'dimmed' })}>
          {item.watchers.length > 0 ? item.watchers.map((w) => w.name).join(', ') : 'Nobody watches this item.'}
        </Text>
        <Button
          size="xs"
          variant="default"
          loading={commands.watch.isPending}
          onClick={() => {
            commands.watch.mutate({ userId: me, watching: !watching })
          }}
          style={{ alignSelf: 'flex-start' }}
        >
          {watching ? 'Stop watching' : 'Watch'}
        </Button>
      </Stack>
    </Section>
  )
}

function Links(props: { item: Item; commands: Commands }) {
  const { item, commands } = props
  const [number, setNumber] = useState('')
  const [kind, setKind] = useState<'related' | 'parent'>('related')
  const [problem, setProblem] = useState<string | null>(null)
  const refs = [
    ...(item.parent ? [{ ...item.parent, role: 'Part of' }] : []),
    ...item.children.map((c) => ({ ...c, role: 'Sub-item' })),
    ...item.links.map((l) => ({ ...l, role: 'Related' })),
  ]
  const add = async () => {
    setProblem(null)
    // Items are linked by id; find the one with this number among those the worker sees.
    const page = await api<{ items: { id: string; number: string }[] }>(
      http.GET('/api/v1/work/items', { params: { query: { q: number.trim(), limit: 20 } } }),
    )
    const other = page.items.find((i) => i.number.toLowerCase() === number.trim().toLowerCase())
    if (!other) {
      setProblem(`No item ${number.trim()} that you can see.`)
      return
    }
    commands.link.mutate(
      { otherItemId: other.id, kind },
      {
        onSuccess: () => {
          setNumber('')
        },
      },
    )
  }
  return (
    <Section title="Links">
      <Stack gap="xs">
        {refs.length === 0 ? (
          <Text size="sm" c="dimmed">
            No linked items.
          </Text>
        ) : (
          refs.map((ref) => (
            <Group key={`${ref.role}-${ref.id}`} gap="xs" justify="space-between" wrap="nowrap">
              <Text size="sm">
                <Text span c="dimmed" size="xs">
                  {ref.role}{' '}
                </Text>
                <AnchorLink to="/work/items/$itemId" params={{ itemId: ref.id }} size="sm">
                  {ref.number} {ref.title}
                </AnchorLink>
              </Text>
              {item.canWork && ref.role !== 'Sub-item' ? (
                <Anchor
                  component="button"
                  size="xs"
                  onClick={() => {
                    commands.unlink.mutate(ref.id)
                  }}
                >
                  Remove
                </Anchor>
              ) : null}
            </Group>
          ))
        )}
        {item.canWork ? (
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <Select
              aria-label="Link kind"
              data={[
                { value: 'related', label: 'Related to' },
                { value: 'parent', label: 'Part of' },
              ]}
              value={kind}
              allowDeselect={false}
              onChange={(v) => {
                setKind(v === 'parent' ? 'parent' : 'related')
              }}
              w={120}
            />
            <TextInput
              aria-label="Item number"
              placeholder="IT-12"
              value={number}
              error={problem ?? undefined}
              onChange={(e) => {
                setNumber(e.currentTarget.value)
              }}
              style={{ flex: 1 }}
            />
            <Button size="xs" variant="light" disabled={number.trim() === ''} onClick={() => void add()}>
              Link
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Section>
  )
}

function TimeSpent(props: { item: Item; commands: Commands }) {
  const { item, commands } = props
  const [minutes, setMinutes] = useState<number | string>('')
  const today = new Date().toISOString().slice(0, 10)
  const hours = Math.floor(item.timeSpentMinutes / 60)
  return (
    <Section title="Time spent">
      <Stack gap="xs">
        <Text size="sm">
          {hours > 0 ? `${String(hours)} h ` : ''}
          {String(item.timeSpentMinutes % 60)} min
        </Text>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <NumberInput
            aria-label="Minutes to log"
            placeholder="Minutes"
            min={1}
            max={1440}
            value={minutes}
            onChange={setMinutes}
            w={120}
          />
          <Button
            size="xs"
            variant="light"
            disabled={typeof minutes !== 'number'}
            loading={commands.logTime.isPending}
            onClick={() => {
              if (typeof minutes === 'number')
                commands.logTime.mutate(
                  { minutes, workDate: today },
                  {
                    onSuccess: () => {
                      setMinutes('')
                    },
                  },
                )
            }}
          >
            Log time
          </Button>
        </Group>
      </Stack>
    </Section>
  )
}
