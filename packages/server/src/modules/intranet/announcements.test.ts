import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aCompanyWithAdmin } from '../../testing/builders.ts'
import { aSmallOrganisation, created } from '../../testing/small-organisation.ts'
import { createTestApp, signInAs, type Browser, type TestApp } from '../../testing/test-app.ts'
import {
  announce,
  auditCount,
  feedOf,
  feedTitles,
  json,
  type ComplianceJson,
  type FeedJson,
} from './intranet-test-helpers.ts'

type Org = Awaited<ReturnType<typeof aSmallOrganisation>>

describe('announcements', () => {
  let t: TestApp
  let org: Org
  beforeEach(async () => {
    t = await createTestApp()
    org = await aSmallOrganisation(t, await aCompanyWithAdmin(t.handle))
  })
  afterEach(() => t.close())

  it('reaches the audience it names: a department with its subtree, a team, a location, the company', async () => {
    const hamburg = await created<{ id: string }>(
      org.admin.request('POST', '/api/v1/org/locations', { name: 'Hamburg', timeZone: 'Europe/Berlin' }),
    )
    await announce(org.admin, {
      title: 'Finance closes early',
      audience: [{ kind: 'department', id: org.ids.finance }],
    })
    await announce(org.admin, { title: 'Support rota', audience: [{ kind: 'team', id: org.ids.support }] })
    await announce(org.admin, { title: 'Berlin office', audience: [{ kind: 'location', id: org.ids.location }] })
    await announce(org.admin, { title: 'Hamburg office', audience: [{ kind: 'location', id: hamburg.id }] })
    await announce(org.admin, { title: 'Everyone', audience: [{ kind: 'company' }] })

    const paula = await org.people.payablesClerk.signIn()
    const max = await org.people.member.signIn()
    const fiona = await org.people.fieldWorker.signIn()
    // Paula sits in Payables, below Finance: the department target reaches her.
    expect(await feedTitles(paula)).toEqual(['Everyone', 'Berlin office', 'Finance closes early'])
    expect(await feedTitles(max)).toEqual(['Everyone', 'Berlin office', 'Support rota'])
    expect(await feedTitles(fiona)).toEqual(['Everyone', 'Berlin office'])
    // The admin has no employee record: only company-wide items reach them.
    expect(await feedTitles(org.admin)).toEqual(['Everyone'])

    const list = await json<{ items: { title: string; audienceSize: number }[] }>(
      org.admin,
      'GET',
      '/api/v1/intranet/announcements',
    )
    expect(Object.fromEntries(list.items.map((a) => [a.title, a.audienceSize]))).toEqual({
      'Finance closes early': 2,
      'Support rota': 2,
      'Berlin office': 7,
      'Hamburg office': 0,
      Everyone: 7,
    })
  })

  it('keeps a scheduled announcement invisible to readers until publishAt, and an expired one after expiresAt', async () => {
    const scheduled = await announce(org.admin, {
      title: 'New canteen',
      audience: [{ kind: 'company' }],
      publishAt: '2026-03-03T08:00:00.000Z',
      expiresAt: '2026-03-10T08:00:00.000Z',
    })
    expect(scheduled.status).toBe('scheduled')
    let max = await org.people.member.signIn()
    expect(await feedTitles(max)).toEqual([])
    expect((await max.request('GET', `/api/v1/intranet/announcements/${scheduled.id}`)).statusCode).toBe(404)
    expect((await max.request('POST', `/api/v1/intranet/announcements/${scheduled.id}/read`)).statusCode).toBe(404)

    // Sessions time out while the clock jumps: sign in again after each jump.
    t.clock.set('2026-03-03T08:00:00.000Z')
    max = await org.people.member.signIn()
    expect(await feedTitles(max)).toEqual(['New canteen'])
    expect((await feedOf(max)).unreadCount).toBe(1)
    await json(max, 'POST', `/api/v1/intranet/announcements/${scheduled.id}/read`)
    expect((await feedOf(max)).unreadCount).toBe(0)

    t.clock.set('2026-03-10T08:00:00.000Z')
    max = await org.people.member.signIn()
    expect(await feedTitles(max)).toEqual([])
    const expired = await json<{ items: { status: string }[] }>(
      await org.people.hr.signIn(),
      'GET',
      '/api/v1/intranet/announcements?status=expired',
    )
    expect(expired.items.map((a) => a.status)).toEqual(['expired'])
  })

  it('shows pinned announcements first until the pin ends, and withdraws from every feed', async () => {
    await announce(org.admin, { title: 'Older', audience: [{ kind: 'company' }] })
    t.clock.advanceMs(60_000)
    const pinned = await announce(org.admin, {
      title: 'Pinned',
      audience: [{ kind: 'company' }],
      pinned: true,
      pinnedUntil: '2026-03-05T00:00:00.000Z',
    })
    t.clock.advanceMs(60_000)
    const newest = await announce(org.admin, { title: 'Newest', audience: [{ kind: 'company' }] })
    const feed = await feedOf(await org.people.member.signIn())
    expect(feed.pinned.map((a) => a.title)).toEqual(['Pinned'])
    expect(feed.announcements.map((a) => a.title)).toEqual(['Newest', 'Older'])
    // A page at a time: pinned ones on the first page only, the rest by keyset.
    const reader = await org.people.member.signIn()
    const first = await json<FeedJson>(reader, 'GET', '/api/v1/intranet/feed?limit=1')
    expect([first.pinned.length, first.announcements.map((a) => a.title)]).toEqual([1, ['Newest']])
    const second = await json<FeedJson>(reader, 'GET', `/api/v1/intranet/feed?limit=1&cursor=${first.nextCursor ?? ''}`)
    expect([second.pinned.length, second.announcements.map((a) => a.title), second.nextCursor]).toEqual([
      0,
      ['Older'],
      null,
    ])
    t.clock.set('2026-03-06T00:00:00.000Z')
    const max = await org.people.member.signIn()
    expect((await feedOf(max)).pinned).toEqual([])

    const withdrawn = await json<{ status: string }>(
      await org.people.hr.signIn(),
      'POST',
      `/api/v1/intranet/announcements/${newest.id}/withdraw`,
    )
    expect(withdrawn.status).toBe('withdrawn')
    expect(await feedTitles(max)).toEqual(['Pinned', 'Older'])
    expect((await max.request('GET', `/api/v1/intranet/announcements/${newest.id}`)).statusCode).toBe(404)
    expect(pinned.id).toBeTruthy()
  })

  it('counts acknowledgements in the compliance view; acknowledging twice changes nothing', async () => {
    const memo = await announce(org.admin, {
      title: 'New expense rules',
      audience: [{ kind: 'department', id: org.ids.operations }],
      requiresAcknowledgement: true,
    })
    const hanna = await org.people.hr.signIn()
    const url = `/api/v1/intranet/announcements/${memo.id}/compliance`
    const before = await json<ComplianceJson>(hanna, 'GET', url)
    expect(before).toMatchObject({ audienceSize: 4, readCount: 0, acknowledgedCount: 0, pendingCount: 4 })
    expect(before.items.map((p) => p.name)).toEqual(['Fiona Field', 'Hugo Head', 'Lena Lead', 'Max Member'])

    const max = await org.people.member.signIn()
    expect((await feedOf(max)).awaitingAcknowledgementCount).toBe(1)
    const first = await json<{ acknowledgedAt: string }>(
      max,
      'POST',
      `/api/v1/intranet/announcements/${memo.id}/acknowledge`,
    )
    t.clock.advanceMs(60_000)
    const again = await json<{ acknowledgedAt: string }>(
      max,
      'POST',
      `/api/v1/intranet/announcements/${memo.id}/acknowledge`,
    )
    expect(again.acknowledgedAt).toBe(first.acknowledgedAt)
    expect(await auditCount(t.handle, 'intranet.announcement.acknowledged')).toBe(1)
    expect((await feedOf(max)).awaitingAcknowledgementCount).toBe(0)

    const after = await json<ComplianceJson>(hanna, 'GET', url)
    expect(after).toMatchObject({ audienceSize: 4, readCount: 1, acknowledgedCount: 1, pendingCount: 3 })
    expect(after.items.map((p) => p.name)).toEqual(['Fiona Field', 'Hugo Head', 'Lena Lead'])
    const done = await json<ComplianceJson>(hanna, 'GET', `${url}?status=acknowledged`)
    expect(done.items.map((p) => [p.name, p.team?.name])).toEqual([['Max Member', 'Support']])
    const support = await json<ComplianceJson>(hanna, 'GET', `${url}?status=all&teamId=${org.ids.support}&limit=1`)
    expect(support.items.map((p) => p.name)).toEqual(['Lena Lead'])
    const next = await json<ComplianceJson>(
      hanna,
      'GET',
      `${url}?status=all&teamId=${org.ids.support}&limit=1&cursor=${support.nextCursor ?? ''}`,
    )
    expect(next.items.map((p) => p.name)).toEqual(['Max Member'])
    expect(next.nextCursor).toBeNull()

    // Not asking for acknowledgement: acknowledging it is refused.
    const plain = await announce(org.admin, { title: 'FYI', audience: [{ kind: 'company' }] })
    expect((await max.request('POST', `/api/v1/intranet/announcements/${plain.id}/acknowledge`)).statusCode).toBe(422)
  })

  it('scopes the compliance view to the reach of intranet.compliance.read', async () => {
    const memo = await announce(org.admin, {
      title: 'Security training',
      audience: [{ kind: 'company' }],
      requiresAcknowledgement: true,
    })
    const url = `/api/v1/intranet/announcements/${memo.id}/compliance?status=all`
    const names = async (browser: Browser) => (await json<ComplianceJson>(browser, 'GET', url)).items.map((p) => p.name)
    expect(await names(await org.people.lead.signIn())).toEqual(['Lena Lead', 'Max Member'])
    expect(await names(await org.people.head.signIn())).toEqual(['Fiona Field', 'Hugo Head', 'Lena Lead', 'Max Member'])
    expect(await names(await org.people.financeHead.signIn())).toEqual(['Frank Finance', 'Paula Payables'])
    expect((await json<ComplianceJson>(await org.people.hr.signIn(), 'GET', url)).audienceSize).toBe(7)
    const max = await org.people.member.signIn()
    expect((await max.request('GET', url)).statusCode).toBe(403)
    expect(
      (
        await max.request('POST', '/api/v1/intranet/announcements', {
          title: 'x',
          body: 'y',
          audience: [{ kind: 'company' }],
        })
      ).statusCode,
    ).toBe(403)
  })

  it("answers 404 for another company's announcement and for a reader outside the audience", async () => {
    const other = await aCompanyWithAdmin(t.handle, 'Globex')
    const globex = await signInAs(t.app, other.admin.email, other.admin.password)
    const theirs = await announce(globex, {
      title: 'Globex only',
      audience: [{ kind: 'company' }],
      requiresAcknowledgement: true,
    })
    for (const [method, path] of [
      ['GET', ''],
      ['GET', '/compliance'],
      ['POST', '/acknowledge'],
      ['POST', '/withdraw'],
    ] as const) {
      const reply = await org.admin.request(method, `/api/v1/intranet/announcements/${theirs.id}${path}`)
      expect(reply.statusCode, `${method} ${path}`).toBe(404)
    }
    const finance = await announce(org.admin, {
      title: 'Finance',
      audience: [{ kind: 'department', id: org.ids.finance }],
    })
    const max = await org.people.member.signIn()
    expect((await max.request('GET', `/api/v1/intranet/announcements/${finance.id}`)).statusCode).toBe(404)
    // A manager may open it, and is told it is not addressed to them; Paula (Payables, below Finance) is.
    expect(
      (await json<{ addressedToMe: boolean }>(org.admin, 'GET', `/api/v1/intranet/announcements/${finance.id}`))
        .addressedToMe,
    ).toBe(false)
    const paula = await org.people.payablesClerk.signIn()
    expect(
      (await json<{ addressedToMe: boolean }>(paula, 'GET', `/api/v1/intranet/announcements/${finance.id}`))
        .addressedToMe,
    ).toBe(true)
  })

  it('refuses bad input naming the field, and writes nothing', async () => {
    const other = await aCompanyWithAdmin(t.handle, 'Globex')
    const globex = await signInAs(t.app, other.admin.email, other.admin.password)
    const theirDepartment = await created<{ id: string }>(
      globex.request('POST', '/api/v1/org/departments', { name: 'Globex sales' }),
    )
    const audits = await auditCount(t.handle, 'intranet.announcement.published')
    const unknown = await org.admin.request('POST', '/api/v1/intranet/announcements', {
      title: 'Hello',
      body: 'World',
      audience: [{ kind: 'company' }, { kind: 'department', id: theirDepartment.id }],
    })
    expect(unknown.statusCode).toBe(422)
    expect(unknown.headers['content-type']).toContain('application/problem+json')
    expect(JSON.parse(unknown.body)).toMatchObject({
      code: 'intranet.unknown_audience_target',
      errors: [{ path: '/body/audience/1/id' }],
    })
    const backwards = await org.admin.request('POST', '/api/v1/intranet/announcements', {
      title: 'Hello',
      body: 'World',
      audience: [{ kind: 'company' }],
      publishAt: '2026-03-05T00:00:00.000Z',
      expiresAt: '2026-03-04T00:00:00.000Z',
    })
    expect(JSON.parse(backwards.body)).toMatchObject({ status: 422, errors: [{ path: '/body/expiresAt' }] })
    const empty = await org.admin.request('POST', '/api/v1/intranet/announcements', {
      title: 'Hello',
      body: 'World',
      audience: [],
    })
    expect(empty.statusCode).toBe(400)
    expect(JSON.parse(empty.body)).toMatchObject({ errors: [{ path: '/body/audience' }] })
    expect(await auditCount(t.handle, 'intranet.announcement.published')).toBe(audits)
    expect((await json<{ items: unknown[] }>(org.admin, 'GET', '/api/v1/intranet/announcements')).items).toEqual([])
  })

  it('edits with If-Match and refuses a stale version', async () => {
    const memo = await announce(org.admin, { title: 'Draft title', audience: [{ kind: 'company' }] })
    const body = { title: 'Final title', body: 'Text', audience: [{ kind: 'team', id: org.ids.support }] }
    const edited = await org.admin.request('PUT', `/api/v1/intranet/announcements/${memo.id}`, body, {
      'if-match': `"${String(memo.version)}"`,
    })
    expect(edited.statusCode, edited.body).toBe(200)
    expect(edited.headers.etag).toBe(`"${String(memo.version + 1)}"`)
    const stale = await org.admin.request('PUT', `/api/v1/intranet/announcements/${memo.id}`, body, {
      'if-match': `"${String(memo.version)}"`,
    })
    expect(stale.statusCode).toBe(409)
    expect(await feedTitles(await org.people.fieldWorker.signIn())).toEqual([])
    expect(await feedTitles(await org.people.member.signIn())).toEqual(['Final title'])
  })
})
