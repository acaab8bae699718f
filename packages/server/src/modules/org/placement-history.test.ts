import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aCompanyWithAdmin } from '../../testing/builders.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { runEffectiveChanges } from './org-jobs.ts'
import { orgDb } from './org.tables.ts'
import { aSmallOrganisation, type EmployeeJson } from '../../testing/small-organisation.ts'

type Org = Awaited<ReturnType<typeof aSmallOrganisation>>
type Chart = { asOf: string; nodes: { id: string; name: string; managerId: string | null }[] }

describe('effective-dated placements', () => {
  let t: TestApp
  let org: Org
  // The test clock says 2026-03-02 (see testing/test-app.ts).
  beforeEach(async () => {
    t = await createTestApp()
    org = await aSmallOrganisation(t, await aCompanyWithAdmin(t.handle))
  })
  afterEach(() => t.close())

  const move = (employeeId: string, effectiveDate: string, placement: Record<string, string | null>) =>
    org.admin.request('POST', `/api/v1/org/employees/${employeeId}/placements`, {
      effectiveDate,
      employmentType: 'permanent',
      departmentId: org.ids.operations,
      teamId: null,
      positionId: org.ids.clerk,
      managerId: null,
      locationId: org.ids.location,
      ...placement,
    })
  const chart = async (asOf?: string) =>
    JSON.parse((await org.admin.request('GET', `/api/v1/org/chart${asOf ? `?asOf=${asOf}` : ''}`)).body) as Chart
  const managerOf = (c: Chart, id: string) => c.nodes.find((n) => n.id === id)?.managerId

  it('answer "who reported to whom on 1 March" after the line changed, and keep every row', async () => {
    const { member, lead, head } = org.people
    // Max reported to Lena from hiring; from 2026-02-15 to Hugo.
    expect(
      (await move(member.employeeId, '2026-02-15', { teamId: org.ids.support, managerId: head.employeeId })).statusCode,
    ).toBe(201)
    expect(managerOf(await chart('2026-02-01'), member.employeeId)).toBe(lead.employeeId)
    expect(managerOf(await chart('2026-03-01'), member.employeeId)).toBe(head.employeeId)
    expect(managerOf(await chart(), member.employeeId)).toBe(head.employeeId)
    // Before the hire date nobody is on the chart.
    expect((await chart('2024-12-31')).nodes).toEqual([])
    const history = JSON.parse(
      (await org.admin.request('GET', `/api/v1/org/employees/${member.employeeId}/history`)).body,
    ) as {
      events: {
        kind: string
        effectiveDate: string
        changes: { field: string; before: string | null; after: string | null }[]
      }[]
    }
    const placements = history.events.filter((e) => e.kind === 'placement')
    expect(placements.map((e) => e.effectiveDate)).toEqual(['2025-01-06', '2026-02-15'])
    expect(placements[1]?.changes).toEqual([{ field: 'manager', before: 'Lena Lead', after: 'Hugo Head' }])
  })

  it('take effect on their day: a future move waits for the daily job, then applies', async () => {
    const { fieldWorker, lead } = org.people
    const response = await move(fieldWorker.employeeId, '2026-04-01', {
      teamId: org.ids.support,
      managerId: lead.employeeId,
    })
    const afterMove = JSON.parse(response.body) as EmployeeJson
    expect(afterMove.team?.name).toBe('Field')
    expect(managerOf(await chart('2026-04-01'), fieldWorker.employeeId)).toBe(lead.employeeId)

    const db = orgDb(t.handle.db)
    expect(await runEffectiveChanges(db, new Date('2026-03-31T12:00:00Z'))).toEqual({ placed: 0, closed: 0 })
    expect(await runEffectiveChanges(db, new Date('2026-04-01T06:00:00Z'))).toEqual({ placed: 1, closed: 0 })
    expect(await runEffectiveChanges(db, new Date('2026-04-02T06:00:00Z'))).toEqual({ placed: 0, closed: 0 })
    const now = JSON.parse(
      (await org.admin.request('GET', `/api/v1/org/employees/${fieldWorker.employeeId}`)).body,
    ) as EmployeeJson
    expect(now.team?.name).toBe('Support')
    expect(now.manager?.name).toBe('Lena Lead')
  })

  it('refuse a reporting line that loops, a team outside the department and a date before the hire', async () => {
    const { head, member } = org.people
    const loop = await move(head.employeeId, '2026-03-01', { managerId: member.employeeId })
    expect(loop.statusCode).toBe(422)
    expect(JSON.parse(loop.body)).toMatchObject({ code: 'org.reporting_cycle', errors: [{ path: '/body/managerId' }] })
    const self = await move(head.employeeId, '2026-03-01', { managerId: head.employeeId })
    expect(JSON.parse(self.body)).toMatchObject({ code: 'org.reporting_cycle' })
    const wrongTeam = await move(member.employeeId, '2026-03-01', {
      departmentId: org.ids.finance,
      teamId: org.ids.support,
    })
    expect(JSON.parse(wrongTeam.body)).toMatchObject({
      code: 'org.team_outside_department',
      errors: [{ path: '/body/teamId' }],
    })
    const early = await move(member.employeeId, '2024-01-01', {})
    expect(JSON.parse(early.body)).toMatchObject({ code: 'org.before_hire', errors: [{ path: '/body/effectiveDate' }] })
    const { rows } = await sql<{
      n: number
    }>`select count(*)::int as n from org_placement where employee_id = ${member.employeeId}`.execute(t.handle.db)
    expect(rows[0]?.n).toBe(1)
  })

  it('are history: the database refuses to change or delete one', async () => {
    await expect(sql`update org_placement set reason = 'rewritten'`.execute(t.handle.db)).rejects.toThrow(
      /never changed or deleted/,
    )
    await expect(sql`delete from org_placement`.execute(t.handle.db)).rejects.toThrow(/never changed or deleted/)
  })
})

