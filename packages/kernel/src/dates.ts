// Calendar dates are 'yyyy-mm-dd' strings (`*Date` names); instants are Dates
// (`*At`). Which calendar day an instant falls on depends on a time zone.

const formatters = new Map<string, Intl.DateTimeFormat>()

/** The calendar date of `instant` in `timeZone` (an IANA name). */
export function calendarDate(instant: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    // en-CA formats as yyyy-mm-dd.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    formatters.set(timeZone, formatter)
  }
  return formatter.format(instant)
}

/** True for an IANA time zone name this runtime knows (Europe/Berlin, America/New_York, UTC). */
export function isTimeZone(name: string): boolean {
  if (name === 'UTC') return true
  try {
    new Intl.DateTimeFormat('en', { timeZone: name })
    return Intl.supportedValuesOf('timeZone').includes(name)
  } catch {
    return false
  }
}

/** True for a real calendar date in 'yyyy-mm-dd' form (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const parsed = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value
}
