import { describe, expect, it } from 'vitest'
import { parseIcsHolidays } from './ical.ts'

// The shape public holiday feeds publish (folded lines, escaped commas, all-day events).
const FEED = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Holidays//DE//EN',
  'BEGIN:VEVENT',
  'UID:2026-12-25-xmas@holidays.example',
  'DTSTART;VALUE=DATE:20261225',
  'DTEND;VALUE=DATE:20261227',
  'SUMMARY:Christmas Day\\, Boxing Day',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:unity@holidays.example',
  'DTSTART;VALUE=DATE:20261003',
  'RRULE:FREQ=YEARLY;COUNT=3',
  'SUMMARY:Day of German',
  '  Unity',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:broken@holidays.example',
  'SUMMARY:No date',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n')

describe('iCalendar holidays', () => {
  it('reads all-day events, spans, yearly repeats and folded lines', () => {
    const { holidays, problems } = parseIcsHolidays(FEED)
    expect(holidays.map((h) => [h.date, h.name])).toEqual([
      ['2026-12-25', 'Christmas Day, Boxing Day'],
      ['2026-12-26', 'Christmas Day, Boxing Day'],
      ['2026-10-03', 'Day of German Unity'],
      ['2027-10-03', 'Day of German Unity'],
      ['2028-10-03', 'Day of German Unity'],
    ])
    expect(new Set(holidays.map((h) => h.uid)).size).toBe(5)
    expect(problems).toEqual(['Event 3 (broken@holidays.example): it needs a DTSTART date and a SUMMARY.'])
  })

  it('says so when the file is not iCalendar at all', () => {
    expect(parseIcsHolidays('date,name\n2026-12-25,Christmas').problems[0]).toMatch(/not an iCalendar file/)
  })
})
