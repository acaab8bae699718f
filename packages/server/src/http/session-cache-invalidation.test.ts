import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aCompanyWithAdmin, type SeededCompany } from '../testing/builders.ts'
import { createTestApp, signInAs, type Browser, type TestApp } from '../testing/test-app.ts'

/** Polls until the request answers `status`, for up to two seconds (a notification's trip). */
async function eventually(browser: Browser, url: string, status: number): Promise<number> {
  let last = 0
  for (const started = Date.now(); Date.now() - started < 2_000;) {
    last = (await browser.request('GET', url)).statusCode
    if (last === status) return last
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return last
}

describe('sessions remembered between changes', () => {
  let t: TestApp
  let acme: SeededCompany
  let admin: Browser
  let url: string

  beforeEach(async () => {
    t = await createTestApp()
    acme = await aCompanyWithAdmin(t.handle)
    admin = await signInAs(t.app, acme.admin.email, acme.admin.password)
    url = `/api/v1/identity/users/${acme.admin.id}`
    // Read twice: the session is now in the cache, and the test clock never moves.
    expect((await admin.request('GET', url)).statusCode).toBe(200)
    expect((await admin.request('GET', url)).statusCode).toBe(200)
  })
  afterEach(() => t.close())

  it('are forgotten when a session is revoked outside the server (the CLI, psql, another process)', async () => {
    await sql`update identity_session set revoked_at = now() where user_id = ${acme.admin.id}`.execute(t.handle.db)
    expect(await eventually(admin, url, 401)).toBe(401)
  })

  it('are forgotten when a role loses a permission outside the server', async () => {
    await sql`delete from identity_role_permission where company_id = ${acme.id} and permission = 'identity.user.read'`.execute(
      t.handle.db,
    )
    expect(await eventually(admin, url, 403)).toBe(403)
  })

  it('are forgotten when the membership is deactivated outside the server', async () => {
    await sql`update identity_membership set status = 'deactivated' where user_id = ${acme.admin.id}`.execute(
      t.handle.db,
    )
    expect(await eventually(admin, url, 401)).toBe(401)
  })

  it('survive a session merely being seen again (last_seen_at), which notifies nobody', async () => {
    const notified: string[] = []
    let listening = false
    const stop = await t.handle.listen('keel_access_changed', {
      onNotify: () => notified.push('change'),
      onListening: (on) => (listening = on),
    })
    try {
      await expect.poll(() => listening).toBe(true)
      await sql`update identity_session set last_seen_at = now() where user_id = ${acme.admin.id}`.execute(t.handle.db)
      await sql`update identity_session set revoked_at = now() where user_id = ${acme.admin.id}`.execute(t.handle.db)
      await expect.poll(() => notified.length).toBeGreaterThan(0)
      // Notifications arrive in commit order: had the first update notified, it would be here by now.
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(notified).toEqual(['change'])
    } finally {
      await stop()
    }
  })
})
