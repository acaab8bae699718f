import { newId } from '@keel/kernel'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aCompanyWithAdmin, aUser, type SeededCompany } from '../testing/builders.ts'
import { createTestApp, signInAs, type TestApp } from '../testing/test-app.ts'

let t: TestApp
let acme: SeededCompany

beforeEach(async () => {
  t = await createTestApp()
  acme = await aCompanyWithAdmin(t.handle)
})
afterEach(() => t.close())

const fill = (url: string) => url.replace(/:[a-zA-Z]+/g, newId())

describe('deny by default', () => {
  it('every /api/v1 route declares who may call it', async () => {
    await t.app.ready()
    const routes = t.app.keelRoutes.filter((r) => r.url.startsWith('/api/v1') && r.method !== 'HEAD')
    expect(routes.length).toBeGreaterThan(30)
    expect(routes.filter((r) => r.access === undefined).map((r) => `${r.method} ${r.url}`)).toEqual([])
  })

  it('refuses to serve a route that declares nothing, even to an admin', async () => {
    t.app.get('/api/v1/undeclared', async () => ({ secret: true }))
    const admin = await signInAs(t.app, acme.admin.email, acme.admin.password)
    const response = await admin.request('GET', '/api/v1/undeclared')
    expect(response.statusCode).toBe(403)
    expect(response.json()).toMatchObject({ code: 'request.undeclared_access' })
  })

  it('answers 401 on every non-public /api/v1 route without a session or token', async () => {
    await t.app.ready()
    const routes = t.app.keelRoutes.filter(
      (r) => r.url.startsWith('/api/v1') && r.method !== 'HEAD' && r.access !== 'public',
    )
    for (const route of routes) {
      const withBody = route.method !== 'GET' && route.method !== 'DELETE'
      const response = await t.app.inject({
        method: route.method as 'GET',
        url: fill(route.url),
        ...(withBody ? { payload: {} } : {}),
      })
      expect({ route: `${route.method} ${route.url}`, status: response.statusCode }).toEqual({
        route: `${route.method} ${route.url}`,
        status: 401,
      })
    }
  })

  it('answers 401 to an unknown bearer token', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/profile',
      headers: { authorization: 'Bearer keel_nope' },
    })
    expect(response.statusCode).toBe(401)
    expect(response.json()).toMatchObject({ code: 'request.invalid_token' })
  })
})

describe('CSRF', () => {
  it('refuses a state-changing request from a browser session without the token', async () => {
    const admin = await signInAs(t.app, acme.admin.email, acme.admin.password)
    const missing = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/profile',
      headers: { cookie: admin.cookie },
      payload: { displayName: 'Mallory' },
    })
    expect(missing.statusCode).toBe(403)
    expect(missing.json()).toMatchObject({ code: 'request.csrf' })
    const wrong = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/profile',
      headers: { cookie: admin.cookie, 'x-csrf-token': 'x'.repeat(admin.csrfToken.length) },
      payload: { displayName: 'Mallory' },
    })
    expect(wrong.statusCode).toBe(403)
    const profile = await admin.request('GET', '/api/v1/me/profile')
    expect(profile.json()).toMatchObject({ displayName: 'Ada Admin' })
  })

  it('accepts it with the session’s token', async () => {
    const admin = await signInAs(t.app, acme.admin.email, acme.admin.password)
    const response = await admin.request('PATCH', '/api/v1/me/profile', { displayName: 'Ada Lovelace' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ displayName: 'Ada Lovelace' })
  })
})

describe('tenancy', () => {
  it("answers 404 for another company's user, role and audit event ids", async () => {
    const globex = await aCompanyWithAdmin(t.handle, 'Globex')
    const acmeAdmin = await signInAs(t.app, acme.admin.email, acme.admin.password)
    const globexAdmin = await signInAs(t.app, globex.admin.email, globex.admin.password)
    const globexEvent = (await globexAdmin.request('GET', '/api/v1/audit/events?limit=1')).json<{
      items: { id: string }[]
    }>().items[0]
    expect(globexEvent).toBeDefined()
    const probes = [
      ['GET', `/api/v1/identity/users/${globex.admin.id}`],
      ['GET', `/api/v1/identity/roles/${globex.roleIds.admin ?? ''}`],
      ['GET', `/api/v1/audit/events/${globexEvent?.id ?? ''}`],
      ['PUT', `/api/v1/identity/users/${globex.admin.id}/roles`],
      ['POST', `/api/v1/identity/users/${globex.admin.id}/deactivate`],
      ['PATCH', `/api/v1/identity/roles/${globex.roleIds.admin ?? ''}`],
    ] as const
    for (const [method, url] of probes) {
      const response = await acmeAdmin.request(
        method,
        url,
        method === 'GET' ? undefined : method === 'PUT' ? { roleIds: [] } : {},
      )
      expect({ url, status: response.statusCode }).toEqual({ url, status: 404 })
    }
    // And nothing of Globex's leaked into Acme's lists.
    const users = (await acmeAdmin.request('GET', '/api/v1/identity/users')).json<{ items: { id: string }[] }>()
    expect(users.items.map((u) => u.id)).not.toContain(globex.admin.id)
  })

  it('switches the active company only to one the user belongs to', async () => {
    const globex = await aCompanyWithAdmin(t.handle, 'Globex')
    const admin = await signInAs(t.app, acme.admin.email, acme.admin.password)
    const refused = await admin.request('POST', '/api/v1/auth/switch-company', { companyId: globex.id })
    expect(refused.statusCode).toBe(404)
  })

  it('takes the company from the session, never from a header or query', async () => {
    const globex = await aCompanyWithAdmin(t.handle, 'Globex')
    const admin = await signInAs(t.app, acme.admin.email, acme.admin.password)
    const response = await admin.request('GET', `/api/v1/identity/users?companyId=${globex.id}`, undefined, {
      'x-company-id': globex.id,
    })
    const ids = response.json<{ items: { id: string }[] }>().items.map((u) => u.id)
    expect(ids).toContain(acme.admin.id)
    expect(ids).not.toContain(globex.admin.id)
  })
})

describe('permissions', () => {
  it('forbids an employee the admin screens, and allows their own profile', async () => {
    const eve = await aUser(t.handle, acme, ['employee'])
    const browser = await signInAs(t.app, eve.email, eve.password)
    expect((await browser.request('GET', '/api/v1/identity/users')).statusCode).toBe(403)
    expect((await browser.request('GET', '/api/v1/audit/events')).statusCode).toBe(403)
    expect((await browser.request('GET', '/api/v1/me/profile')).statusCode).toBe(200)
  })

  it('lets an auditor read and verify the trail but change nothing', async () => {
    const audrey = await aUser(t.handle, acme, ['auditor'])
    const browser = await signInAs(t.app, audrey.email, audrey.password)
    expect((await browser.request('GET', '/api/v1/audit/events')).statusCode).toBe(200)
    expect((await browser.request('POST', '/api/v1/audit/verify')).statusCode).toBe(200)
    expect((await browser.request('GET', '/api/v1/identity/users')).statusCode).toBe(200)
    expect(
      (await browser.request('POST', '/api/v1/identity/roles', { key: 'x', name: 'X', permissions: [] })).statusCode,
    ).toBe(403)
    expect(
      (await browser.request('PUT', `/api/v1/identity/users/${acme.admin.id}/roles`, { roleIds: [] })).statusCode,
    ).toBe(403)
  })
})
