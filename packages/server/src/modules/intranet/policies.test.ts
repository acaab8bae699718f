import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aCompanyWithAdmin } from '../../testing/builders.ts'
import { aSmallOrganisation } from '../../testing/small-organisation.ts'
import { createTestApp, signInAs, type TestApp } from '../../testing/test-app.ts'
import { auditCount, feedOf, json, type ComplianceJson } from './intranet-test-helpers.ts'

type Org = Awaited<ReturnType<typeof aSmallOrganisation>>

interface PolicyJson {
  id: string
  version: number
  currentVersion: { id: string; versionNumber: number; body: string }
  history: { id: string; versionNumber: number; summaryOfChanges: string | null }[]
  acknowledgedAt: string | null
  concernsMe: boolean
}

describe('policies', () => {
  let t: TestApp
  let org: Org
  beforeEach(async () => {
    t = await createTestApp()
    org = await aSmallOrganisation(t, await aCompanyWithAdmin(t.handle))
  })
  afterEach(() => t.close())

  const createConduct = () =>
    json<PolicyJson>(org.admin, 'POST', '/api/v1/intranet/policies', {
      title: 'Code of conduct',
      category: 'HR',
      audience: [{ kind: 'department', id: org.ids.operations }],
      body: 'Be kind.',
      effectiveDate: '2026-03-01',
    })

  it('asks the audience to acknowledge each new version again, and counts per version', async () => {
    const policy = await createConduct()
    const v1 = policy.currentVersion.id
    const max = await org.people.member.signIn()
    expect((await feedOf(max)).policiesAwaiting.map((p) => p.versionNumber)).toEqual([1])
    const acknowledged = await json<PolicyJson>(max, 'POST', `/api/v1/intranet/policies/${policy.id}/acknowledge`, {
      versionId: v1,
    })
    expect(acknowledged.acknowledgedAt).not.toBeNull()
    await json(max, 'POST', `/api/v1/intranet/policies/${policy.id}/acknowledge`, { versionId: v1 })
    expect(await auditCount(t.handle, 'intranet.policy.acknowledged')).toBe(1)
    expect((await feedOf(max)).policiesAwaiting).toEqual([])

    const hanna = await org.people.hr.signIn()
    const v1Compliance = await json<ComplianceJson>(
      hanna,
      'GET',
      `/api/v1/intranet/policies/${policy.id}/versions/${v1}/compliance`,
    )
    expect(v1Compliance).toMatchObject({ audienceSize: 4, acknowledgedCount: 1, pendingCount: 3, readCount: null })

    t.clock.advanceMs(60_000)
    const v2 = await json<PolicyJson>(hanna, 'POST', `/api/v1/intranet/policies/${policy.id}/versions`, {
      body: 'Be kind. Be on time.',
      summaryOfChanges: 'Punctuality added',
      effectiveDate: '2026-04-01',
    })
    expect(v2.currentVersion.versionNumber).toBe(2)
    expect(v2.history.map((v) => v.versionNumber)).toEqual([2, 1])

    const feed = await feedOf(max)
    expect(feed.policiesAwaiting.map((p) => p.versionNumber)).toEqual([2])
    expect(feed.awaitingAcknowledgementCount).toBe(1)
    const mine = await json<PolicyJson>(max, 'GET', `/api/v1/intranet/policies/${policy.id}`)
    expect(mine).toMatchObject({ acknowledgedAt: null, concernsMe: true })
    expect(
      (
        await json<ComplianceJson>(
          hanna,
          'GET',
          `/api/v1/intranet/policies/${policy.id}/versions/${v2.currentVersion.id}/compliance`,
        )
      ).acknowledgedCount,
    ).toBe(0)
    // The old version cannot be acknowledged any more: the reader has to see the new text.
    const stale = await max.request('POST', `/api/v1/intranet/policies/${policy.id}/acknowledge`, { versionId: v1 })
    expect(stale.statusCode).toBe(409)
    await json(max, 'POST', `/api/v1/intranet/policies/${policy.id}/acknowledge`, { versionId: v2.currentVersion.id })
    expect((await feedOf(max)).policiesAwaiting).toEqual([])
    const old = await json<{ body: string }>(max, 'GET', `/api/v1/intranet/policies/${policy.id}/versions/${v1}`)
    expect(old.body).toBe('Be kind.')
  })

  it('shows a policy only to its audience; another company answers 404', async () => {
    const policy = await createConduct()
    const paula = await org.people.payablesClerk.signIn()
    expect((await json<{ items: unknown[] }>(paula, 'GET', '/api/v1/intranet/policies')).items).toEqual([])
    expect((await paula.request('GET', `/api/v1/intranet/policies/${policy.id}`)).statusCode).toBe(404)
    expect(
      (
        await paula.request('POST', `/api/v1/intranet/policies/${policy.id}/acknowledge`, {
          versionId: policy.currentVersion.id,
        })
      ).statusCode,
    ).toBe(404)
    const other = await aCompanyWithAdmin(t.handle, 'Globex')
    const globex = await signInAs(t.app, other.admin.email, other.admin.password)
    expect((await globex.request('GET', `/api/v1/intranet/policies/${policy.id}`)).statusCode).toBe(404)
    expect(
      (
        await globex.request(
          'GET',
          `/api/v1/intranet/policies/${policy.id}/versions/${policy.currentVersion.id}/compliance`,
        )
      ).statusCode,
    ).toBe(404)
  })

  it('lists policies awaiting acknowledgement in the feed only to those who read policies', async () => {
    await json(org.admin, 'POST', '/api/v1/intranet/policies', {
      title: 'IT acceptable use',
      audience: [{ kind: 'company' }],
      body: 'Lock your screen.',
      effectiveDate: '2026-03-01',
    })
    const max = await org.people.member.signIn()
    expect((await feedOf(max)).policiesAwaiting).toHaveLength(1)
    const role = await json<{ id: string }>(org.admin, 'POST', '/api/v1/identity/roles', {
      key: 'notice_reader',
      name: 'Notice reader',
      permissions: [{ permission: 'intranet.announcement.read', reach: 'company' }],
    })
    await json(org.admin, 'PUT', `/api/v1/identity/users/${org.people.member.id}/roles`, { roleIds: [role.id] })
    const reader = await org.people.member.signIn()
    const feed = await feedOf(reader)
    expect([feed.policiesAwaiting, feed.awaitingAcknowledgementCount]).toEqual([[], 0])
    expect((await reader.request('GET', '/api/v1/intranet/policies')).statusCode).toBe(403)
  })

  it('refuses an unknown audience target and a duplicate title, writing nothing', async () => {
    await createConduct()
    const duplicate = await org.admin.request('POST', '/api/v1/intranet/policies', {
      title: 'Code of conduct',
      audience: [{ kind: 'company' }],
      body: 'x',
      effectiveDate: '2026-03-01',
    })
    expect(JSON.parse(duplicate.body)).toMatchObject({ status: 422, errors: [{ path: '/body/title' }] })
    const unknownTeam = await org.admin.request('POST', '/api/v1/intranet/policies', {
      title: 'IT acceptable use',
      audience: [{ kind: 'team', id: '01900000-0000-7000-8000-0000000000ff' }],
      body: 'x',
      effectiveDate: '2026-03-01',
    })
    expect(JSON.parse(unknownTeam.body)).toMatchObject({ status: 422, errors: [{ path: '/body/audience/0/id' }] })
    const titles = (await json<{ items: { title: string }[] }>(org.admin, 'GET', '/api/v1/intranet/policies')).items
    expect(titles.map((p) => p.title)).toEqual(['Code of conduct'])
    expect(await auditCount(t.handle, 'intranet.policy.created')).toBe(1)
  })
})
