import { Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core'
import { IconCalendarEvent, IconPencil, IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { useCalendars } from '../../../api/org-calendars.ts'
import type { Calendar } from '../../../api/types.ts'
import { Empty, ErrorState, TableSkeleton } from '../../../ui/query-states.tsx'
import { hoursPerWeek, weekdays } from '../weekly-hours-editor.tsx'
import { CalendarModal } from './calendar-modal.tsx'
import { HolidaysModal } from './holidays-modal.tsx'

type Dialog = { kind: 'edit'; calendar: Calendar | null } | { kind: 'holidays'; id: string } | null

/** "Mon–Fri 09:00–17:00" style summary of a week, day by day when the days differ. */
function weekSummary(calendar: Calendar): string {
  const parts = calendar.weeklyHours.map((day, i) => ({
    day: (weekdays[i] ?? '').slice(0, 3),
    hours: day.map((x) => `${x.from}–${x.to}`).join(', '),
  }))
  const groups: { first: string; last: string; hours: string }[] = []
  for (const p of parts) {
    const prev = groups[groups.length - 1]
    if (prev && prev.hours === p.hours) prev.last = p.day
    else groups.push({ first: p.day, last: p.day, hours: p.hours })
  }
  return groups
    .filter((g) => g.hours)
    .map((g) => `${g.first === g.last ? g.first : `${g.first}–${g.last}`} ${g.hours}`)
    .join('; ')
}

export function CalendarsTab(props: { canManage: boolean }) {
  const calendars = useCalendars()
  const [dialog, setDialog] = useState<Dialog>(null)
  const rows = [...(calendars.data ?? [])].sort(
    (a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name),
  )
  const holidaysOf = dialog?.kind === 'holidays' ? (rows.find((c) => c.id === dialog.id) ?? null) : null
  const year = String(new Date().getFullYear())
  const create = () => {
    setDialog({ kind: 'edit', calendar: null })
  }

  return (
    <>
      <Card withBorder padding={0}>
        <Group p="md" justify="space-between" wrap="wrap">
          <Text size="sm" c="dimmed">
            Working days, hours and public holidays. Each location follows a calendar; the default covers the rest.
          </Text>
          {props.canManage ? (
            <Button leftSection={<IconPlus size={18} />} onClick={create}>
              New calendar
            </Button>
          ) : null}
        </Group>
        {calendars.isPending ? (
          <Stack p="md">
            <TableSkeleton />
          </Stack>
        ) : calendars.isError ? (
          <Stack p="md">
            <ErrorState error={calendars.error} onRetry={() => void calendars.refetch()} />
          </Stack>
        ) : rows.length === 0 ? (
          <Empty
            icon={<IconCalendarEvent size={28} />}
            title="No calendars yet"
            description="A calendar says when people work and which days are public holidays. The first one becomes the company default."
            action={
              props.canManage ? (
                <Button leftSection={<IconPlus size={18} />} onClick={create}>
                  Add the first calendar
                </Button>
              ) : null
            }
          />
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table aria-label="Calendars">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Calendar</Table.Th>
                  <Table.Th>Time zone</Table.Th>
                  <Table.Th>Working hours</Table.Th>
                  <Table.Th>Holidays {year}</Table.Th>
                  <Table.Th w={220}>
                    <span className="sr-only">Actions</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Text size="sm" fw={500}>
                          {c.name}
                        </Text>
                        {c.isDefault ? (
                          <Badge variant="light" size="sm">
                            Default
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{c.timeZone}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{weekSummary(c) || 'No working hours'}</Text>
                      <Text size="xs" c="dimmed">
                        {hoursPerWeek(c.weeklyHours)} hours a week
                      </Text>
                    </Table.Td>
                    <Table.Td>{c.holidays.filter((h) => h.date.startsWith(year)).length}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="default"
                          leftSection={<IconCalendarEvent size={14} />}
                          aria-label={`Holidays of ${c.name}`}
                          onClick={() => {
                            setDialog({ kind: 'holidays', id: c.id })
                          }}
                        >
                          Holidays
                        </Button>
                        {props.canManage ? (
                          <Button
                            size="xs"
                            variant="default"
                            leftSection={<IconPencil size={14} />}
                            aria-label={`Edit ${c.name}`}
                            onClick={() => {
                              setDialog({ kind: 'edit', calendar: c })
                            }}
                          >
                            Edit
                          </Button>
                        ) : null}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      {props.canManage ? (
        <CalendarModal
          opened={dialog?.kind === 'edit'}
          calendar={dialog?.kind === 'edit' ? dialog.calendar : null}
          onClose={() => {
            setDialog(null)
          }}
        />
      ) : null}
      <HolidaysModal
        opened={dialog?.kind === 'holidays'}
        calendar={holidaysOf}
        canManage={props.canManage}
        onClose={() => {
          setDialog(null)
        }}
      />
    </>
  )
}
