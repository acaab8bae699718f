import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aCompanyWithAdmin } from '../../testing/builders.ts'
import { aSmallOrganisation } from '../../testing/small-organisation.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { aQueue, aRequestType } from './work-test-helpers.ts'

// On PostgreSQL these submissions run on separate pooled connections at once;
// the queue row lock is what keeps their numbers distinct and consecutive.
describe('item numbers', () => {
  let t: TestApp
  beforeEach(async () => {
    t = await createTestApp()
  })
  afterEach(() => t.close())

  it('gives concurrent submissions to one queue distinct, consecutive numbers', async () => {
    const org = await aSmallOrganisation(t, await aCompanyWithAdmin(t.handle))
    const queue = await aQueue(org.admin, {
      key: 'IT',
      name: 'IT desk',
      departmentId: org.ids.operations,
      memberEmployeeIds: [org.people.member.employeeId, org.people.lead.employeeId],
      strategy: 'round_robin',
    })
    const type = await aRequestType(org.admin, {
      key: 'incident',
      name: 'Incident',
      departmentId: org.ids.operations,
      defaultQueueId: queue.id,
    })
    const max = await org.people.member.signIn()
    const replies = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        max.request('POST', '/api/v1/work/items', { typeId: type.id, title: `Outage ${String(i)}`, fields: {} }),
      ),
    )
    expect(replies.map((r) => r.statusCode)).toEqual(Array.from({ length: 16 }, () => 201))
    const numbers = replies.map((r) => (JSON.parse(r.body) as { number: string }).number)
    expect(new Set(numbers).size).toBe(16)
    expect(numbers.map((n) => Number(n.slice(3))).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 16 }, (_, i) => i + 1),
    )
  })
})
