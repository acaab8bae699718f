import { isCalendarDate } from '@keel/kernel'

export interface IcsHoliday {
  readonly date: string
  readonly name: string
  readonly uid: string
}

/** Unfolds RFC 5545 lines (a line starting with a space or tab continues the previous one). */
const unfold = (text: string) =>
  text
    .replace(/\r\n/g, '\n')
    .replace(/\n[ \t]/g, '')
    .split('\n')

const unescape = (value: string) =>
  value
    .replace(/\\n/gi, ' ')
    .replace(/\\([,;\\])/g, '$1')
    .trim()

/** 20261225 or 20261225T000000Z → 2026-12-25 (the date as written: holidays are local dates). */
function dateOf(value: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})/.exec(value)
  if (!match) return null
  const date = `${match[1] ?? ''}-${match[2] ?? ''}-${match[3] ?? ''}`
  return isCalendarDate(date) ? date : null
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

/**
 * Public holidays from an iCalendar file: every VEVENT's date (all of them for
 * an event spanning several days; DTEND is exclusive), its SUMMARY as the name,
 * and yearly repeats (RRULE:FREQ=YEARLY with COUNT or UNTIL, else ten years).
 * Returns the holidays and a problem, naming the event, for each event it
 * could not read; it never throws on a bad event.
 */
export function parseIcsHolidays(text: string): { holidays: IcsHoliday[]; problems: string[] } {
  const lines = unfold(text)
  if (!lines.some((l) => l.trim() === 'BEGIN:VCALENDAR'))
    return { holidays: [], problems: ['This is not an iCalendar file (no BEGIN:VCALENDAR).'] }
  const holidays: IcsHoliday[] = []
  const problems: string[] = []
  let event: Map<string, string> | null = null
  let eventNumber = 0
  for (const raw of lines) {
    const line = raw.trimEnd()
    if (line === 'BEGIN:VEVENT') {
      event = new Map()
      eventNumber++
      continue
    }
    if (line === 'END:VEVENT' && event) {
      const start = dateOf(event.get('DTSTART') ?? '')
      const name = unescape(event.get('SUMMARY') ?? '')
      if (!start || !name) {
        problems.push(
          `Event ${String(eventNumber)} (${event.get('UID') ?? 'no UID'}): it needs a DTSTART date and a SUMMARY.`,
        )
        event = null
        continue
      }
      const uid = event.get('UID') ?? `${start}-${name}`
      const end = dateOf(event.get('DTEND') ?? '')
      const days = end && end > start ? Math.min(31, Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000)) : 1
      const rule = new Map((event.get('RRULE') ?? '').split(';').map((part) => part.split('=') as [string, string]))
      const years = rule.get('FREQ') === 'YEARLY' ? Math.min(Number(rule.get('COUNT') ?? 10) || 10, 50) : 1
      const until = dateOf(rule.get('UNTIL') ?? '')
      const [year = 0, month = 1, day = 1] = start.split('-').map(Number)
      for (let n = 0; n < years; n++) {
        const occurrence = `${String(year + n)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
        if (!isCalendarDate(occurrence)) continue // 29 February in a common year
        if (until && occurrence > until) break
        for (let d = 0; d < days; d++)
          holidays.push({ date: addDays(occurrence, d), name, uid: `${uid}#${String(n)}#${String(d)}` })
      }
      event = null
      continue
    }
    if (!event) continue
    const colon = line.indexOf(':')
    if (colon < 0) continue
    const property = (line.slice(0, colon).split(';')[0] ?? '').toUpperCase()
    if (!event.has(property)) event.set(property, line.slice(colon + 1))
  }
  return { holidays, problems }
}
