import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aCompanyWithAdmin, A_PASSWORD, type SeededCompany } from '../../testing/builders.ts'
import { aSmallOrganisation, created } from '../../testing/small-organisation.ts'
import { createTestApp, signInAs, type Browser, type TestApp } from '../../testing/test-app.ts'
import { runAccessReviewSchedule, runExternalAccessExpiry } from './external-jobs.ts'
import { orgDb } from './org.tables.ts'

type Org = Awaited<ReturnType<typeof aSmallOrganisation>>

interface AccountJson {
  id: string
  userId: string
  email: string
  status: string
  signInStatus: string
  version: number
}

const names = async (browser: Browser, url: string) =>
  (JSON.parse((await browser.request('GET', url)).body) as { items: { name: string }[] }).items.map((p) => p.name)

describe('external firms and staff', () => {
  let t: TestApp
  let company: SeededCompany
  let org: Org
  let firmId: string
  let contract: { id: string; version: number }

  /** Invites a person of the firm and sets their password from the e-mailed link, as they would. */
  async function anExternal(name: string, sponsorEmployeeId: string) {
    const email = `${name.toLowerCase().replace(/\s+/g, '.')}@it-partner.test`
    const account = await created<AccountJson>(
      org.admin.request('POST', '/api/v1/org/external-accounts', {
        email,
        displayName: name,
        firmId,
        sponsorEmployeeId,
      }),
    )
    const mail = await orgDb(t.handle.db)
      .selectFrom('mail_message')
      .select('text_body')
      .where('to_address', '=', email)
      .executeTakeFirstOrThrow()
    const token = /invitation\?token=([\w-]+)/.exec(mail.text_body)?.[1] ?? ''
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      payload: { token, password: A_PASSWORD },
    })
    expect(accepted.statusCode, accepted.body).toBeLessThan(300)
    return { ...account, signIn: () => signInAs(t.app, email, A_PASSWORD) }
  }

  beforeEach(async () => {
    t = await createTestApp()
    company = await aCompanyWithAdmin(t.handle)
    org = await aSmallOrganisation(t, company)
    firmId = (
      await created<{ id: string }>(
        org.admin.request('POST', '/api/v1/org/external-firms', {
          name: 'Ledgerline Bookkeeping',
          taxId: 'DE123456789',
          contactEmail: 'office@ledgerline.test',
        }),
      )
    ).id
    // Runs until today (2026-03-02 on the test clock), for the Finance department and everything below it.
    contract = await created(
      org.admin.request('POST', `/api/v1/org/external-firms/${firmId}/contracts`, {
        reference: 'BK-2026-01',
        startDate: '2026-01-01',
        endDate: '2026-03-02',
        departmentIds: [org.ids.finance],
      }),
    )
  })
  afterEach(() => t.close())

  it('cuts the directory, records, structure, org chart and export down to the contract scope; the rest answers 404', async () => {
    const ext = await (await anExternal('Erik Extern', org.people.financeHead.employeeId)).signIn()
    expect(await names(ext, '/api/v1/org/directory')).toEqual(['Frank Finance', 'Paula Payables'])
    expect(await names(ext, '/api/v1/org/directory?q=max')).toEqual([])
    expect(await names(ext, `/api/v1/org/directory?departmentId=${org.ids.operations}`)).toEqual([])
    const chart = JSON.parse((await ext.request('GET', '/api/v1/org/chart')).body) as { nodes: { name: string }[] }
    expect(chart.nodes.map((n) => n.name)).toEqual(['Frank Finance', 'Paula Payables'])
    const departments = JSON.parse((await ext.request('GET', '/api/v1/org/departments')).body) as {
      items: { name: string; parentId: string | null }[]
    }
    expect(departments.items.map((d) => [d.name, d.parentId])).toEqual([
      ['Finance', null],
      ['Payables', org.ids.finance],
    ])
    expect((await ext.request('GET', '/api/v1/org/teams')).json<{ items: unknown[] }>().items).toEqual([])
    const csv = (await ext.request('GET', '/api/v1/org/export/departments.csv')).body
    expect(csv).toContain('Payables')
    expect(csv).not.toContain('Operations')

    // Inside the scope: a person, a department below the contracted one.
    expect((await ext.request('GET', `/api/v1/org/employees/${org.people.payablesClerk.employeeId}`)).statusCode).toBe(
      200,
    )
    expect((await ext.request('GET', `/api/v1/org/departments/${org.ids.payables}`)).statusCode).toBe(200)
    // Outside it: as if they did not exist.
    for (const url of [
      `/api/v1/org/employees/${org.people.member.employeeId}`,
      `/api/v1/org/employees/${org.people.member.employeeId}/skills`,
      `/api/v1/org/employees/${org.people.member.employeeId}/availability`,
      `/api/v1/org/departments/${org.ids.operations}`,
      `/api/v1/org/teams/${org.ids.support}`,
    ]) {
      const response = await ext.request('GET', url)
      expect(response.statusCode, url).toBe(404)
    }
    // Everyone else is untouched by external scope.
    const max = await org.people.member.signIn()
    expect(await names(max, '/api/v1/org/directory')).toHaveLength(7)
  })

  it('ends access at the contract end: refused at request time before the job runs, and the job ends sessions', async () => {
    const erik = await anExternal('Erik Extern', org.people.financeHead.employeeId)
    const olga = await anExternal('Olga Outsourced', org.people.financeHead.employeeId)
    t.clock.set('2026-03-02T23:45:00Z')
    const erikBrowser = await erik.signIn()
    const olgaBrowser = await olga.signIn()
    expect((await erikBrowser.request('GET', '/api/v1/org/directory')).statusCode).toBe(200)

    // The last day is over; the hourly job has not run yet.
    t.clock.set('2026-03-03T00:05:00Z')
    const refused = await erikBrowser.request('GET', '/api/v1/org/directory')
    expect(refused.statusCode).toBe(401)
    expect(refused.json()).toMatchObject({ code: 'org.external_access_ended' })
    expect(refused.json<{ detail: string }>().detail).toContain('Ledgerline Bookkeeping')
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: erik.email, password: A_PASSWORD },
    })
    expect(signIn.statusCode).toBe(401)
    expect(signIn.json()).toMatchObject({ code: 'org.external_access_ended' })

    // The job: memberships deactivated, accounts expired, every session ended without a request.
    const expired = await runExternalAccessExpiry(orgDb(t.handle.db), t.clock.now())
    expect(expired.sort()).toEqual([erik.id, olga.id].sort())
    expect(await runExternalAccessExpiry(orgDb(t.handle.db), t.clock.now())).toEqual([])
    const live = await orgDb(t.handle.db)
      .selectFrom('identity_session')
      .select('id')
      .where('user_id', '=', olga.userId)
      .where('revoked_at', 'is', null)
      .execute()
    expect(live).toEqual([])
    expect((await olgaBrowser.request('GET', '/api/v1/org/directory')).statusCode).toBe(401)
    // A fresh admin session: the clock moved past the old one's idle timeout.
    const admin = await signInAs(t.app, company.admin.email, A_PASSWORD)
    const account = await created<AccountJson>(admin.request('GET', `/api/v1/org/external-accounts/${olga.id}`), 200)
    expect(account).toMatchObject({ status: 'expired', signInStatus: 'deactivated' })
    const audit = await orgDb(t.handle.db)
      .selectFrom('audit_event')
      .select('action')
      .where('entity_id', '=', olga.id)
      .execute()
    expect(audit.map((a) => a.action)).toContain('org.external_account.expired')

    // Reactivating needs a running contract; renewing the contract makes it possible.
    expect((await admin.request('POST', `/api/v1/org/external-accounts/${olga.id}/reactivate`)).statusCode).toBe(409)
    const renewed = await admin.request(
      'PUT',
      `/api/v1/org/external-firms/${firmId}/contracts/${contract.id}`,
      { reference: 'BK-2026-01', startDate: '2026-01-01', endDate: '2026-06-30', departmentIds: [org.ids.finance] },
      { 'if-match': `"${String(contract.version)}"` },
    )
    expect(renewed.statusCode, renewed.body).toBe(200)
    expect(renewed.json()).toMatchObject({ status: 'running' })
    expect((await admin.request('POST', `/api/v1/org/external-accounts/${olga.id}/reactivate`)).statusCode).toBe(200)
    const again = await olga.signIn()
    expect(await names(again, '/api/v1/org/directory')).toEqual(['Frank Finance', 'Paula Payables'])
  })

  it('lets each sponsor confirm or revoke only their own accounts in an access review; revoke ends sessions', async () => {
    const erik = await anExternal('Erik Extern', org.people.financeHead.employeeId)
    const olga = await anExternal('Olga Outsourced', org.people.head.employeeId)
    const erikBrowser = await erik.signIn()
    const olgaBrowser = await olga.signIn()
    const review = await created<{ id: string; items: number; dueDate: string }>(
      org.admin.request('POST', '/api/v1/org/access-reviews', {}),
    )
    expect(review).toMatchObject({ items: 2, dueDate: '2026-03-16' })
    expect((await org.admin.request('POST', '/api/v1/org/access-reviews', {})).statusCode).toBe(409)
    const mails = await orgDb(t.handle.db)
      .selectFrom('mail_message')
      .select(['subject', 'text_body'])
      .where('subject', 'like', 'Access review%')
      .execute()
    expect(mails).toHaveLength(2)
    expect(mails.find((m) => m.text_body.includes('Hello Frank Finance'))?.text_body).toContain('Erik Extern')

    interface Mine {
      open: number
      items: { id: string; account: { displayName: string } }[]
    }
    const frank = await org.people.financeHead.signIn()
    const hugo = await org.people.head.signIn()
    const frankItems = (await frank.request('GET', '/api/v1/org/access-reviews/mine')).json<Mine>()
    const hugoItems = (await hugo.request('GET', '/api/v1/org/access-reviews/mine')).json<Mine>()
    expect(frankItems.items.map((i) => i.account.displayName)).toEqual(['Erik Extern'])
    expect(hugoItems.items.map((i) => i.account.displayName)).toEqual(['Olga Outsourced'])
    const max = await org.people.member.signIn()
    expect((await max.request('GET', '/api/v1/org/access-reviews/mine')).json<Mine>()).toEqual({ open: 0, items: [] })
    // Not a sponsor of this item: it does not exist for Frank, and the admin list is not his either.
    const olgaItem = hugoItems.items[0]?.id ?? ''
    expect(
      (await frank.request('POST', `/api/v1/org/access-reviews/items/${olgaItem}/decision`, { decision: 'revoke' }))
        .statusCode,
    ).toBe(404)
    expect((await frank.request('GET', '/api/v1/org/access-reviews')).statusCode).toBe(403)

    const confirmed = await frank.request(
      'POST',
      `/api/v1/org/access-reviews/items/${frankItems.items[0]?.id ?? ''}/decision`,
      { decision: 'confirm', comment: 'Still does our month-end close.' },
    )
    expect(confirmed.statusCode, confirmed.body).toBe(200)
    expect((await erikBrowser.request('GET', '/api/v1/org/directory')).statusCode).toBe(200)
    const revoked = await hugo.request('POST', `/api/v1/org/access-reviews/items/${olgaItem}/decision`, {
      decision: 'revoke',
      comment: 'Project finished.',
    })
    expect(revoked.statusCode, revoked.body).toBe(200)
    expect((await olgaBrowser.request('GET', '/api/v1/org/directory')).statusCode).toBe(401)
    expect(
      (await hugo.request('POST', `/api/v1/org/access-reviews/items/${olgaItem}/decision`, { decision: 'confirm' }))
        .statusCode,
    ).toBe(409)

    const done = (await org.admin.request('GET', `/api/v1/org/access-reviews/${review.id}`)).json<{
      closedAt: string | null
      confirmed: number
      revoked: number
    }>()
    expect(done).toMatchObject({ confirmed: 1, revoked: 1 })
    expect(done.closedAt).not.toBeNull()
    const account = (await org.admin.request('GET', `/api/v1/org/external-accounts/${olga.id}`)).json<AccountJson>()
    expect(account).toMatchObject({ status: 'revoked', signInStatus: 'deactivated' })
  })

  it("refuses an external user's API token once the contract has ended, before the job runs", async () => {
    const erik = await (await anExternal('Erik Extern', org.people.financeHead.employeeId)).signIn()
    const created = (
      await erik.request('POST', '/api/v1/me/tokens', {
        name: 'Reconciliation script',
        permissions: ['org.directory.read'],
        expiresInDays: 30,
      })
    ).json<{ token: string }>()
    const withToken = () =>
      t.app.inject({
        method: 'GET',
        url: '/api/v1/org/directory',
        headers: { authorization: `Bearer ${created.token}` },
      })
    const before = await withToken()
    expect(before.statusCode, before.body).toBe(200)
    expect(before.json<{ items: { name: string }[] }>().items.map((p) => p.name)).toEqual([
      'Frank Finance',
      'Paula Payables',
    ])
    t.clock.set('2026-03-03T08:00:00Z')
    const after = await withToken()
    expect(after.statusCode).toBe(401)
    expect(after.json()).toMatchObject({ code: 'org.external_access_ended' })
  })

  it('opens one quarterly review where external accounts are active, and none while it is open', async () => {
    await anExternal('Erik Extern', org.people.financeHead.employeeId)
    const db = orgDb(t.handle.db)
    expect(await runAccessReviewSchedule(db, t.clock.now(), 'http://keel.test')).toBe(1)
    expect(await runAccessReviewSchedule(db, t.clock.now(), 'http://keel.test')).toBe(0)
    const reviews = (await org.admin.request('GET', '/api/v1/org/access-reviews')).json<{
      items: { items: number; periodStart: string; periodEnd: string }[]
    }>()
    expect(reviews.items).toEqual([
      expect.objectContaining({ items: 1, periodStart: '2026-01-01', periodEnd: '2026-03-31' }),
    ])
  })

  it('marks an open review overdue after its due date, and lets an administrator decide for the sponsor', async () => {
    await anExternal('Erik Extern', org.people.financeHead.employeeId)
    await created(org.admin.request('POST', '/api/v1/org/access-reviews', { dueDate: '2026-03-05' }))
    const overdue = async (admin: Browser) =>
      (await admin.request('GET', '/api/v1/org/access-reviews')).json<{ items: { overdue: boolean }[] }>().items[0]
        ?.overdue
    expect(await overdue(org.admin)).toBe(false)
    t.clock.set('2026-03-06T09:00:00Z')
    const admin = await signInAs(t.app, company.admin.email, A_PASSWORD)
    expect(await overdue(admin)).toBe(true)
    // The sponsor did not answer: an administrator (org.external.manage) decides for them, on the record.
    const review = (await admin.request('GET', '/api/v1/org/access-reviews')).json<{ items: { id: string }[] }>()
    const detail = (await admin.request('GET', `/api/v1/org/access-reviews/${review.items[0]?.id ?? ''}`)).json<{
      entries: { id: string }[]
    }>()
    const decided = await admin.request(
      'POST',
      `/api/v1/org/access-reviews/items/${detail.entries[0]?.id ?? ''}/decision`,
      { decision: 'confirm', comment: 'Decided for Frank Finance.' },
    )
    expect(decided.statusCode, decided.body).toBe(200)
    expect(decided.json()).toMatchObject({ decision: 'confirm', decidedBy: { name: 'Ada Admin' } })
    expect(await overdue(admin)).toBe(false)
  })

  it("answers 404 for another company's firm, and bad input is a 4xx naming the field with nothing written", async () => {
    const other = await aCompanyWithAdmin(t.handle, 'Beta GmbH')
    const beta = await signInAs(t.app, other.admin.email, other.admin.password)
    expect((await beta.request('GET', `/api/v1/org/external-firms/${firmId}`)).statusCode).toBe(404)
    expect((await beta.request('GET', `/api/v1/org/external-firms/${firmId}/contracts`)).statusCode).toBe(404)
    expect(
      (
        await beta.request('POST', `/api/v1/org/external-firms/${firmId}/contracts`, {
          reference: 'X',
          startDate: '2026-01-01',
          endDate: '2026-12-31',
          departmentIds: [],
        })
      ).statusCode,
    ).toBe(404)

    const backwards = await org.admin.request('POST', `/api/v1/org/external-firms/${firmId}/contracts`, {
      reference: 'BK-2026-02',
      startDate: '2026-05-01',
      endDate: '2026-04-30',
      departmentIds: [org.ids.finance],
    })
    expect(backwards.statusCode).toBe(422)
    expect(backwards.json()).toMatchObject({ errors: [{ path: '/body/endDate' }] })
    const contracts = (await org.admin.request('GET', `/api/v1/org/external-firms/${firmId}/contracts`)).json<{
      items: unknown[]
    }>()
    expect(contracts.items).toHaveLength(1)

    const noSponsor = await org.admin.request('POST', '/api/v1/org/external-accounts', {
      email: 'nobody@it-partner.test',
      displayName: 'No Body',
      firmId,
      sponsorEmployeeId: '01900000-0000-7000-8000-0000000000ff',
    })
    expect(noSponsor.statusCode).toBe(422)
    expect(noSponsor.json()).toMatchObject({ errors: [{ path: '/body/sponsorEmployeeId' }] })
    const users = await orgDb(t.handle.db)
      .selectFrom('identity_user')
      .select('id')
      .where('email', '=', 'nobody@it-partner.test')
      .execute()
    expect(users).toEqual([])

    const stale = await org.admin.request(
      'PUT',
      `/api/v1/org/external-firms/${firmId}`,
      { name: 'Ledgerline' },
      { 'if-match': '"7"' },
    )
    expect(stale.statusCode).toBe(409)
    const ext = await (await anExternal('Erik Extern', org.people.financeHead.employeeId)).signIn()
    expect((await ext.request('GET', '/api/v1/org/external-firms')).statusCode).toBe(403)
    expect((await ext.request('GET', '/api/v1/org/employees')).statusCode).toBe(403)
  })
})
