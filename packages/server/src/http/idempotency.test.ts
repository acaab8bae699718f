import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aCompanyWithAdmin, aUser, type SeededCompany } from '../testing/builders.ts'
import { createTestApp, signInAs, type Browser, type TestApp } from '../testing/test-app.ts'

let t: TestApp
let acme: SeededCompany
let admin: Browser
let release: () => void = () => undefined

beforeEach(async () => {
  t = await createTestApp()
  acme = await aCompanyWithAdmin(t.handle)
  // A route whose handler waits for the test: registered before the app starts.
  const gate = new Promise<void>((resolve) => {
    release = resolve
  })
  t.app.post(
    '/api/v1/test/slow',
    { config: { access: 'authenticated', idempotent: true } },
    async (_request, reply) => {
      await gate
      return reply.code(201).send({ done: true })
    },
  )
  admin = await signInAs(t.app, acme.admin.email, acme.admin.password)
})
afterEach(() => t.close())

const invite = (browser: Browser, key: string, email = 'new.person@acme.test') =>
  browser.request(
    'POST',
    '/api/v1/identity/users/invitations',
    { email, displayName: 'New Person', roleIds: [acme.roleIds.employee] },
    { 'idempotency-key': key },
  )

const countUsers = async () =>
  (
    await t.handle.db
      .selectFrom('identity_membership')
      .select((eb) => eb.fn.countAll<bigint>().as('n'))
      .executeTakeFirstOrThrow()
  ).n

describe('Idempotency-Key', () => {
  it('replays the first response to a retry and does the work once', async () => {
    const first = await invite(admin, 'key-1')
    expect(first.statusCode).toBe(201)
    const before = await countUsers()
    const retry = await invite(admin, 'key-1')
    expect(retry.statusCode).toBe(201)
    expect(retry.headers['idempotency-replayed']).toBe('true')
    expect(retry.json()).toEqual(first.json())
    expect(await countUsers()).toBe(before)
  })

  it('answers 422 to the same key with another body', async () => {
    expect((await invite(admin, 'key-2')).statusCode).toBe(201)
    const other = await invite(admin, 'key-2', 'someone.else@acme.test')
    expect(other.statusCode).toBe(422)
    expect(other.json()).toMatchObject({ code: 'request.idempotency_key_reused' })
  })

  it('answers 409 while the first request with the key is still running', async () => {
    const first = admin.request('POST', '/api/v1/test/slow', { n: 1 }, { 'idempotency-key': 'key-3' })
    await new Promise((resolve) => setTimeout(resolve, 300))
    const second = await admin.request('POST', '/api/v1/test/slow', { n: 1 }, { 'idempotency-key': 'key-3' })
    expect(second.statusCode).toBe(409)
    expect(second.json()).toMatchObject({ code: 'request.idempotency_in_flight' })
    release()
    expect((await first).statusCode).toBe(201)
    const third = await admin.request('POST', '/api/v1/test/slow', { n: 1 }, { 'idempotency-key': 'key-3' })
    expect(third.statusCode).toBe(201)
    expect(third.headers['idempotency-replayed']).toBe('true')
  })

  it('is scoped to the actor: another user’s same key is a new request', async () => {
    expect((await invite(admin, 'shared-key')).statusCode).toBe(201)
    const hana = await aUser(t.handle, acme, ['hr'], 'Hana HR')
    const hr = await signInAs(t.app, hana.email, hana.password)
    const response = await invite(hr, 'shared-key', 'another.person@acme.test')
    expect(response.statusCode).toBe(201)
    expect(response.headers['idempotency-replayed']).toBeUndefined()
  })

  it('lets a client retry after a failed request with the same key', async () => {
    const bad = await admin.request(
      'POST',
      '/api/v1/identity/users/invitations',
      { email: 'x@acme.test', displayName: 'X', roleIds: ['0190a0b0-0000-7000-8000-0000000000ff'] },
      { 'idempotency-key': 'key-4' },
    )
    expect(bad.statusCode).toBe(422)
    const good = await admin.request(
      'POST',
      '/api/v1/identity/users/invitations',
      { email: 'x@acme.test', displayName: 'X', roleIds: [acme.roleIds.employee] },
      { 'idempotency-key': 'key-4' },
    )
    expect(good.statusCode).toBe(201)
  })
})

describe('ETag and If-Match', () => {
  it('answers 409 to a write based on a stale version', async () => {
    const eve = await aUser(t.handle, acme, ['employee'])
    const read = await admin.request('GET', `/api/v1/identity/users/${eve.id}`)
    const etag = read.headers.etag as string
    expect(etag).toMatch(/^"\d+"$/)
    const first = await admin.request(
      'PUT',
      `/api/v1/identity/users/${eve.id}/roles`,
      { roleIds: [acme.roleIds.hr] },
      { 'if-match': etag },
    )
    expect(first.statusCode).toBe(200)
    expect(first.headers.etag).not.toBe(etag)
    const stale = await admin.request(
      'PUT',
      `/api/v1/identity/users/${eve.id}/roles`,
      { roleIds: [acme.roleIds.payroll] },
      { 'if-match': etag },
    )
    expect(stale.statusCode).toBe(409)
    expect(stale.json()).toMatchObject({ code: 'request.stale' })
    const after = (await admin.request('GET', `/api/v1/identity/users/${eve.id}`)).json<{ roles: { key: string }[] }>()
    expect(after.roles.map((r) => r.key)).toEqual(['hr'])
  })
})
