import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core'
import { IconPlus, IconX } from '@tabler/icons-react'
import type { WeeklyHours } from '../../api/types.ts'

export const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const

/** Monday to Friday, 09:00–17:00: where a new calendar starts. */
export const officeHours = (): WeeklyHours => weekdays.map((_, i) => (i < 5 ? [{ from: '09:00', to: '17:00' }] : []))

const wallClock = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/** What is wrong with the hours, in words, or null. */
export function weeklyHoursProblem(hours: WeeklyHours): string | null {
  for (const [i, day] of hours.entries()) {
    const sorted = [...day].sort((a, b) => a.from.localeCompare(b.from))
    for (const [j, interval] of sorted.entries()) {
      if (!wallClock.test(interval.from) || !wallClock.test(interval.to) || interval.from === '24:00')
        return `${weekdays[i] ?? ''}: write times as HH:MM (24:00 ends at midnight).`
      if (minutes(interval.to) <= minutes(interval.from))
        return `${weekdays[i] ?? ''}: ${interval.from}–${interval.to} ends before it starts.`
      const next = sorted[j + 1]
      if (next && minutes(next.from) < minutes(interval.to))
        return `${weekdays[i] ?? ''}: ${interval.from}–${interval.to} overlaps ${next.from}–${next.to}.`
    }
  }
  return null
}

/** Working hours in a week, e.g. 40 or 37.5. */
export function hoursPerWeek(hours: WeeklyHours): number {
  let total = 0
  for (const day of hours)
    for (const i of day)
      if (wallClock.test(i.from) && wallClock.test(i.to)) total += Math.max(0, minutes(i.to) - minutes(i.from))
  return Math.round((total / 60) * 10) / 10
}

/** One line per weekday with its working intervals: add, remove, change the times. */
export function WeeklyHoursEditor(props: {
  value: WeeklyHours
  onChange: (hours: WeeklyHours) => void
  error?: string | null | undefined
}) {
  const { value } = props
  const setDay = (day: number, intervals: WeeklyHours[number]) => {
    props.onChange(value.map((d, i) => (i === day ? intervals : d)))
  }

  return (
    <Stack gap={6} role="group" aria-label="Weekly working hours">
      {weekdays.map((name, day) => {
        const intervals = value[day] ?? []
        return (
          <Group key={name} gap="sm" align="center" wrap="nowrap">
            <Text size="sm" w={96} fw={500} style={{ flexShrink: 0 }}>
              {name}
            </Text>
            <Group gap="xs" wrap="wrap" style={{ flex: 1 }}>
              {intervals.length === 0 ? (
                <Text size="sm" c="dimmed">
                  Not working
                </Text>
              ) : null}
              {intervals.map((interval, j) => (
                <Group key={j} gap={4} wrap="nowrap">
                  <TextInput
                    size="xs"
                    w={70}
                    aria-label={`${name} from`}
                    placeholder="09:00"
                    value={interval.from}
                    onChange={(e) => {
                      setDay(
                        day,
                        intervals.map((x, k) => (k === j ? { ...x, from: e.currentTarget.value } : x)),
                      )
                    }}
                  />
                  <Text size="sm" c="dimmed" aria-hidden="true">
                    –
                  </Text>
                  <TextInput
                    size="xs"
                    w={70}
                    aria-label={`${name} to`}
                    placeholder="17:00"
                    value={interval.to}
                    onChange={(e) => {
                      setDay(
                        day,
                        intervals.map((x, k) => (k === j ? { ...x, to: e.currentTarget.value } : x)),
                      )
                    }}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={`Remove ${name} ${interval.from}–${interval.to}`}
                    onClick={() => {
                      setDay(
                        day,
                        intervals.filter((_, k) => k !== j),
                      )
                    }}
                  >
                    <IconX size={14} />
                  </ActionIcon>
                </Group>
              ))}
            </Group>
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconPlus size={12} />}
              aria-label={`Add hours on ${name}`}
              disabled={intervals.length >= 6}
              onClick={() => {
                const last = intervals[intervals.length - 1]
                setDay(day, [
                  ...intervals,
                  last
                    ? { from: last.to === '24:00' ? '23:00' : last.to, to: '24:00' }
                    : { from: '09:00', to: '17:00' },
                ])
              }}
            >
              Add
            </Button>
          </Group>
        )
      })}
      <Text size="xs" c={props.error ? 'red' : 'dimmed'} role={props.error ? 'alert' : undefined}>
        {props.error ??
          `Times as HH:MM in the calendar's time zone; 24:00 ends at midnight. ${hoursPerWeek(value)} hours a week.`}
      </Text>
    </Stack>
  )
}
