import dayjs, { type Dayjs } from 'dayjs'
import timezone from 'dayjs/plugin/timezone'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)
dayjs.extend(timezone)

/** The time of day in a time zone now, e.g. "14:05", or null for a zone the browser does not know. */
export function timeIn(timeZone: string, at: Date = new Date()): string | null {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(at)
  } catch {
    return null
  }
}

/** Midnight of this week's Monday in a time zone (the browser's zone when the browser does not know it). */
export function startOfWeekIn(timeZone: string): Dayjs {
  let today: Dayjs
  try {
    today = dayjs().tz(timeZone).startOf('day')
  } catch {
    today = dayjs().startOf('day')
  }
  return today.subtract((today.day() + 6) % 7, 'day')
}

/** Parts of the spans within [dayStart, dayEnd), as fractions of that day, with their wall-clock times in `timeZone`. */
export function clipToDay(
  spans: { start: string; end: string }[],
  dayStart: Dayjs,
  dayEnd: Dayjs,
  timeZone: string,
): { from: number; to: number; label: string }[] {
  const length = dayEnd.valueOf() - dayStart.valueOf()
  const out: { from: number; to: number; label: string }[] = []
  for (const s of spans) {
    const start = Math.max(dayjs(s.start).valueOf(), dayStart.valueOf())
    const end = Math.min(dayjs(s.end).valueOf(), dayEnd.valueOf())
    if (end <= start) continue
    const endLabel = end === dayEnd.valueOf() ? '24:00' : (timeIn(timeZone, new Date(end)) ?? '')
    out.push({
      from: (start - dayStart.valueOf()) / length,
      to: (end - dayStart.valueOf()) / length,
      label: `${timeIn(timeZone, new Date(start)) ?? ''}–${endLabel}`,
    })
  }
  return out
}

export const hoursOf = (ms: number) => Math.round((ms / 3_600_000) * 10) / 10

export { dayjs }
