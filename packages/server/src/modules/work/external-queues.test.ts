import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aCompanyWithAdmin, aUser, type SeededCompany } from '../../testing/builders.ts'
import { aSmallOrganisation, created } from '../../testing/small-organisation.ts'
import { createTestApp, signInAs, type TestApp } from '../../testing/test-app.ts'
import { addExternalAccount, orgDb } from '../org/index.ts'
import { aQueue, aRequest, aRequestType, json, visibleNumbers } from './work-test-helpers.ts'

type Org = Awaited<ReturnType<typeof aSmallOrganisation>>

describe('queues served by an outsourcing firm', () => {
  let t: TestApp
  let company: SeededCompany
  let org: Org
  let contractId: string
  let finance: { id: string; version: number }
  let support: { id: string }

  beforeEach(async () => {
    t = await createTestApp()
    company = await aCompanyWithAdmin(t.handle)
    org = await aSmallOrganisation(t, company)
    const firm = await created<{ id: string }>(
      org.admin.request('POST', '/api/v1/org/external-firms', { name: 'Ledgerline Bookkeeping' }),
    )
    // Runs until today (2026-03-02 on the test clock).
    contractId = (
      await created<{ id: string }>(
        org.admin.request('POST', `/api/v1/org/external-firms/${firm.id}/contracts`, {
          reference: 'BK-1',
          startDate: '2026-01-01',
          endDate: '2026-03-02',
          departmentIds: [org.ids.finance],
        }),
      )
    ).id
    finance = await aQueue(org.admin, {
      key: 'FIN',
      name: 'Finance desk',
      departmentId: org.ids.finance,
      memberEmployeeIds: [org.people.payablesClerk.employeeId],
      contractIds: [contractId],
    })
    support = await aQueue(org.admin, {
      key: 'SUP',
      name: 'Support desk',
      departmentId: org.ids.operations,
      memberEmployeeIds: [org.people.member.employeeId],
    })
    const user = await aUser(t.handle, company, ['external'], 'Nina Brandt')
    const context = { companyId: company.id, actorId: null, actorKind: 'system' as const, requestId: null }
    await addExternalAccount(
      orgDb(t.handle.db),
      context,
      { userId: user.id, firmId: firm.id, sponsorEmployeeId: org.people.financeHead.employeeId },
      t.clock.now(),
      '2026-03-02',
    )
    externalLogin = () => signInAs(t.app, user.email, user.password)
  })
  afterEach(() => t.close())
  let externalLogin: () => ReturnType<typeof signInAs>

  it("lets the firm's staff see and work only the queues its running contract names; other queues answer 404", async () => {
    const max = await org.people.member.signIn()
    const pay = await aRequestType(org.admin, {
      key: 'payment',
      name: 'Payment request',
      departmentId: org.ids.finance,
      defaultQueueId: finance.id,
    })
    const help = await aRequestType(org.admin, {
      key: 'help',
      name: 'Help',
      departmentId: org.ids.operations,
      defaultQueueId: support.id,
    })
    const payment = await aRequest(max, pay.id, 'Pay the cleaner')
    const other = await aRequest(max, help.id, 'Printer jam')

    const queue = await json<{ contracts: { id: string; reference: string; firm: { name: string } }[] }>(
      org.admin,
      'GET',
      `/api/v1/work/queues/${finance.id}`,
    )
    expect(queue.contracts).toEqual([
      expect.objectContaining({
        id: contractId,
        reference: 'BK-1',
        firm: expect.objectContaining({ name: 'Ledgerline Bookkeeping' }) as unknown,
      }),
    ])

    const nina = await externalLogin()
    expect(await visibleNumbers(nina)).toEqual([payment.number])
    expect((await nina.request('GET', `/api/v1/work/items/${other.id}`)).statusCode).toBe(404)
    const queues = await json<{ items: { name: string }[] }>(nina, 'GET', '/api/v1/work/queues')
    expect(queues.items.map((q) => q.name)).toEqual(['Finance desk'])
    expect((await nina.request('GET', `/api/v1/work/queues/${support.id}`)).statusCode).toBe(404)
    const reply = await nina.request('POST', `/api/v1/work/items/${payment.id}/comments`, {
      body: 'Paid on Monday.',
      visibility: 'public',
    })
    expect(reply.statusCode, reply.body).toBeLessThan(300)
    expect(
      (await nina.request('POST', `/api/v1/work/items/${other.id}/comments`, { body: 'x', visibility: 'public' }))
        .statusCode,
    ).toBe(404)

    // The day after the contract's end the firm's staff are refused, before any job has run.
    t.clock.advanceMs(24 * 3_600_000)
    expect((await nina.request('GET', '/api/v1/work/items')).statusCode).toBe(401)
  })

  it('refuses an unknown or foreign contract at its place in the list, and writes nothing', async () => {
    const other = await aCompanyWithAdmin(t.handle, 'Globex')
    const globex = await signInAs(t.app, other.admin.email, other.admin.password)
    const globexFirm = await created<{ id: string }>(
      globex.request('POST', '/api/v1/org/external-firms', { name: 'Elsewhere Ltd' }),
    )
    const foreign = await created<{ id: string }>(
      globex.request('POST', `/api/v1/org/external-firms/${globexFirm.id}/contracts`, {
        reference: 'X-1',
        startDate: '2026-01-01',
        endDate: '2026-12-31',
        departmentIds: [],
      }),
    )
    const before = await json<{ version: number }>(org.admin, 'GET', `/api/v1/work/queues/${finance.id}`)
    const refused = await org.admin.request(
      'PUT',
      `/api/v1/work/queues/${finance.id}`,
      {
        key: 'FIN',
        name: 'Finance desk',
        departmentId: org.ids.finance,
        strategy: 'manual',
        memberEmployeeIds: [org.people.payablesClerk.employeeId],
        contractIds: [contractId, foreign.id],
      },
      { 'if-match': `"${String(before.version)}"` },
    )
    expect(refused.statusCode).toBe(422)
    expect(JSON.parse(refused.body)).toMatchObject({ errors: [{ path: '/body/contractIds/1' }] })
    const after = await json<{ version: number; contracts: unknown[] }>(
      org.admin,
      'GET',
      `/api/v1/work/queues/${finance.id}`,
    )
    expect(after.version).toBe(before.version)
    expect(after.contracts).toHaveLength(1)
  })
})
