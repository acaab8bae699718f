import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aCompanyWithAdmin, type SeededCompany } from '../testing/builders.ts'
import { createTestApp, signInAs, type TestApp } from '../testing/test-app.ts'

let t: TestApp
let acme: SeededCompany

beforeEach(async () => {
  t = await createTestApp()
  acme = await aCompanyWithAdmin(t.handle)
})
afterEach(() => t.close())

describe('errors', () => {
  it('turns a bug into a 500 problem that leaks nothing', async () => {
    t.app.get('/api/v1/test/bug', { config: { access: 'public' } }, async () => {
      throw new Error('secret internals')
    })
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/test/bug' })
    expect(response.statusCode).toBe(500)
    expect(response.body).not.toContain('secret internals')
    expect(response.json()).toMatchObject({ code: 'internal', requestId: response.headers['x-request-id'] })
  })

  it('answers lasting contention with 503 and Retry-After, never 500', async () => {
    t.app.get('/api/v1/test/contended', { config: { access: 'public' } }, async () => {
      throw Object.assign(new Error('could not serialize access'), { code: '40001' })
    })
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/test/contended' })
    expect(response.statusCode).toBe(503)
    expect(response.headers['retry-after']).toBe('1')
    expect(response.json()).toMatchObject({ code: 'request.contended' })
  })

  it('echoes a sane X-Request-Id and replaces an unsafe one', async () => {
    const kept = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'abc-123' } })
    expect(kept.headers['x-request-id']).toBe('abc-123')
    const replaced = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'bad id\nwith newline' },
    })
    expect(replaced.headers['x-request-id']).not.toContain('bad')
  })
})

describe('health', () => {
  it('reports the database kind and schema version', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' })
    expect(response.statusCode).toBe(200)
    const body = response.json<{ database: string; schemaVersion: string }>()
    expect(body.database).toBe(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite')
    expect(body.schemaVersion).toMatch(/^\d+:[a-z]+\/\d{4}_[a-z0-9_]+\.sql$/)
  })
})

describe('sign-in', () => {
  it('opens a session whose cookie is HttpOnly and SameSite=Lax', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: acme.admin.email, password: acme.admin.password },
    })
    expect(response.statusCode).toBe(200)
    const cookie = response.cookies.find((c) => c.name === 'keel_session')
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
    expect(cookie?.secure).toBeFalsy()
    expect(response.json()).toMatchObject({
      status: 'signed_in',
      company: { id: acme.id },
      user: { email: acme.admin.email },
    })
  })

  it('marks the cookie Secure when Keel is served over TLS', async () => {
    const tls = await createTestApp({ KEEL_PUBLIC_URL: 'https://keel.example.com' })
    try {
      const company = await aCompanyWithAdmin(tls.handle)
      const response = await tls.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: company.admin.email, password: company.admin.password },
      })
      expect(response.cookies.find((c) => c.name === 'keel_session')).toMatchObject({
        secure: true,
        httpOnly: true,
        sameSite: 'Lax',
      })
    } finally {
      await tls.close()
    }
  })

  it('answers a wrong password with 401 problem+json naming no field', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: acme.admin.email, password: 'not-the-password-1' },
    })
    expect(response.statusCode).toBe(401)
    expect(response.headers['content-type']).toContain('application/problem+json')
    expect(response.json()).toMatchObject({
      status: 401,
      code: 'identity.invalid_credentials',
      requestId: response.headers['x-request-id'],
    })
  })

  it('rejects a malformed body with 400 and the JSON path of each bad field', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nope', extra: 1 },
    })
    expect(response.statusCode).toBe(400)
    const body = response.json<{ code: string; errors: { path: string }[] }>()
    expect(body.code).toBe('request.invalid')
    expect(body.errors.map((e) => e.path).sort()).toEqual(['/body/email', '/body/extra', '/body/password'])
  })

  it('gives a new session id at every sign-in', async () => {
    const first = await signInAs(t.app, acme.admin.email, acme.admin.password)
    const second = await signInAs(t.app, acme.admin.email, acme.admin.password)
    expect(first.cookie).not.toBe(second.cookie)
  })

  it('signs out: the cookie stops working', async () => {
    const browser = await signInAs(t.app, acme.admin.email, acme.admin.password)
    expect((await browser.request('GET', '/api/v1/me/profile')).statusCode).toBe(200)
    expect((await browser.request('POST', '/api/v1/auth/logout')).statusCode).toBe(204)
    expect((await browser.request('GET', '/api/v1/me/profile')).statusCode).toBe(401)
  })
})
