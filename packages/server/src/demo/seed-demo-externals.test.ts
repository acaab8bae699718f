import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, signInAs, TEST_SECRET_KEY, type TestApp } from '../testing/test-app.ts'
import { DEMO_EXTERNALS } from './seed-demo-externals.ts'
import { DEMO_PASSWORD, seedDemo } from './seed-demo.ts'

describe('the demo outsourcing firm', () => {
  let t: TestApp
  beforeEach(async () => {
    t = await createTestApp()
  })
  afterEach(() => t.close())

  it('has two external bookkeepers who see only Finance, and an access review open for their sponsor', async () => {
    await seedDemo(t.handle, TEST_SECRET_KEY, undefined, t.clock.now())
    for (const { email } of DEMO_EXTERNALS) {
      const external = await signInAs(t.app, email, DEMO_PASSWORD)
      const departments = (await external.request('GET', '/api/v1/org/departments')).json<{
        items: { name: string }[]
      }>()
      expect(departments.items.map((d) => d.name)).toEqual(['Finance'])
      const people = (await external.request('GET', '/api/v1/org/directory?limit=200')).json<{
        items: { department: { name: string } | null }[]
      }>()
      expect(people.items.length).toBeGreaterThan(3)
      expect(new Set(people.items.map((p) => p.department?.name))).toEqual(new Set(['Finance']))
    }
    const omar = await signInAs(t.app, 'omar.finance@northwind.example', DEMO_PASSWORD)
    const mine = (await omar.request('GET', '/api/v1/org/access-reviews/mine')).json<{
      open: number
      items: { firm: { name: string } }[]
    }>()
    expect(mine.open).toBe(2)
    expect(mine.items.every((i) => i.firm.name === 'Ledgerline Bookkeeping GmbH')).toBe(true)
  })
})