describe('termination', () => {
  let t: TestApp
  let org: Org
  beforeEach(async () => {
    t = await createTestApp()
    org = await aSmallOrganisation(t, await aCompanyWithAdmin(t.handle))
  })
  afterEach(() => t.close())

  it('takes someone out of the directory and their team lead seat; HR still sees the record', async () => {
    const { lead, member, head } = org.people
    const blocked = await org.admin.request('POST', `/api/v1/org/employees/${lead.employeeId}/terminate`, {
      terminationDate: '2026-03-01',
      reason: 'Resigned',
    })
    expect(JSON.parse(blocked.body)).toMatchObject({ code: 'org.has_reports' })
    expect(
      (
        await org.admin.request('POST', `/api/v1/org/employees/${member.employeeId}/placements`, {
          effectiveDate: '2026-03-01',
          employmentType: 'permanent',
          departmentId: org.ids.operations,
          teamId: org.ids.support,
          positionId: null,
          managerId: head.employeeId,
          locationId: null,
        })
      ).statusCode,
    ).toBe(201)
    const done = await org.admin.request('POST', `/api/v1/org/employees/${lead.employeeId}/terminate`, {
      terminationDate: '2026-03-01',
      reason: 'Resigned',
    })
    expect(done.statusCode).toBe(200)
    const directory = JSON.parse((await org.admin.request('GET', '/api/v1/org/directory?q=lena')).body) as {
      items: unknown[]
    }
    expect(directory.items).toEqual([])
    const team = JSON.parse((await org.admin.request('GET', `/api/v1/org/teams/${org.ids.support}`)).body) as {
      lead: unknown
    }
    expect(team.lead).toBeNull()
    const max = await member.signIn()
    expect((await max.request('GET', `/api/v1/org/employees/${lead.employeeId}`)).statusCode).toBe(404)
    const hanna = await org.people.hr.signIn()
    const record = JSON.parse(
      (await hanna.request('GET', `/api/v1/org/employees/${lead.employeeId}`)).body,
    ) as EmployeeJson
    expect(record.status).toBe('terminated')
  })

  it('dated in the future is scheduled, and the daily job closes the record on the day', async () => {
    const { fieldWorker } = org.people
    const scheduled = await org.admin.request('POST', `/api/v1/org/employees/${fieldWorker.employeeId}/terminate`, {
      terminationDate: '2026-03-31',
      reason: 'End of contract',
    })
    expect(JSON.parse(scheduled.body)).toMatchObject({
      status: 'active',
      employment: { terminationDate: '2026-03-31' },
    })
    // Taken back, then given again: only the last one counts.
    const cancelled = await org.admin.request('DELETE', `/api/v1/org/employees/${fieldWorker.employeeId}/termination`)
    expect(JSON.parse(cancelled.body)).toMatchObject({ status: 'active', employment: { terminationDate: null } })
    expect(
      (await org.admin.request('DELETE', `/api/v1/org/employees/${fieldWorker.employeeId}/termination`)).statusCode,
    ).toBe(422)
    await org.admin.request('POST', `/api/v1/org/employees/${fieldWorker.employeeId}/terminate`, {
      terminationDate: '2026-03-31',
      reason: 'End of contract',
    })
    const db = orgDb(t.handle.db)
    expect(await runEffectiveChanges(db, new Date('2026-03-31T08:00:00Z'))).toEqual({ placed: 0, closed: 1 })
    const after = JSON.parse(
      (await org.admin.request('GET', `/api/v1/org/employees/${fieldWorker.employeeId}`)).body,
    ) as EmployeeJson
    expect(after.status).toBe('terminated')
  })
})

describe('bad input to employee records', () => {
  let t: TestApp
  let org: Org
  beforeEach(async () => {
    t = await createTestApp()
    org = await aSmallOrganisation(t, await aCompanyWithAdmin(t.handle))
  })
  afterEach(() => t.close())

  it('gets a 422 naming the field, and nothing is written', async () => {
    const count = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from org_employee`.execute(t.handle.db)).rows[0]?.n
    const before = await count()
    const hire = (extra: Record<string, unknown>) =>
      org.admin.request('POST', '/api/v1/org/employees', {
        legalName: 'Nina New',
        hireDate: '2026-03-02',
        employmentType: 'permanent',
        departmentId: org.ids.operations,
        teamId: null,
        positionId: null,
        managerId: null,
        locationId: null,
        ...extra,
      })
    const cases: [Record<string, unknown>, string][] = [
      [
        {
          privateData: {
            dateOfBirth: null,
            nationalId: null,
            homeAddress: null,
            bankAccount: { holder: 'N', iban: 'DE89370400440532013001' },
            emergencyContacts: [],
          },
        },
        '/body/privateData/bankAccount/iban',
      ],
      [{ salary: { amount: '100.001', currency: 'EUR', period: 'month' } }, '/body/salary/amount'],
      [{ salary: { amount: '100', currency: 'XXX', period: 'month' } }, '/body/salary/currency'],
      [{ hireDate: '2026-02-30' }, '/body/hireDate'],
      [{ teamId: org.ids.field, departmentId: org.ids.finance }, '/body/teamId'],
      [{ employeeNumber: '0001' }, '/body/employeeNumber'],
      [{ legalName: '' }, '/body/legalName'],
    ]
    for (const [extra, path] of cases) {
      const response = await hire(extra)
      expect([400, 422], `${path}: ${response.body}`).toContain(response.statusCode)
      expect(response.headers['content-type']).toContain('application/problem+json')
      expect((JSON.parse(response.body) as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain(path)
    }
    expect(await count()).toBe(before)
  })
})
