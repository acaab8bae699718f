import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aCompanyWithAdmin } from '../../testing/builders.ts'
import { aSmallOrganisation } from '../../testing/small-organisation.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'

type Org = Awaited<ReturnType<typeof aSmallOrganisation>>

describe('the users list within reach', () => {
  let t: TestApp
  let org: Org
  beforeEach(async () => {
    t = await createTestApp()
    org = await aSmallOrganisation(t, await aCompanyWithAdmin(t.handle))
  })
  afterEach(() => t.close())

  const names = async (browser: Awaited<ReturnType<Org['people']['lead']['signIn']>>) =>
    (
      JSON.parse((await browser.request('GET', '/api/v1/identity/users?limit=100')).body) as {
        items: { displayName: string }[]
      }
    ).items
      .map((u) => u.displayName)
      .sort()

  it('shows a team lead the accounts of their team, a department head their department, HR everyone', async () => {
    const { lead, head, hr, member, payablesClerk } = org.people
    const lena = await lead.signIn()
    expect(await names(lena)).toEqual(['Lena Lead', 'Max Member'])
    expect((await lena.request('GET', `/api/v1/identity/users/${member.id}`)).statusCode).toBe(200)
    const outside = await lena.request('GET', `/api/v1/identity/users/${payablesClerk.id}`)
    expect(outside.statusCode).toBe(404)
    expect(outside.body).not.toContain('Paula')

    expect(await names(await head.signIn())).toEqual(['Fiona Field', 'Hugo Head', 'Lena Lead', 'Max Member'])
    const everyone = await names(await hr.signIn())
    expect(everyone).toHaveLength(8)
    expect(everyone).toContain('Paula Payables')
  })
})
