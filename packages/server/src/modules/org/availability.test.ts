import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aCompanyWithAdmin } from '../../testing/builders.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { aSmallOrganisation, created } from '../../testing/small-organisation.ts'

type Org = Awaited<ReturnType<typeof aSmallOrganisation>>
interface AvailabilityJson {
  timeZone: string
  workingNow: boolean
  workingMs: number
  periods: { start: string; end: string }[]
  absences: { id: string; reason: string }[]
}

const HOUR = 3_600_000
const WEEK = [...Array.from({ length: 5 }, () => [{ from: '09:00', to: '17:00' }]), [], []]
const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'BEGIN:VEVENT',
  'UID:easter-monday-2026',
  'DTSTART;VALUE=DATE:20260406',
  'SUMMARY:Easter Monday',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:labour-day',
  'DTSTART;VALUE=DATE:20260501',
  'RRULE:FREQ=YEARLY;COUNT=2',
  'SUMMARY:Labour Day',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n')

describe('availability', () => {
  let t: TestApp
  let org: Org
  let calendarId: string
  // The test clock: Monday 2026-03-02 09:00 UTC, 10:00 in Berlin.
  beforeEach(async () => {
    t = await createTestApp()
    org = await aSmallOrganisation(t, await aCompanyWithAdmin(t.handle))
    const calendar = await created<{ id: string; isDefault: boolean }>(
      org.admin.request('POST', '/api/v1/org/calendars', {
        name: 'Berlin office',
        timeZone: 'Europe/Berlin',
        weeklyHours: WEEK,
      }),
    )
    expect(calendar.isDefault).toBe(true)
    calendarId = calendar.id
  })
  afterEach(() => t.close())

  const availability = async (employeeId: string, query = '', browser = org.admin) => {
    const response = await browser.request('GET', `/api/v1/org/employees/${employeeId}/availability${query}`)
    expect(response.statusCode, response.body).toBe(200)
    return JSON.parse(response.body) as AvailabilityJson
  }

  it('answers from the person’s calendar: working now, and 40 hours in a week', async () => {
    const max = await availability(org.people.member.employeeId, '?from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z')
    expect(max).toMatchObject({ timeZone: 'Europe/Berlin', workingNow: true, workingMs: 40 * HOUR })
    expect(max.periods[0]).toEqual({ start: '2026-03-02T08:00:00.000Z', end: '2026-03-02T16:00:00.000Z' })
  })

  it('takes holidays imported from an iCalendar file out, once, after a dry run that writes nothing', async () => {
    const importIcs = (dryRun: boolean) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/org/calendars/${calendarId}/holidays/import?dryRun=${String(dryRun)}`,
        headers: { cookie: org.admin.cookie, 'x-csrf-token': org.admin.csrfToken, 'content-type': 'text/calendar' },
        payload: ICS,
      })
    const dry = JSON.parse((await importIcs(true)).body) as { added: { date: string }[] }
    expect(dry.added.map((h) => h.date)).toEqual(['2026-04-06', '2026-05-01', '2027-05-01'])
    const calendar = JSON.parse((await org.admin.request('GET', `/api/v1/org/calendars/${calendarId}`)).body) as {
      holidays: unknown[]
    }
    expect(calendar.holidays).toEqual([])
    expect((JSON.parse((await importIcs(false)).body) as { added: unknown[] }).added).toHaveLength(3)
    expect(JSON.parse((await importIcs(false)).body)).toMatchObject({ added: [], skipped: 3 })
    // The Easter week has four working days.
    const easter = await availability(
      org.people.member.employeeId,
      '?from=2026-04-06T00:00:00Z&to=2026-04-13T00:00:00Z',
    )
    expect(easter.workingMs).toBe(32 * HOUR)
    const notIcs = await t.app.inject({
      method: 'POST',
      url: `/api/v1/org/calendars/${calendarId}/holidays/import`,
      headers: { cookie: org.admin.cookie, 'x-csrf-token': org.admin.csrfToken, 'content-type': 'text/calendar' },
      payload: 'date,name\n2026-12-25,Christmas',
    })
    expect(JSON.parse(notIcs.body)).toMatchObject({ code: 'org.invalid_ics', errors: [{ path: '/body' }] })
  })

  it('takes an absence out at once, and shows why only to those whose reach covers the person', async () => {
    const { member } = org.people
    const absence = await created<{ id: string }>(
      org.admin.request('POST', `/api/v1/org/employees/${member.employeeId}/absences`, {
        startsAt: '2026-03-02T00:00:00Z',
        endsAt: '2026-03-04T00:00:00Z',
        reason: 'Medical appointment',
      }),
    )
    const week = '?from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z'
    expect(await availability(member.employeeId, week)).toMatchObject({ workingNow: false, workingMs: 24 * HOUR })
    const lena = await org.people.lead.signIn()
    expect((await availability(member.employeeId, week, lena)).absences.map((a) => a.reason)).toEqual([
      'Medical appointment',
    ])
    const fiona = await org.people.fieldWorker.signIn()
    const seenByColleague = await availability(member.employeeId, week, fiona)
    expect(seenByColleague).toMatchObject({ workingNow: false, absences: [] })
    expect(JSON.stringify(seenByColleague)).not.toContain('Medical')
    expect(
      (
        await org.admin.request(
          'DELETE',
          `/api/v1/org/employees/${org.people.fieldWorker.employeeId}/absences/${absence.id}`,
        )
      ).statusCode,
    ).toBe(404)
    expect(
      (await org.admin.request('DELETE', `/api/v1/org/employees/${member.employeeId}/absences/${absence.id}`))
        .statusCode,
    ).toBe(204)
    expect(await availability(member.employeeId, week)).toMatchObject({ workingNow: true, workingMs: 40 * HOUR })
  })

  it('uses a person’s own hours and time zone over their location’s calendar', async () => {
    const { fieldWorker } = org.people
    const response = await org.admin.request('PUT', `/api/v1/org/employees/${fieldWorker.employeeId}/working-hours`, {
      timeZone: 'America/New_York',
      weeklyHours: [[{ from: '08:00', to: '12:00' }], [], [], [], [], [], []],
    })
    expect(response.statusCode, response.body).toBe(200)
    const fiona = await availability(fieldWorker.employeeId, '?from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z')
    expect(fiona).toMatchObject({ timeZone: 'America/New_York', workingNow: false, workingMs: 4 * HOUR })
    expect(fiona.periods).toEqual([{ start: '2026-03-02T13:00:00.000Z', end: '2026-03-02T17:00:00.000Z' }])
    const bad = await org.admin.request('PUT', `/api/v1/org/employees/${fieldWorker.employeeId}/working-hours`, {
      timeZone: null,
      weeklyHours: [[{ from: '12:00', to: '08:00' }], [], [], [], [], [], []],
    })
    expect(JSON.parse(bad.body)).toMatchObject({
      code: 'org.invalid_working_hours',
      errors: [{ path: '/body/weeklyHours' }],
    })
  })
})
