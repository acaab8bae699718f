import { Group, Select, Stack, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconInbox, IconSearch } from '@tabler/icons-react'
import { useNavigate, useSearch } from '@tanstack/react-router'
import { useState } from 'react'
import { useCatalog, useQueues, type Priority } from '../../../api/work.ts'
import { perms, useCan } from '../../../app/auth.ts'
import { PageHeader } from '../../../ui/page-header.tsx'
import { Empty, ErrorState, NoAccess, TableSkeleton } from '../../../ui/query-states.tsx'
import { PRIORITY_OPTIONS } from '../shared/badges.tsx'
import { ItemsTable } from '../shared/items-table.tsx'

type Sort = 'newest' | 'oldest' | 'priority' | 'due'

/** A queue's items for the people who work it: filters, sort and paging run on the server. */
export function QueuePage() {
  const search = useSearch({ from: '/app/work/queues' })
  const can = useCan()
  const queues = useQueues()
  const catalog = useCatalog()
  const navigate = useNavigate()
  const [state, setState] = useState<'open' | 'done' | 'all'>('open')
  const [assignee, setAssignee] = useState<string | null>(null)
  const [priority, setPriority] = useState<Priority | null>(null)
  const [typeId, setTypeId] = useState<string | null>(null)
  const [sort, setSort] = useState<Sort>('priority')
  const [text, setText] = useState('')
  const [tag, setTag] = useState('')
  const [q] = useDebouncedValue(text.trim(), 300)
  const [tagFilter] = useDebouncedValue(tag.trim().toLowerCase(), 300)
  if (!can(perms.workItemRead)) return <NoAccess />
  if (queues.isPending) return <TableSkeleton />
  if (queues.isError) return <ErrorState error={queues.error} onRetry={() => void queues.refetch()} />
  const queue = queues.data.find((x) => x.id === search.queueId) ?? queues.data[0]
  if (!queue)
    return (
      <Empty
        icon={<IconInbox size={28} />}
        title="No queues yet"
        description="The back-office manager creates queues for IT, HR, Finance and Operations under Queues, and chooses who works them."
      />
    )
  const typeNames = new Map((catalog.data ?? []).map((t) => [t.id, t.name]))
  return (
    <>
      <PageHeader
        title={queue.name}
        description={`${String(queue.openItems)} open · ${queue.members.length > 0 ? `worked by ${queue.members.map((m) => m.name).join(', ')}` : 'no members yet'}${queue.contracts.length > 0 ? ` · served by ${[...new Set(queue.contracts.map((c) => c.firm.name))].join(', ')}` : ''}`}
      />
      <Stack>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label="Queue"
            data={queues.data.map((x) => ({ value: x.id, label: `${x.name} (${String(x.openItems)})` }))}
            value={queue.id}
            allowDeselect={false}
            onChange={(id) => {
              void navigate({ to: '/work/queues', search: id ? { queueId: id } : {} })
            }}
            w={240}
          />
          <Select
            label="State"
            data={[
              { value: 'open', label: 'Open' },
              { value: 'done', label: 'Resolved and closed' },
              { value: 'all', label: 'All' },
            ]}
            value={state}
            allowDeselect={false}
            onChange={(v) => {
              setState(v === 'done' || v === 'all' ? v : 'open')
            }}
            w={180}
          />
          <Select
            label="Assignee"
            placeholder="Anyone"
            clearable
            data={[
              { value: 'none', label: 'Unassigned' },
              ...queue.members.map((m) => ({ value: m.employeeId, label: m.name })),
            ]}
            value={assignee}
            onChange={setAssignee}
            w={180}
          />
          <Select
            label="Priority"
            placeholder="Any"
            clearable
            data={PRIORITY_OPTIONS}
            value={priority}
            onChange={(v) => {
              setPriority(PRIORITY_OPTIONS.some((o) => o.value === v) ? (v as Priority) : null)
            }}
            w={130}
          />
          <Select
            label="Type"
            placeholder="Any"
            clearable
            data={(catalog.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
            value={typeId}
            onChange={setTypeId}
            w={200}
          />
          <TextInput
            label="Tag"
            placeholder="any"
            value={tag}
            onChange={(e) => {
              setTag(e.currentTarget.value)
            }}
            w={120}
          />
          <TextInput
            label="Search"
            placeholder="Number, title, form text"
            leftSection={<IconSearch size={16} />}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value)
            }}
            w={220}
          />
          <Select
            label="Sort"
            data={[
              { value: 'priority', label: 'Priority' },
              { value: 'newest', label: 'Newest' },
              { value: 'oldest', label: 'Oldest' },
              { value: 'due', label: 'Due date' },
            ]}
            value={sort}
            allowDeselect={false}
            onChange={(v) => {
              setSort(v === 'newest' || v === 'oldest' || v === 'due' ? v : 'priority')
            }}
            w={130}
          />
        </Group>
        <ItemsTable
          filters={{
            queueId: queue.id,
            sort,
            ...(state === 'all' ? {} : { state }),
            ...(assignee === 'none' ? { unassigned: true } : assignee ? { assigneeEmployeeId: assignee } : {}),
            ...(priority ? { priority } : {}),
            ...(typeId ? { typeId } : {}),
            ...(q ? { q } : {}),
            ...(tagFilter ? { tag: tagFilter } : {}),
          }}
          showRequester
          showAssignee
          typeNames={typeNames}
          empty={
            <Empty
              icon={<IconInbox size={28} />}
              title="Nothing here"
              description="No items match these filters. Clear a filter, or look at resolved and closed items."
            />
          }
        />
      </Stack>
    </>
  )
}
