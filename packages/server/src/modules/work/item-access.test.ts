import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aCompanyWithAdmin } from '../../testing/builders.ts'
import { aSmallOrganisation } from '../../testing/small-organisation.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { aQueue, aRequest, aRequestType, json, visibleNumbers } from './work-test-helpers.ts'

type Org = Awaited<ReturnType<typeof aSmallOrganisation>>

describe('who sees and works which items', () => {
  let t: TestApp
  let org: Org
  let typeId: string
  beforeEach(async () => {
    t = await createTestApp()
    org = await aSmallOrganisation(t, await aCompanyWithAdmin(t.handle))
    const queue = await aQueue(org.admin, {
      key: 'FIN',
      name: 'Finance desk',
      departmentId: org.ids.finance,
      memberEmployeeIds: [org.people.payablesClerk.employeeId],
    })
    typeId = (
      await aRequestType(org.admin, {
        key: 'payment_request',
        name: 'Payment request',
        departmentId: org.ids.finance,
        defaultQueueId: queue.id,
      })
    ).id
  })
  afterEach(() => t.close())

  it('shows requesters their own, leads their team or department, and queue members their queue', async () => {
    const max = await org.people.member.signIn()
    const fiona = await org.people.fieldWorker.signIn()
    const fromMax = await aRequest(max, typeId, 'Pay the cleaner')
    const fromFiona = await aRequest(fiona, typeId, 'Pay the locksmith')
    expect(await visibleNumbers(max)).toEqual([fromMax.number])
    expect(await visibleNumbers(fiona)).toEqual([fromFiona.number])
    expect((await fiona.request('GET', `/api/v1/work/items/${fromMax.id}`)).statusCode).toBe(404)
    expect(await visibleNumbers(await org.people.lead.signIn())).toEqual([fromMax.number])
    expect(await visibleNumbers(await org.people.head.signIn())).toEqual(['FIN-1', 'FIN-2'])
    expect(await visibleNumbers(await org.people.payablesClerk.signIn())).toEqual(['FIN-1', 'FIN-2'])
    expect(await visibleNumbers(await org.people.hr.signIn())).toEqual([])
    // A watcher sees the item too.
    const paula = await org.people.payablesClerk.signIn()
    await json(paula, 'PUT', `/api/v1/work/items/${fromFiona.id}/watchers/${org.people.hr.id}`)
    expect(await visibleNumbers(await org.people.hr.signIn())).toEqual([fromFiona.number])
  })

  it('lets only queue members (and leads within reach) work an item; requesters never see internal notes', async () => {
    const max = await org.people.member.signIn()
    const item = await aRequest(max, typeId, 'Refund the deposit')
    const url = `/api/v1/work/items/${item.id}`
    expect((await max.request('PATCH', url, { priority: 'urgent' })).statusCode).toBe(403)
    const lena = await org.people.lead.signIn()
    expect((await lena.request('PATCH', url, { priority: 'urgent' })).statusCode).toBe(403)
    const note = await lena.request('POST', `${url}/comments`, { body: 'Hm.', visibility: 'internal' })
    expect(JSON.parse(note.body)).toMatchObject({ errors: [{ path: '/body/visibility' }] })
    const paula = await org.people.payablesClerk.signIn()
    await json(paula, 'PATCH', url, { priority: 'urgent' })
    const frank = await org.people.financeHead.signIn()
    await json(frank, 'POST', `${url}/comments`, { body: 'Check the contract first.', visibility: 'internal' })
    await json(paula, 'POST', `${url}/comments`, { body: 'Refunded today.', visibility: 'public' })
    const bodies = async (b: typeof max) =>
      (await json<{ items: { body: string }[] }>(b, 'GET', `${url}/conversation`)).items.map((c) => c.body)
    expect(await bodies(max)).toEqual(['Refunded today.'])
    expect(await bodies(paula)).toEqual(['Check the contract first.', 'Refunded today.'])
  })

  it('answers 404 for an item of another company', async () => {
    const max = await org.people.member.signIn()
    const item = await aRequest(max, typeId)
    const other = await aSmallOrganisation(t, await aCompanyWithAdmin(t.handle, 'Globex'))
    expect((await other.admin.request('GET', `/api/v1/work/items/${item.id}`)).statusCode).toBe(404)
    expect(
      (await other.admin.request('POST', `/api/v1/work/items/${item.id}/transitions`, { status: 'triaged' }))
        .statusCode,
    ).toBe(404)
    expect(await visibleNumbers(other.admin)).toEqual([])
  })

  it('pages through a filtered, sorted list without gaps or repeats', async () => {
    const max = await org.people.member.signIn()
    const paula = await org.people.payablesClerk.signIn()
    const numbers: string[] = []
    for (let i = 1; i <= 7; i++) {
      const item = await aRequest(max, typeId, `Invoice ${String(i)}`)
      numbers.push(item.number)
      t.clock.advanceMs(60_000)
      if (i % 2 === 0)
        await json(paula, 'PATCH', `/api/v1/work/items/${item.id}`, { priority: 'high', tags: ['Supplier'] })
    }
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const query: string = cursor ? `&cursor=${cursor}` : ''
      const page: { items: { number: string; priority: string }[]; nextCursor: string | null } = await json(
        paula,
        'GET',
        `/api/v1/work/items?limit=3&sort=priority${query}`,
      )
      seen.push(...page.items.map((i) => i.number))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(['FIN-6', 'FIN-4', 'FIN-2', 'FIN-7', 'FIN-5', 'FIN-3', 'FIN-1'])
    expect(await visibleNumbers(paula, '&tag=supplier')).toEqual(['FIN-2', 'FIN-4', 'FIN-6'])
    expect(await visibleNumbers(paula, '&q=invoice%205')).toEqual(['FIN-5'])
    expect(await visibleNumbers(paula, '&requester=me')).toEqual([])
    expect(await visibleNumbers(max, '&requester=me&priority=high')).toEqual(['FIN-2', 'FIN-4', 'FIN-6'])
    const bad = await paula.request('GET', '/api/v1/work/items?cursor=garbage')
    expect(bad.statusCode).toBe(400)
    expect(numbers).toHaveLength(7)
  })
})
