import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aCompanyWithAdmin } from '../../testing/builders.ts'
import { aSmallOrganisation, created } from '../../testing/small-organisation.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { runCertificationReminders } from './org-jobs.ts'
import { orgDb } from './org.tables.ts'

type Org = Awaited<ReturnType<typeof aSmallOrganisation>>

describe('skills and certifications', () => {
  let t: TestApp
  let org: Org
  let sqlSkill: string
  beforeEach(async () => {
    t = await createTestApp()
    org = await aSmallOrganisation(t, await aCompanyWithAdmin(t.handle))
    sqlSkill = (
      await created<{ id: string }>(org.admin.request('POST', '/api/v1/org/skills', { name: 'SQL', category: 'Data' }))
    ).id
  })
  afterEach(() => t.close())

  it('lets people state their own skills, and colleagues find them by skill and level', async () => {
    const max = await org.people.member.signIn()
    const own = await max.request('PUT', `/api/v1/org/employees/${org.people.member.employeeId}/skills`, [
      { skillId: sqlSkill, level: 4 },
    ])
    expect(own.statusCode, own.body).toBe(200)
    const fiona = await org.people.fieldWorker.signIn()
    expect(
      (await fiona.request('PUT', `/api/v1/org/employees/${org.people.member.employeeId}/skills`, [])).statusCode,
    ).toBe(403)
    await fiona.request('PUT', `/api/v1/org/employees/${org.people.fieldWorker.employeeId}/skills`, [
      { skillId: sqlSkill, level: 2 },
    ])
    const names = async (query: string) =>
      (
        JSON.parse((await fiona.request('GET', `/api/v1/org/directory?${query}`)).body) as { items: { name: string }[] }
      ).items.map((p) => p.name)
    expect(await names(`skillId=${sqlSkill}`)).toEqual(['Fiona Field', 'Max Member'])
    expect(await names(`skillId=${sqlSkill}&minLevel=3`)).toEqual(['Max Member'])
    const skills = JSON.parse(
      (await fiona.request('GET', `/api/v1/org/employees/${org.people.member.employeeId}/skills`)).body,
    ) as {
      items: { skill: { name: string }; level: number }[]
    }
    expect(skills.items).toEqual([{ skill: { id: sqlSkill, name: 'SQL', category: 'Data' }, level: 4 }])
    const unknown = await max.request('PUT', `/api/v1/org/employees/${org.people.member.employeeId}/skills`, [
      { skillId: '01900000-0000-7000-8000-0000000000ff', level: 3 },
    ])
    expect(JSON.parse(unknown.body)).toMatchObject({ errors: [{ path: '/body/0/skillId' }] })
  })

  it('reminds the person and their manager of a certification expiring within 30 days, once per expiry date', async () => {
    const { member } = org.people
    await org.admin.request('PUT', `/api/v1/org/employees/${member.employeeId}`, {
      legalName: 'Max Member',
      preferredName: null,
      workEmail: 'max@acme.test',
      workPhone: null,
      probationEndDate: null,
      workSchedule: null,
      userId: member.id,
      status: 'active',
    })
    const lead = org.people.lead
    await org.admin.request('PUT', `/api/v1/org/employees/${lead.employeeId}`, {
      legalName: 'Lena Lead',
      preferredName: null,
      workEmail: 'lena@acme.test',
      workPhone: null,
      probationEndDate: null,
      workSchedule: null,
      userId: lead.id,
      status: 'active',
    })
    const max = await member.signIn()
    await created(
      max.request('POST', `/api/v1/org/employees/${member.employeeId}/certifications`, {
        name: 'First aid',
        expiresDate: '2026-03-20',
      }),
    )
    await created(
      max.request('POST', `/api/v1/org/employees/${member.employeeId}/certifications`, {
        name: 'Forklift',
        expiresDate: '2026-09-01',
      }),
    )
    const db = orgDb(t.handle.db)
    // The test clock's day is 2026-03-02: First aid is due, Forklift is not.
    expect(await runCertificationReminders(db, new Date('2026-03-02T07:00:00Z'))).toBe(2)
    expect(await runCertificationReminders(db, new Date('2026-03-03T07:00:00Z'))).toBe(0)
    const { rows } = await sql<{
      to_address: string
      subject: string
    }>`select to_address, subject from mail_message order by to_address`.execute(t.handle.db)
    expect(rows).toEqual([
      { to_address: 'lena@acme.test', subject: "Max Member's First aid certification expires on 2026-03-20" },
      { to_address: 'max@acme.test', subject: 'Your First aid certification expires on 2026-03-20' },
    ])
    const lena = await lead.signIn()
    const seen = JSON.parse(
      (await lena.request('GET', `/api/v1/org/employees/${member.employeeId}/certifications`)).body,
    ) as { items: { name: string }[] }
    expect(seen.items.map((c) => c.name)).toEqual(['First aid', 'Forklift'])
    const fiona = await org.people.fieldWorker.signIn()
    expect((await fiona.request('GET', `/api/v1/org/employees/${member.employeeId}/certifications`)).statusCode).toBe(
      403,
    )
  })
})
