import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aCompanyWithAdmin, aUser, type SeededCompany } from '../../testing/builders.ts'
import { createTestApp, signInAs, type Browser, type TestApp } from '../../testing/test-app.ts'

let t: TestApp
let acme: SeededCompany
let admin: Browser

beforeEach(async () => {
  t = await createTestApp()
  acme = await aCompanyWithAdmin(t.handle)
  admin = await signInAs(t.app, acme.admin.email, acme.admin.password)
})
afterEach(() => t.close())

const createToken = async (browser: Browser, permissions: string[], expiresInDays = 30) => {
  const response = await browser.request('POST', '/api/v1/me/tokens', {
    name: 'integration',
    permissions,
    expiresInDays,
  })
  expect(response.statusCode).toBe(201)
  return response.json<{ token: string; apiToken: { id: string; tokenPrefix: string } }>()
}
const withToken = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) })

describe('API tokens', () => {
  it('are shown once and stored only as a hash', async () => {
    const { token, apiToken } = await createToken(admin, ['identity.user.read'])
    expect(token).toMatch(/^keel_/)
    expect(token.startsWith(apiToken.tokenPrefix)).toBe(true)
    const listed = await admin.request('GET', '/api/v1/me/tokens')
    expect(listed.body).not.toContain(token)
    const stored = await t.handle.db.selectFrom('identity_api_token').select('token_hash').executeTakeFirstOrThrow()
    expect(stored.token_hash).not.toContain(token)
  })

  it('work inside their scope and answer 403 outside it', async () => {
    const { token } = await createToken(admin, ['identity.user.read'])
    expect((await withToken(token, 'GET', '/api/v1/identity/users')).statusCode).toBe(200)
    const outside = await withToken(token, 'GET', '/api/v1/audit/events')
    expect(outside.statusCode).toBe(403)
    expect(outside.json()).toMatchObject({
      code: 'request.forbidden',
      detail: expect.stringContaining('audit.event.read') as string,
    })
  })

  it('need no CSRF token (no cookie is involved)', async () => {
    const { token } = await createToken(admin, ['identity.role.manage'])
    const response = await withToken(token, 'POST', '/api/v1/identity/roles', {
      key: 'auditor_lite',
      name: 'Auditor lite',
      permissions: [],
    })
    expect(response.statusCode).toBe(201)
  })

  it('cannot be scoped to a permission the user lacks', async () => {
    const eve = await aUser(t.handle, acme, ['employee'])
    const browser = await signInAs(t.app, eve.email, eve.password)
    const response = await browser.request('POST', '/api/v1/me/tokens', {
      name: 'sneaky',
      permissions: ['audit.event.read'],
      expiresInDays: 1,
    })
    expect(response.statusCode).toBe(422)
    expect(response.json()).toMatchObject({
      code: 'identity.permission_not_held',
      errors: [{ path: '/body/permissions/0' }],
    })
  })

  it('stop working when revoked or expired', async () => {
    const revoked = await createToken(admin, ['identity.user.read'])
    expect((await admin.request('DELETE', `/api/v1/me/tokens/${revoked.apiToken.id}`)).statusCode).toBe(204)
    expect((await withToken(revoked.token, 'GET', '/api/v1/identity/users')).statusCode).toBe(401)

    const expiring = await createToken(admin, ['identity.user.read'], 1)
    expect((await withToken(expiring.token, 'GET', '/api/v1/identity/users')).statusCode).toBe(200)
    t.clock.advanceMs(86_400_000 + 1000)
    expect((await withToken(expiring.token, 'GET', '/api/v1/identity/users')).statusCode).toBe(401)
  })

  it('lose what their user loses: a token never outgrows its user', async () => {
    const ivan = await aUser(t.handle, acme, ['it_support'])
    const browser = await signInAs(t.app, ivan.email, ivan.password)
    const { token } = await createToken(browser, ['identity.user.read'])
    expect((await withToken(token, 'GET', '/api/v1/identity/users')).statusCode).toBe(200)
    const user = await admin.request('GET', `/api/v1/identity/users/${ivan.id}`)
    await admin.request(
      'PUT',
      `/api/v1/identity/users/${ivan.id}/roles`,
      { roleIds: [acme.roleIds.employee] },
      { 'if-match': user.headers.etag as string },
    )
    expect((await withToken(token, 'GET', '/api/v1/identity/users')).statusCode).toBe(403)
  })
})

describe('deactivation', () => {
  it("ends the user's sessions and tokens at once", async () => {
    const ivan = await aUser(t.handle, acme, ['it_support'])
    const browser = await signInAs(t.app, ivan.email, ivan.password)
    const { token } = await createToken(browser, ['identity.user.read'])
    const response = await admin.request('POST', `/api/v1/identity/users/${ivan.id}/deactivate`)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ status: 'deactivated' })
    expect((await browser.request('GET', '/api/v1/me/profile')).statusCode).toBe(401)
    expect((await withToken(token, 'GET', '/api/v1/identity/users')).statusCode).toBe(401)
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: ivan.email, password: ivan.password },
    })
    expect(again.statusCode).toBe(401)
  })
})
