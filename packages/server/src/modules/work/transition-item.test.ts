import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aCompanyWithAdmin } from '../../testing/builders.ts'
import { aSmallOrganisation } from '../../testing/small-organisation.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { aQueue, aRequest, aRequestType, countRows, itemOf, json } from './work-test-helpers.ts'

type Org = Awaited<ReturnType<typeof aSmallOrganisation>>

describe('status workflow', () => {
  let t: TestApp
  let org: Org
  let typeId: string
  beforeEach(async () => {
    t = await createTestApp()
    org = await aSmallOrganisation(t, await aCompanyWithAdmin(t.handle))
    const queue = await aQueue(org.admin, {
      key: 'SUP',
      name: 'Support desk',
      departmentId: org.ids.operations,
      memberEmployeeIds: [org.people.member.employeeId],
    })
    typeId = (
      await aRequestType(org.admin, {
        key: 'incident',
        name: 'Incident',
        departmentId: org.ids.operations,
        defaultQueueId: queue.id,
      })
    ).id
  })
  afterEach(() => t.close())

  it('allows only the steps the workflow lists, and writes nothing for a refused one', async () => {
    const fiona = await org.people.fieldWorker.signIn()
    const item = await aRequest(fiona, typeId, 'Printer on fire')
    const max = await org.people.member.signIn()
    const url = `/api/v1/work/items/${item.id}/transitions`
    const events = await countRows(t.handle, 'work_item_event')
    const skip = await max.request('POST', url, { status: 'closed' })
    expect(skip.statusCode).toBe(422)
    expect(JSON.parse(skip.body)).toMatchObject({
      code: 'work.invalid_transition',
      errors: [{ path: '/body/status', message: 'From new the workflow allows: triaged, in_progress, resolved.' }],
    })
    expect((await max.request('POST', url, { status: 'no_such_status' })).statusCode).toBe(422)
    expect(await countRows(t.handle, 'work_item_event')).toBe(events)
    expect((await itemOf(max, item.id)).status.key).toBe('new')

    const moved = await json<{ status: { key: string }; version: number }>(max, 'POST', url, { status: 'in_progress' })
    expect(moved.status.key).toBe('in_progress')
    const stale = await max.request(
      'POST',
      url,
      { status: 'resolved' },
      { 'if-match': `"${String(moved.version - 1)}"` },
    )
    expect(stale.statusCode).toBe(409)
    await json(max, 'POST', url, { status: 'waiting_on_requester' })
    expect((await itemOf(max, item.id)).status.key).toBe('waiting_on_requester')
  })

  it('lets the requester close or reopen a resolved item, but not work it', async () => {
    const fiona = await org.people.fieldWorker.signIn()
    const item = await aRequest(fiona, typeId, 'Badge does not open the door')
    const url = `/api/v1/work/items/${item.id}/transitions`
    const mine = await fiona.request('POST', url, { status: 'in_progress' })
    expect(mine.statusCode).toBe(422)
    expect(JSON.parse(mine.body)).toMatchObject({ code: 'work.transition_not_yours' })
    expect(item.transitions).toEqual([])
    const max = await org.people.member.signIn()
    await json(max, 'POST', url, { status: 'resolved' })
    const resolved = await itemOf(fiona, item.id)
    expect(resolved.transitions.map((s) => s.to)).toEqual(['closed', 'in_progress'])
    const reopened = await json<{ status: { key: string } }>(fiona, 'POST', url, { status: 'in_progress' })
    expect(reopened.status.key).toBe('in_progress')
    const history = await json<{ items: { kind: string; summary: string }[] }>(
      fiona,
      'GET',
      `/api/v1/work/items/${item.id}/history`,
    )
    expect(history.items.at(-1)).toMatchObject({ kind: 'reopened', summary: 'Reopened: Resolved → In progress.' })
  })

  it('refuses a workflow that lists an unknown status when the type is saved', async () => {
    const queue = await json<{ items: { id: string }[] }>(org.admin, 'GET', '/api/v1/work/queues')
    const reply = await org.admin.request('POST', '/api/v1/work/request-types', {
      key: 'broken',
      name: 'Broken',
      departmentId: org.ids.operations,
      defaultQueueId: queue.items[0]?.id,
      defaultPriority: 'normal',
      fields: [],
      routingRules: [],
      workflow: {
        initial: 'new',
        statuses: [
          { key: 'new', label: 'New', category: 'new' },
          { key: 'done', label: 'Done', category: 'closed' },
        ],
        transitions: [{ from: 'new', to: 'gone', requesterMay: false }],
      },
    })
    expect(reply.statusCode).toBe(422)
    expect(JSON.parse(reply.body)).toMatchObject({ errors: [{ path: '/body/workflow/transitions/0' }] })
  })
})
