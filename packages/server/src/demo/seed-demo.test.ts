import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, signInAs, TEST_SECRET_KEY, type TestApp } from '../testing/test-app.ts'
import { DEMO_PASSWORD, seedDemo } from './seed-demo.ts'

describe('the demo data', () => {
  let t: TestApp
  beforeEach(async () => {
    t = await createTestApp()
  })
  afterEach(() => t.close())

  it('gives Northwind a believable organisation that the demo users sign in to', async () => {
    expect(await seedDemo(t.handle, TEST_SECRET_KEY, undefined, new Date('2026-03-02T09:00:00Z'))).toEqual({
      seeded: true,
    })
    const { rows } = await sql<{
      people: number
      departments: number
      teams: number
      locations: number
      zones: number
    }>`
      select (select count(*)::int from org_employee) as people,
             (select count(*)::int from org_department) as departments,
             (select count(*)::int from org_team where lead_employee_id is not null) as teams,
             (select count(*)::int from org_location) as locations,
             (select count(distinct time_zone)::int from org_location) as zones`.execute(t.handle.db)
    expect(rows[0]?.people).toBeGreaterThanOrEqual(55)
    expect(rows[0]).toMatchObject({ departments: 6, teams: 10, locations: 2, zones: 2 })
    const calendars = await sql<{ name: string; holidays: number }>`
      select c.name, count(h.id)::int as holidays from org_calendar c
      join org_location l on l.company_id = c.company_id and l.calendar_id = c.id
      left join org_holiday h on h.company_id = c.company_id and h.calendar_id = c.id
      group by c.name order by c.name`.execute(t.handle.db)
    expect(calendars.rows).toEqual([
      { name: 'Berlin office', holidays: 10 },
      { name: 'New York office', holidays: 9 },
    ])
    const talent = await sql<{ skills: number; held: number; certifications: number }>`
      select (select count(*)::int from org_skill) as skills, (select count(*)::int from org_employee_skill) as held,
             (select count(*)::int from org_certification) as certifications`.execute(t.handle.db)
    expect(talent.rows[0]?.skills).toBe(12)
    expect(talent.rows[0]?.held).toBeGreaterThan(60)
    expect(talent.rows[0]?.certifications).toBe(3)
    // Lena leads the service desk: her reach is her team.
    const lena = await signInAs(t.app, 'lena.lead@northwind.example', DEMO_PASSWORD)
    const team = JSON.parse((await lena.request('GET', '/api/v1/org/employees?limit=200')).body) as {
      items: { name: string }[]
    }
    expect(team.items.map((p) => p.name).sort()).toEqual([
      'Chloe Martin',
      'Hannah Klein',
      'Ivan Petrov',
      'Lena Fischer',
      'Samuel Adeyemi',
    ])
    // Ivan's timeline has his two moves.
    const alex = await signInAs(t.app, 'admin@northwind.example', DEMO_PASSWORD)
    const ivan = (
      JSON.parse((await alex.request('GET', '/api/v1/org/directory?q=ivan')).body) as { items: { id: string }[] }
    ).items[0]
    const historyResponse = await alex.request('GET', `/api/v1/org/employees/${ivan?.id ?? ''}/history`)
    expect(historyResponse.statusCode, historyResponse.body).toBe(200)
    const history = JSON.parse(historyResponse.body) as {
      events: { kind: string }[]
    }
    expect(history.events.filter((e) => e.kind === 'placement')).toHaveLength(3)
    expect(await seedDemo(t.handle, TEST_SECRET_KEY)).toEqual({ seeded: false })
  })
})
