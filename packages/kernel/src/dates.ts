import { invalid } from './errors.ts'

/** A calendar date as `yyyy-mm-dd`. Never a `Date`: a date has no time zone. */
export type CalendarDate = string & { readonly __brand: 'CalendarDate' }

export function calendarDate(raw: string): CalendarDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw)
  const parsed = match ? new Date(`${raw}T00:00:00Z`) : undefined
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== raw) {
    throw invalid('date.malformed', `not a calendar date: ${raw}`)
  }
  return raw as CalendarDate
}

/** Adds whole days to a calendar date. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const next = new Date(`${date}T00:00:00Z`)
  next.setUTCDate(next.getUTCDate() + days)
  return next.toISOString().slice(0, 10) as CalendarDate
}
