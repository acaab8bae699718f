import '@mantine/dates/styles.css'

import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  Collapse,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core'
import { DatePickerInput, type DatesRangeValue } from '@mantine/dates'
import { useDebouncedValue } from '@mantine/hooks'
import { IconChevronRight, IconFilterOff, IconListSearch, IconShieldCheck, IconShieldX } from '@tabler/icons-react'
import dayjs from 'dayjs'
import { Fragment, useState } from 'react'
import { useAuditEvents, useVerifyAuditChain, type AuditFilters } from '../../../api/audit.ts'
import { errorMessage } from '../../../api/client.ts'
import type { AuditEvent } from '../../../api/types.ts'
import { perms, useCan } from '../../../app/auth.ts'
import { formatDateTime } from '../../../ui/format.ts'
import { PageHeader } from '../../../ui/page-header.tsx'
import { Empty, ErrorState, NoAccess, TableSkeleton } from '../../../ui/query-states.tsx'

export function AuditLogPage() {
  const can = useCan()
  if (!can(perms.auditRead)) return <NoAccess />
  return <AuditLog canVerify={can(perms.auditVerify)} />
}

interface TextFilters {
  action: string
  entityType: string
  entityId: string
  actorId: string
}
const emptyText: TextFilters = { action: '', entityType: '', entityId: '', actorId: '' }

function AuditLog(props: { canVerify: boolean }) {
  const [text, setText] = useState<TextFilters>(emptyText)
  const [range, setRange] = useState<DatesRangeValue<string>>([null, null])
  const [debounced] = useDebouncedValue(text, 350)

  const filters: AuditFilters = {}
  for (const key of ['action', 'entityType', 'entityId', 'actorId'] as const) {
    const v = debounced[key].trim()
    if (v) filters[key] = v
  }
  if (range[0]) filters.from = dayjs(range[0]).startOf('day').toISOString()
  if (range[1]) filters.to = dayjs(range[1]).endOf('day').toISOString()

  const events = useAuditEvents(filters)
  const verify = useVerifyAuditChain()
  const rows = events.data?.pages.flatMap((p) => p.items) ?? []
  const filtered = Object.keys(filters).length > 0
  const field = (key: keyof TextFilters) => ({
    value: text[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
      const value = e.currentTarget.value
      setText((t) => ({ ...t, [key]: value }))
    },
  })
  const reset = () => {
    setText(emptyText)
    setRange([null, null])
  }

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change in this company: who made it, when, and what it changed. Events are hash-chained, so tampering can be detected."
        actions={
          props.canVerify ? (
            <Button
              variant="light"
              leftSection={<IconShieldCheck size={18} />}
              loading={verify.isPending}
              onClick={() => {
                verify.mutate()
              }}
            >
              Verify chain
            </Button>
          ) : null
        }
      />
      <div aria-live="polite">{props.canVerify ? <VerifyResult verify={verify} /> : null}</div>

      <Card withBorder padding="md" mb="md" component="section" aria-label="Filters">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 5 }} spacing="sm">
          <TextInput label="Action" placeholder="e.g. identity.user.invited" {...field('action')} />
          <TextInput label="Entity type" placeholder="e.g. user" {...field('entityType')} />
          <TextInput label="Entity ID" {...field('entityId')} />
          <TextInput label="Actor ID" placeholder="User ID" {...field('actorId')} />
          <DatePickerInput
            type="range"
            label="Date range"
            placeholder="Any time"
            value={range}
            onChange={setRange}
            clearable
            allowSingleDateInRange
            maxDate={dayjs().format('YYYY-MM-DD')}
            valueFormat="D MMM YYYY"
            firstDayOfWeek={1}
          />
        </SimpleGrid>
        {filtered ? (
          <Group justify="flex-end" mt="sm">
            <Button variant="subtle" size="xs" leftSection={<IconFilterOff size={14} />} onClick={reset}>
              Clear filters
            </Button>
          </Group>
        ) : null}
      </Card>

      <Card withBorder padding={0}>
        {events.isPending ? (
          <Stack p="md">
            <TableSkeleton rows={6} />
          </Stack>
        ) : events.isError ? (
          <Stack p="md">
            <ErrorState error={events.error} onRetry={() => void events.refetch()} />
          </Stack>
        ) : rows.length === 0 ? (
          <Empty
            icon={<IconListSearch size={28} />}
            title={filtered ? 'No events match these filters' : 'No events yet'}
            description={
              filtered
                ? 'Widen the date range or clear a filter.'
                : 'Changes made in Keel (sign-ins, invitations, role changes…) will appear here.'
            }
            action={
              filtered ? (
                <Button variant="default" onClick={reset}>
                  Clear filters
                </Button>
              ) : null
            }
          />
        ) : (
          <Table.ScrollContainer minWidth={820}>
            <Table aria-label="Audit events">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={44}>
                    <span className="sr-only">Details</span>
                  </Table.Th>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Actor</Table.Th>
                  <Table.Th>Action</Table.Th>
                  <Table.Th>Entity</Table.Th>
                  <Table.Th ta="right">Changes</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((e) => (
                  <EventRow
                    key={e.id}
                    event={e}
                    onFilterActor={(id) => {
                      setText((t) => ({ ...t, actorId: id }))
                    }}
                    onFilterEntity={(type, id) => {
                      setText((t) => ({ ...t, entityType: type, entityId: id }))
                    }}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {events.hasNextPage ? (
          <Group justify="center" p="md">
            <Button variant="default" onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage}>
              Load more
            </Button>
          </Group>
        ) : null}
      </Card>
    </>
  )
}

const actorKindLabel: Record<AuditEvent['actorKind'], string> = {
  user: 'User',
  token: 'API token',
  system: 'System',
  anonymous: 'Anonymous',
}

function EventRow(props: {
  event: AuditEvent
  onFilterActor: (id: string) => void
  onFilterEntity: (type: string, id: string) => void
}) {
  const [open, setOpen] = useState(false)
  const e = props.event
  const changes = Object.entries(e.changes)
  const detailsId = `audit-${e.id}`

  return (
    <Fragment>
      <Table.Tr>
        <Table.Td>
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={() => {
              setOpen((o) => !o)
            }}
            aria-expanded={open}
            aria-controls={detailsId}
            aria-label={`${open ? 'Hide' : 'Show'} details of ${e.action} at ${formatDateTime(e.occurredAt)}`}
          >
            <IconChevronRight
              size={16}
              style={{ transform: open ? 'rotate(90deg)' : undefined, transition: 'transform 120ms ease' }}
            />
          </ActionIcon>
        </Table.Td>
        <Table.Td>
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(e.occurredAt)}
          </Text>
        </Table.Td>
        <Table.Td>
          {e.actorId ? (
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => {
                if (e.actorId) props.onFilterActor(e.actorId)
              }}
              title="Show only this actor's events"
            >
              {e.actorName ?? e.actorId}
            </Anchor>
          ) : (
            <Text size="sm">{e.actorName ?? actorKindLabel[e.actorKind]}</Text>
          )}
          {e.actorKind !== 'user' ? (
            <Text size="xs" c="dimmed">
              {actorKindLabel[e.actorKind]}
            </Text>
          ) : null}
        </Table.Td>
        <Table.Td>
          <Code fz="xs">{e.action}</Code>
        </Table.Td>
        <Table.Td>
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => {
              props.onFilterEntity(e.entityType, e.entityId)
            }}
            title="Show only this entity's events"
          >
            {e.entityType}
          </Anchor>
          <Text size="xs" c="dimmed" ff="monospace" truncate maw={220}>
            {e.entityId}
          </Text>
        </Table.Td>
        <Table.Td ta="right">
          <Badge variant="light" color={changes.length ? 'blue' : 'gray'}>
            {changes.length}
          </Badge>
        </Table.Td>
      </Table.Tr>
      <Table.Tr style={{ display: open ? undefined : 'none' }}>
        <Table.Td colSpan={6} p={0}>
          <Collapse expanded={open}>
            <div id={detailsId}>
              <ChangeDetails event={e} />
            </div>
          </Collapse>
        </Table.Td>
      </Table.Tr>
    </Fragment>
  )
}

