import { calendarDate } from '@keel/kernel'

/** A stretch of a working day in local wall-clock time, 'HH:MM' to 'HH:MM' ('24:00' ends at midnight). */
export interface WorkingInterval {
  readonly from: string
  readonly to: string
}

/**
 * When someone works: the weekly pattern in their time zone (index 0 is
 * Monday, 6 Sunday), the local dates that are holidays, and absences (periods
 * they are away, as instants). Pure data: SLAs, assignment, leave and
 * notifications all ask the functions below.
 */
export interface BusinessCalendar {
  readonly timeZone: string
  readonly weeklyHours: readonly (readonly WorkingInterval[])[]
  readonly holidays: ReadonlySet<string>
  readonly absences: readonly { readonly startsAt: Date; readonly endsAt: Date }[]
}

export interface Period {
  readonly start: Date
  readonly end: Date
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/
export const isWallClockTime = (value: string): boolean => TIME.test(value)

/** Checks a weekly pattern: seven days, each a list of ordered, non-overlapping intervals. */
export function weeklyHoursProblem(weeklyHours: readonly (readonly WorkingInterval[])[]): string | null {
  if (weeklyHours.length !== 7) return 'Give seven days, Monday first.'
  for (const [day, intervals] of weeklyHours.entries()) {
    let previousEnd = ''
    for (const { from, to } of intervals) {
      if (!isWallClockTime(from) || !isWallClockTime(to) || from === '24:00')
        return `Day ${String(day + 1)}: times are HH:MM, from 00:00 to 24:00.`
      if (to <= from) return `Day ${String(day + 1)}: an interval ends after it starts.`
      if (from < previousEnd) return `Day ${String(day + 1)}: intervals are in order and do not overlap.`
      previousEnd = to
    }
  }
  return null
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>()

/** How far `timeZone`'s wall clock is ahead of UTC at `instantMs`. */
function offsetMs(timeZone: string, instantMs: number): number {
  let formatter = offsetFormatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    offsetFormatters.set(timeZone, formatter)
  }
  const parts: Record<string, number> = {}
  for (const part of formatter.formatToParts(new Date(instantMs))) parts[part.type] = Number(part.value)
  const wallMs = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  )
  return wallMs - Math.floor(instantMs / 1000) * 1000
}

/**
 * The instant a local date and wall-clock time name in `timeZone`. A time the
 * clocks skip (spring forward) lands just after the gap; a time that happens
 * twice (fall back) is its first occurrence.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number)
  const [hh = 0, mm = 0] = time.split(':').map(Number)
  const wallMs = Date.UTC(y, m - 1, d, hh, mm)
  let guess = wallMs - offsetMs(timeZone, wallMs)
  guess = wallMs - offsetMs(timeZone, guess)
  return new Date(guess)
}

const DAY_MS = 86_400_000

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10)
}

/** Monday 0 … Sunday 6 for a calendar date. */
const weekdayIndex = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7

/** The working periods inside [from, to), holidays and absences taken out, in order. */
export function workingPeriods(calendar: BusinessCalendar, from: Date, to: Date): Period[] {
  if (to.getTime() <= from.getTime()) return []
  const periods: Period[] = []
  // Local dates can start up to 14 hours either side of UTC: one day of margin each way.
  let date = calendarDate(new Date(from.getTime() - DAY_MS), calendar.timeZone)
  const lastDate = calendarDate(new Date(to.getTime() + DAY_MS), calendar.timeZone)
  for (; date <= lastDate; date = nextDate(date)) {
    if (calendar.holidays.has(date)) continue
    for (const interval of calendar.weeklyHours[weekdayIndex(date)] ?? []) {
      const start = zonedInstant(date, interval.from, calendar.timeZone)
      const end =
        interval.to === '24:00'
          ? zonedInstant(nextDate(date), '00:00', calendar.timeZone)
          : zonedInstant(date, interval.to, calendar.timeZone)
      const clippedStart = Math.max(start.getTime(), from.getTime())
      const clippedEnd = Math.min(end.getTime(), to.getTime())
      if (clippedEnd > clippedStart) periods.push({ start: new Date(clippedStart), end: new Date(clippedEnd) })
    }
  }
  return subtractAbsences(mergePeriods(periods), calendar.absences)
}

function mergePeriods(periods: Period[]): Period[] {
  const sorted = [...periods].sort((a, b) => a.start.getTime() - b.start.getTime())
  const merged: Period[] = []
  for (const period of sorted) {
    const last = merged.at(-1)
    if (last && period.start.getTime() <= last.end.getTime()) {
      if (period.end.getTime() > last.end.getTime()) merged[merged.length - 1] = { start: last.start, end: period.end }
    } else merged.push(period)
  }
  return merged
}

function subtractAbsences(periods: Period[], absences: BusinessCalendar['absences']): Period[] {
  let remaining = periods
  for (const absence of absences) {
    const next: Period[] = []
    for (const period of remaining) {
      if (absence.endsAt <= period.start || absence.startsAt >= period.end) {
        next.push(period)
        continue
      }
      if (absence.startsAt > period.start) next.push({ start: period.start, end: absence.startsAt })
      if (absence.endsAt < period.end) next.push({ start: absence.endsAt, end: period.end })
    }
    remaining = next
  }
  return remaining
}

/** True when `instant` falls inside a working period (not a holiday, not away). */
export function isWorkingAt(calendar: BusinessCalendar, instant: Date): boolean {
  return workingPeriods(calendar, instant, new Date(instant.getTime() + 1)).length > 0
}

/** Working time between two instants, in milliseconds. */
export function workingMsBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  return workingPeriods(calendar, from, to).reduce((sum, p) => sum + (p.end.getTime() - p.start.getTime()), 0)
}

/**
 * The instant when `ms` of working time have passed after `from` (an SLA's due
 * time). Null when the calendar has no working time in the next three years.
 */
export function addWorkingMs(calendar: BusinessCalendar, from: Date, ms: number): Date | null {
  if (ms <= 0) return from
  let left = ms
  let windowStart = from
  const limit = from.getTime() + 3 * 366 * DAY_MS
  while (windowStart.getTime() < limit) {
    const windowEnd = new Date(windowStart.getTime() + 28 * DAY_MS)
    for (const period of workingPeriods(calendar, windowStart, windowEnd)) {
      const length = period.end.getTime() - period.start.getTime()
      if (length >= left) return new Date(period.start.getTime() + left)
      left -= length
    }
    windowStart = windowEnd
  }
  return null
}
