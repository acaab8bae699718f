import { Badge, Card, Group, Stack, Text, ThemeIcon, Timeline } from '@mantine/core'
import { IconArrowRight, IconBriefcase, IconCash, IconDoorExit, IconHistory } from '@tabler/icons-react'
import { useEmployeeHistory } from '../../../api/org-people.ts'
import type { Employee, Employment, EmploymentType, HistoryEvent, Salary } from '../../../api/types.ts'
import { formatDate, formatDateTime } from '../../../ui/format.ts'
import { Empty, ErrorState, LoadingState } from '../../../ui/query-states.tsx'
import { employmentTypeLabel, employmentTypes, formatSalary, todayDate } from '../labels.ts'

const fieldLabel: Record<string, string> = {
  employmentType: 'Employment type',
  department: 'Department',
  team: 'Team',
  position: 'Position',
  manager: 'Manager',
  location: 'Location',
  salary: 'Salary',
}

const SALARY_RE = /^(\d+(?:\.\d+)?) ([A-Z]{3}) per (year|month|hour)$/

const showValue = (field: string, value: string | null) => {
  if (value === null) return null
  const salary = field === 'salary' ? SALARY_RE.exec(value) : null
  if (salary?.[1] && salary[2] && salary[3])
    return formatSalary({ amount: salary[1], currency: salary[2], period: salary[3] as Salary['period'] })
  if (field === 'employmentType' && employmentTypes.some((t) => t.value === value))
    return employmentTypeLabel(value as EmploymentType)
  return value
}

/** One entry of the timeline: a history event, or the end of employment (which the record carries). */
type Entry =
  { kind: 'event'; event: HistoryEvent } | { kind: 'leaving'; date: string; reason: string | null; future: boolean }

export function TimelineTab(props: { employee: Employee; employment: Employment }) {
  const history = useEmployeeHistory(props.employee.id)
  if (history.isPending) return <LoadingState label="Loading the timeline…" />
  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />

  const { employment } = props
  const entries: Entry[] = history.data.map((event) => ({ kind: 'event', event }))
  if (employment.terminationDate)
    entries.push({
      kind: 'leaving',
      date: employment.terminationDate,
      reason: employment.terminationReason,
      future: employment.terminationDate > todayDate(),
    })
  const dateOf = (e: Entry) => (e.kind === 'event' ? e.event.effectiveDate : e.date)
  // Newest first; the server sends the events oldest first, ties in the order recorded.
  const ordered = entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (dateOf(a.e) === dateOf(b.e) ? b.i - a.i : dateOf(a.e) < dateOf(b.e) ? 1 : -1))
    .map(({ e }) => e)

  if (ordered.length === 0)
    return (
      <Card withBorder>
        <Empty
          icon={<IconHistory size={28} />}
          title="No history yet"
          description="Moves and salary changes will appear here with the date they take effect."
        />
      </Card>
    )

  return (
    <Card withBorder padding="lg">
      <Text size="sm" c="dimmed" mb="lg">
        Every move and salary change, by the date it takes effect. Scheduled changes apply on their day.
      </Text>
      <Timeline bulletSize={28} lineWidth={2} active={ordered.findIndex((e) => !isFuture(e))} reverseActive>
        {ordered.map((entry, i) =>
          entry.kind === 'leaving' ? (
            <Timeline.Item
              key={`leaving-${i}`}
              bullet={<Bullet icon={IconDoorExit} color="gray" />}
              lineVariant={entry.future ? 'dashed' : 'solid'}
              title={
                <EntryTitle
                  title={entry.future ? 'Leaves the company' : 'Left the company'}
                  date={entry.date}
                  future={entry.future}
                />
              }
            >
              {entry.reason ? (
                <Text size="sm" mt={4}>
                  {entry.reason}
                </Text>
              ) : null}
            </Timeline.Item>
          ) : (
            <Timeline.Item
              key={`${entry.event.kind}-${entry.event.recordedAt}-${i}`}
              bullet={
                entry.event.kind === 'compensation' ? (
                  <Bullet icon={IconCash} color="teal" />
                ) : (
                  <Bullet icon={IconBriefcase} color="blue" />
                )
              }
              lineVariant={entry.event.future ? 'dashed' : 'solid'}
              title={
                <EntryTitle
                  title={eventTitle(entry.event)}
                  date={entry.event.effectiveDate}
                  future={entry.event.future}
                />
              }
            >
              <EventBody event={entry.event} />
            </Timeline.Item>
          ),
        )}
      </Timeline>
    </Card>
  )
}

const isFuture = (e: Entry) => (e.kind === 'event' ? e.event.future : e.future)

function eventTitle(e: HistoryEvent): string {
  if (e.kind === 'compensation') return e.changes[0]?.before ? 'Salary changed' : 'Salary set'
  if (e.reason === 'Hired') return 'Hired'
  return 'Moved'
}

function Bullet(props: { icon: typeof IconCash; color: string }) {
  return (
    <ThemeIcon size={28} radius="xl" variant="light" color={props.color}>
      <props.icon size={16} aria-hidden="true" />
    </ThemeIcon>
  )
}

function EntryTitle(props: { title: string; date: string; future: boolean }) {
  return (
    <Group gap="xs">
      <Text fw={600} size="sm">
        {props.title}
      </Text>
      <Text size="sm" c="dimmed">
        {props.future ? 'from' : 'on'} {formatDate(props.date)}
      </Text>
      {props.future ? (
        <Badge size="sm" variant="light" color="blue">
          Scheduled
        </Badge>
      ) : null}
    </Group>
  )
}

function EventBody(props: { event: HistoryEvent }) {
  const e = props.event
  return (
    <Stack gap={4} mt={4}>
      {e.changes.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing changed.
        </Text>
      ) : (
        e.changes.map((c) => {
          const before = showValue(c.field, c.before)
          const after = showValue(c.field, c.after)
          return (
            <Group key={c.field} gap={6} wrap="wrap">
              <Text size="sm" c="dimmed" w={130}>
                {fieldLabel[c.field] ?? c.field}
              </Text>
              {before !== null ? (
                <>
                  <Text size="sm" td="line-through" c="dimmed">
                    {before}
                  </Text>
                  <IconArrowRight size={14} aria-label="changed to" />
                </>
              ) : null}
              <Text size="sm" fw={500}>
                {after ?? 'none'}
              </Text>
            </Group>
          )
        })
      )}
      {e.reason && e.reason !== 'Hired' ? (
        <Text size="sm" fs="italic">
          “{e.reason}”
        </Text>
      ) : null}
      <Text size="xs" c="dimmed">
        Recorded {formatDateTime(e.recordedAt)}
        {e.recordedBy ? ` by ${e.recordedBy.name}` : ''}
      </Text>
    </Stack>
  )
}
