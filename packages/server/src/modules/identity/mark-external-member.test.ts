import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aCompanyWithAdmin, aUser } from '../../testing/builders.ts'
import { createTestApp, sessionCookieOf, signInAs, type TestApp } from '../../testing/test-app.ts'
import { identityDb } from './identity.tables.ts'
import { markExternalMember } from './mark-external-member.ts'
import { resolveSession } from './sessions.ts'

describe('external members', () => {
  let t: TestApp
  beforeEach(async () => {
    t = await createTestApp()
  })
  afterEach(() => t.close())

  it('carries the external flag on the membership, the user record and every session, and audits the change', async () => {
    const acme = await aCompanyWithAdmin(t.handle)
    const contractor = await aUser(t.handle, acme, ['external'], 'Cleo Contractor')
    const db = identityDb(t.handle.db)
    const policy = { idleTimeoutMs: 3_600_000, absoluteTimeoutMs: 86_400_000 }
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: contractor.email, password: contractor.password },
    })
    const cookie = sessionCookieOf(login).slice('keel_session='.length)
    expect((await resolveSession(db, cookie, policy, t.clock.now()))?.external).toBe(false)

    const context = { companyId: acme.id, actorId: acme.admin.id, actorKind: 'user' as const, requestId: null }
    await markExternalMember(db, context, contractor.id, true)
    await markExternalMember(db, context, contractor.id, true) // no change, no second event
    expect((await resolveSession(db, cookie, policy, t.clock.now()))?.external).toBe(true)

    const admin = await signInAs(t.app, acme.admin.email, acme.admin.password)
    const user = JSON.parse((await admin.request('GET', `/api/v1/identity/users/${contractor.id}`)).body) as {
      external: boolean
    }
    expect(user.external).toBe(true)
    const events = JSON.parse(
      (await admin.request('GET', `/api/v1/audit/events?action=identity.user.marked_external`)).body,
    ) as { items: { entityId: string }[] }
    expect(events.items.map((e) => e.entityId)).toEqual([contractor.id])

    const other = await aCompanyWithAdmin(t.handle, 'Globex')
    await expect(
      markExternalMember(db, { ...context, companyId: other.id }, contractor.id, true),
    ).rejects.toMatchObject({ code: 'identity.user_not_found' })
  })
})
