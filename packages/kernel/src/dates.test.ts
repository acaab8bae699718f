import { describe, expect, it } from 'vitest'
import { calendarDate, isCalendarDate, isTimeZone } from './dates.ts'

describe('calendar dates', () => {
  it('are the day of an instant where the company is, not where the server is', () => {
    const instant = new Date('2026-03-01T23:30:00Z')
    expect(calendarDate(instant, 'UTC')).toBe('2026-03-01')
    expect(calendarDate(instant, 'Europe/Berlin')).toBe('2026-03-02')
    expect(calendarDate(instant, 'America/Los_Angeles')).toBe('2026-03-01')
  })

  it('refuse days that do not exist and other shapes', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true)
    expect(isCalendarDate('2026-02-29')).toBe(false)
    expect(isCalendarDate('2026-2-01')).toBe(false)
    expect(isCalendarDate('2026-13-01')).toBe(false)
  })

  it('know IANA time zones and nothing else', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true)
    expect(isTimeZone('UTC')).toBe(true)
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false)
    expect(isTimeZone('')).toBe(false)
  })
})