function show(value: unknown): React.ReactNode {
  if (value === undefined)
    return (
      <Text c="dimmed" size="sm" span>
        —
      </Text>
    )
  if (value === null)
    return (
      <Text c="dimmed" size="sm" span>
        empty
      </Text>
    )
  if (typeof value === 'string') return value
  return JSON.stringify(value, null, 2)
}

function ChangeDetails(props: { event: AuditEvent }) {
  const e = props.event
  const changes = Object.entries(e.changes)
  return (
    <Stack gap="sm" p="md" bg="var(--mantine-color-default-hover)">
      {changes.length === 0 ? (
        <Text size="sm" c="dimmed">
          This event recorded no field changes.
        </Text>
      ) : (
        <Table withTableBorder withColumnBorders bg="var(--mantine-color-body)" aria-label={`Changes of ${e.action}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="20%">Field</Table.Th>
              <Table.Th w="40%">Before</Table.Th>
              <Table.Th w="40%">After</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map(([field, c]) => (
              <Table.Tr key={field}>
                <Table.Td>
                  <Code fz="xs">{field}</Code>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                  <Text size="sm" c="red.8" component="div" ff="monospace" fz="xs">
                    {show(c.before)}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                  <Text size="sm" c="teal.8" component="div" ff="monospace" fz="xs">
                    {show(c.after)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group gap="lg">
        <Text size="xs" c="dimmed">
          Sequence <Code fz="xs">{e.seq}</Code>
        </Text>
        <Text size="xs" c="dimmed">
          Event <Code fz="xs">{e.id}</Code>
        </Text>
        {e.requestId ? (
          <Text size="xs" c="dimmed">
            Request <Code fz="xs">{e.requestId}</Code>
          </Text>
        ) : null}
      </Group>
    </Stack>
  )
}

function VerifyResult(props: { verify: ReturnType<typeof useVerifyAuditChain> }) {
  const { verify } = props
  if (verify.isError)
    return (
      <Alert color="red" variant="light" mb="md" role="alert" title="Verification failed to run">
        {errorMessage(verify.error)}
      </Alert>
    )
  if (!verify.data) return null
  const r = verify.data
  return r.ok ? (
    <Alert
      color="teal"
      variant="light"
      mb="md"
      icon={<IconShieldCheck size={18} />}
      title="The audit chain is intact"
      role="status"
    >
      {r.checked.toLocaleString()} events checked. None were altered, removed or reordered.
    </Alert>
  ) : (
    <Alert
      color="red"
      variant="light"
      mb="md"
      icon={<IconShieldX size={18} />}
      title="The audit chain is broken"
      role="alert"
    >
      Checked {r.checked.toLocaleString()} events.{' '}
      {r.brokenAt ? (
        <>
          The first problem is at sequence <Code>{r.brokenAt.seq}</Code>
          {r.brokenAt.id ? (
            <>
              {' '}
              (event <Code>{r.brokenAt.id}</Code>)
            </>
          ) : null}
          : {r.brokenAt.reason}
        </>
      ) : null}
    </Alert>
  )
}
