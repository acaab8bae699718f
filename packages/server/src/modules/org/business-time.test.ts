import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addWorkingMs,
  isWorkingAt,
  weeklyHoursProblem,
  workingMsBetween,
  workingPeriods,
  zonedInstant,
  type BusinessCalendar,
  type WorkingInterval,
} from './business-time.ts'

const nineToFive: WorkingInterval[] = [{ from: '09:00', to: '17:00' }]
const weekdays = (intervals: WorkingInterval[]) => [intervals, intervals, intervals, intervals, intervals, [], []]
const berlin: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  weeklyHours: weekdays(nineToFive),
  holidays: new Set(['2026-12-25']),
  absences: [],
}
const HOUR = 3_600_000

describe('business time', () => {
  it('counts a Berlin working week as 40 hours, and the Christmas week as 32', () => {
    expect(workingMsBetween(berlin, new Date('2026-03-02T00:00:00Z'), new Date('2026-03-09T00:00:00Z'))).toBe(40 * HOUR)
    expect(workingMsBetween(berlin, new Date('2026-12-21T00:00:00Z'), new Date('2026-12-28T00:00:00Z'))).toBe(32 * HOUR)
  })

  it('follows the local clock across daylight saving time', () => {
    // 2026-03-29: Berlin moves from UTC+1 to UTC+2. Monday 30 March, 09:00 local is 07:00 UTC.
    expect(zonedInstant('2026-03-27', '09:00', 'Europe/Berlin').toISOString()).toBe('2026-03-27T08:00:00.000Z')
    expect(zonedInstant('2026-03-30', '09:00', 'Europe/Berlin').toISOString()).toBe('2026-03-30T07:00:00.000Z')
    // The skipped hour lands after the gap.
    expect(zonedInstant('2026-03-29', '02:30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z')
    const nightShift: BusinessCalendar = {
      ...berlin,
      weeklyHours: Array.from({ length: 7 }, () => [{ from: '00:00', to: '24:00' }]),
    }
    // The day the clocks spring forward has 23 hours, the day they fall back 25.
    expect(
      workingMsBetween(
        nightShift,
        zonedInstant('2026-03-29', '00:00', 'Europe/Berlin'),
        zonedInstant('2026-03-30', '00:00', 'Europe/Berlin'),
      ),
    ).toBe(23 * HOUR)
    expect(
      workingMsBetween(
        nightShift,
        zonedInstant('2026-10-25', '00:00', 'Europe/Berlin'),
        zonedInstant('2026-10-26', '00:00', 'Europe/Berlin'),
      ),
    ).toBe(25 * HOUR)
  })

  it('knows who is working now: not at night, not at the weekend, not on a holiday, not while away', () => {
    expect(isWorkingAt(berlin, new Date('2026-03-02T09:30:00Z'))).toBe(true)
    expect(isWorkingAt(berlin, new Date('2026-03-02T16:30:00Z'))).toBe(false) // 17:30 in Berlin
    expect(isWorkingAt(berlin, new Date('2026-03-07T10:00:00Z'))).toBe(false) // Saturday
    expect(isWorkingAt(berlin, new Date('2026-12-25T10:00:00Z'))).toBe(false)
    const away = {
      ...berlin,
      absences: [{ startsAt: new Date('2026-03-02T00:00:00Z'), endsAt: new Date('2026-03-03T00:00:00Z') }],
    }
    expect(isWorkingAt(away, new Date('2026-03-02T09:30:00Z'))).toBe(false)
    expect(isWorkingAt(away, new Date('2026-03-03T09:30:00Z'))).toBe(true)
  })

  it('finds the due time of eight working hours asked for on a Friday afternoon', () => {
    // Friday 2026-03-06 15:00 Berlin (14:00 UTC) + 8 h: 2 h on Friday, 6 h on Monday → Monday 15:00 Berlin.
    expect(addWorkingMs(berlin, new Date('2026-03-06T14:00:00Z'), 8 * HOUR)?.toISOString()).toBe(
      '2026-03-09T14:00:00.000Z',
    )
    const never: BusinessCalendar = { ...berlin, weeklyHours: Array.from({ length: 7 }, () => []) }
    expect(addWorkingMs(never, new Date('2026-03-06T14:00:00Z'), HOUR)).toBeNull()
  })

  it('refuses weekly hours that overlap, run backwards or are not times', () => {
    expect(weeklyHoursProblem(weekdays(nineToFive))).toBeNull()
    expect(weeklyHoursProblem(weekdays([{ from: '09:00', to: '08:00' }]))).toMatch(/ends after/)
    expect(
      weeklyHoursProblem(
        weekdays([
          { from: '09:00', to: '13:00' },
          { from: '12:00', to: '17:00' },
        ]),
      ),
    ).toMatch(/overlap/)
    expect(weeklyHoursProblem(weekdays([{ from: '9am', to: '17:00' }]))).toMatch(/HH:MM/)
    expect(weeklyHoursProblem([[]])).toMatch(/seven days/)
  })
})

// Random calendars: a zone, a weekly pattern, holidays and absences in 2026.
const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Sydney',
  'Pacific/Auckland',
  'America/Sao_Paulo',
]
const time = fc
  .integer({ min: 0, max: 95 })
  .map((q) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`)
const day = fc
  .uniqueArray(time, { maxLength: 4 })
  .map((times) => [...times].sort())
  .map((times) => {
    const intervals: WorkingInterval[] = []
    for (let i = 0; i + 1 < times.length; i += 2)
      intervals.push({ from: times[i] ?? '00:00', to: times[i + 1] ?? '24:00' })
    return intervals
  })
const instant2026 = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) }).map((ms) => new Date(ms))
const calendar = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  weeklyHours: fc.array(day, { minLength: 7, maxLength: 7 }),
  holidays: fc
    .uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 12 })
    .map(
      (days) => new Set(days.map((d) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10))),
    ),
  absences: fc
    .array(fc.tuple(instant2026, fc.integer({ min: 1, max: 10 * 86_400_000 })), { maxLength: 3 })
    .map((list) => list.map(([startsAt, length]) => ({ startsAt, endsAt: new Date(startsAt.getTime() + length) }))),
})

describe('business time, for any calendar', () => {
  it('adds up: the time from a to c is the time from a to b plus b to c, and never more than c − a', () => {
    fc.assert(
      fc.property(
        calendar,
        instant2026,
        fc.integer({ min: 0, max: 20 * 86_400_000 }),
        fc.integer({ min: 0, max: 20 * 86_400_000 }),
        (cal, a, ab, bc) => {
          const b = new Date(a.getTime() + ab)
          const c = new Date(b.getTime() + bc)
          const whole = workingMsBetween(cal, a, c)
          expect(whole).toBe(workingMsBetween(cal, a, b) + workingMsBetween(cal, b, c))
          expect(whole).toBeLessThanOrEqual(c.getTime() - a.getTime())
        },
      ),
      { numRuns: 150 },
    )
  })

  it('finds due times that are exactly the working time asked for, and working themselves', () => {
    fc.assert(
      fc.property(calendar, instant2026, fc.integer({ min: 1, max: 40 * HOUR }), (cal, from, ms) => {
        const due = addWorkingMs(cal, from, ms)
        if (due === null) return
        expect(workingMsBetween(cal, from, due)).toBe(ms)
        // The last moment before the due time is working time.
        expect(isWorkingAt(cal, new Date(due.getTime() - 1))).toBe(true)
      }),
      { numRuns: 150 },
    )
  })

  it('never has anyone working on a holiday or while away', () => {
    fc.assert(
      fc.property(calendar, instant2026, fc.integer({ min: 1, max: 10 * 86_400_000 }), (cal, from, length) => {
        for (const period of workingPeriods(cal, from, new Date(from.getTime() + length))) {
          for (const probe of [period.start, new Date(period.end.getTime() - 1)]) {
            expect(cal.holidays.has(new Intl.DateTimeFormat('en-CA', { timeZone: cal.timeZone }).format(probe))).toBe(
              false,
            )
            expect(cal.absences.some((a) => probe >= a.startsAt && probe < a.endsAt)).toBe(false)
          }
        }
      }),
      { numRuns: 150 },
    )
  })
})
