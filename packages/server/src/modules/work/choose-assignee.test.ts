import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { systemContext } from '../audit/index.ts'
import { orgDb, recordAbsence } from '../org/index.ts'
import { aCompanyWithAdmin, type SeededCompany } from '../../testing/builders.ts'
import { aSmallOrganisation, created } from '../../testing/small-organisation.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { aQueue, aRequest, aRequestType, itemOf, json } from './work-test-helpers.ts'

type Org = Awaited<ReturnType<typeof aSmallOrganisation>>

// The test clock reads Monday 2026-03-02 09:00 UTC: 10:00 in Berlin, where
// everyone works Monday to Friday 09:00–17:00 unless their own hours say otherwise.
describe('assignment strategies', () => {
  let t: TestApp
  let company: SeededCompany
  let org: Org
  let lead: Org['people']['lead']
  let member: Org['people']['member']
  let fieldWorker: Org['people']['fieldWorker']
  beforeEach(async () => {
    t = await createTestApp()
    company = await aCompanyWithAdmin(t.handle)
    org = await aSmallOrganisation(t, company)
    ;({ lead, member, fieldWorker } = org.people)
  })
  afterEach(() => t.close())

  async function queueWithType(strategy: string, members: string[], extra: Record<string, unknown> = {}) {
    const queue = await aQueue(org.admin, {
      key: 'OPS',
      name: 'Operations desk',
      departmentId: org.ids.operations,
      memberEmployeeIds: members,
      strategy,
      ...extra,
    })
    const type = await aRequestType(org.admin, {
      key: 'equipment',
      name: 'Equipment',
      departmentId: org.ids.operations,
      defaultQueueId: queue.id,
    })
    return { queue, type }
  }

  const absentNow = (employeeId: string) =>
    recordAbsence(
      orgDb(t.handle.db),
      systemContext(company.id),
      {
        employeeId,
        startsAt: new Date('2026-03-02T00:00:00Z'),
        endsAt: new Date('2026-03-07T00:00:00Z'),
        reason: 'Annual leave',
      },
      t.clock.now(),
    )

  it('assigns by hand in a manual queue: nobody, and says the item waits for triage', async () => {
    const { type } = await queueWithType('manual', [lead.employeeId, member.employeeId])
    const item = await aRequest(await fieldWorker.signIn(), type.id)
    expect(item.assignee).toBeNull()
    expect(item.assignmentExplanation).toBe('Operations desk assigns by hand: the item waits in the queue for triage.')
    const lena = await lead.signIn()
    const automatic = await lena.request('POST', `/api/v1/work/items/${item.id}/assignment`, { automatic: true })
    expect(JSON.parse(automatic.body)).toMatchObject({
      code: 'work.manual_queue',
      errors: [{ path: '/body/automatic' }],
    })
  })

  it('takes turns in a round-robin queue, passing over someone absent', async () => {
    const { type } = await queueWithType('round_robin', [member.employeeId, lead.employeeId, fieldWorker.employeeId])
    const hanna = await org.people.hr.signIn()
    const names = async (n: number) => {
      const out: (string | undefined)[] = []
      for (let i = 0; i < n; i++) out.push((await aRequest(hanna, type.id)).assignee?.name)
      return out
    }
    expect(await names(4)).toEqual(['Fiona Field', 'Lena Lead', 'Max Member', 'Fiona Field'])
    await absentNow(lead.employeeId)
    const next = await aRequest(hanna, type.id)
    expect(next.assignee?.name).toBe('Max Member')
    expect(next.assignmentExplanation).toBe(
      'Assigned to Max Member by round robin in Operations desk: the next in turn. Passed over: Lena Lead is absent now.',
    )
  })

  it('gives the item to whoever has the fewest open items in a least-loaded queue', async () => {
    const { type } = await queueWithType('least_loaded', [lead.employeeId, member.employeeId])
    const hanna = await org.people.hr.signIn()
    const first = await aRequest(hanna, type.id)
    const second = await aRequest(hanna, type.id)
    expect([first.assignee?.name, second.assignee?.name]).toEqual(['Lena Lead', 'Max Member'])
    const lena = await lead.signIn()
    await json(lena, 'POST', `/api/v1/work/items/${first.id}/transitions`, { status: 'resolved' })
    const third = await aRequest(hanna, type.id)
    expect(third.assignee?.name).toBe('Lena Lead')
    expect(third.assignmentExplanation).toBe(
      'Assigned to Lena Lead by least loaded in Operations desk: 0 open items (others: Max Member 1).',
    )
  })

  it('picks the most skilled member at the required level, never someone absent or off shift', async () => {
    const sql = await created<{ id: string }>(org.admin.request('POST', '/api/v1/org/skills', { name: 'Forklift' }))
    for (const [person, level] of [
      [lead, 2],
      [member, 3],
      [fieldWorker, 5],
    ] as const)
      await created(
        org.admin.request('PUT', `/api/v1/org/employees/${person.employeeId}/skills`, [{ skillId: sql.id, level }]),
        200,
      )
    const { type } = await queueWithType('by_skill', [lead.employeeId, member.employeeId, fieldWorker.employeeId], {
      skillId: sql.id,
      skillMinLevel: 3,
    })
    const hanna = await org.people.hr.signIn()
    const best = await aRequest(hanna, type.id)
    expect(best.assignee?.name).toBe('Fiona Field')
    expect(best.assignmentExplanation).toBe(
      'Assigned to Fiona Field by skill in Operations desk: Forklift at level 3 or higher: level 5, 0 open items. Passed over: Lena Lead lacks Forklift at level 3 or higher.',
    )
    await absentNow(fieldWorker.employeeId)
    const next = await aRequest(hanna, type.id)
    expect(next.assignee?.name).toBe('Max Member')
    expect(next.assignmentExplanation).toContain('Fiona Field is absent now')
    // Max works afternoons and evenings: at 10:00 in Berlin he is off shift.
    const afternoons = { from: '13:00', to: '21:00' }
    await created(
      org.admin.request('PUT', `/api/v1/org/employees/${member.employeeId}/working-hours`, {
        timeZone: 'Europe/Berlin',
        weeklyHours: [[afternoons], [afternoons], [afternoons], [afternoons], [afternoons], [], []],
      }),
      200,
    )
    const nobody = await aRequest(hanna, type.id)
    expect(nobody.assignee).toBeNull()
    expect(nobody.assignmentExplanation).toBe(
      'Nobody in Operations desk could take it now, so it waits in the queue. Passed over: Lena Lead lacks Forklift at level 3 or higher; Fiona Field is absent now; Max Member is off shift now.',
    )
    // At 14:00 in Berlin Max works: asking again assigns him.
    t.clock.set('2026-03-02T13:00:00Z')
    const max = await member.signIn()
    const again = await json<{ assignee: { name: string } | null }>(
      max,
      'POST',
      `/api/v1/work/items/${nobody.id}/assignment`,
      { automatic: true },
    )
    expect(again.assignee?.name).toBe('Max Member')
  })

  it('assigns by hand only to members who are not away, and says who did it', async () => {
    const { type } = await queueWithType('manual', [lead.employeeId, member.employeeId])
    const item = await aRequest(await fieldWorker.signIn(), type.id)
    const lena = await lead.signIn()
    const url = `/api/v1/work/items/${item.id}/assignment`
    const outsider = await lena.request('POST', url, { employeeId: org.people.payablesClerk.employeeId })
    expect(outsider.statusCode).toBe(422)
    expect(JSON.parse(outsider.body)).toMatchObject({
      code: 'work.not_a_member',
      errors: [{ path: '/body/employeeId' }],
    })
    await absentNow(member.employeeId)
    const away = await lena.request('POST', url, { employeeId: member.employeeId })
    expect(JSON.parse(away.body)).toMatchObject({ code: 'work.assignee_absent' })
    await json(lena, 'POST', url, { employeeId: lead.employeeId })
    const assigned = await itemOf(lena, item.id)
    expect(assigned.assignee?.name).toBe('Lena Lead')
    expect(assigned.assignmentExplanation).toBe('Assigned to Lena Lead by Lena Lead by hand.')
  })
})
