import { Secret } from 'otpauth'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aCompanyWithAdmin, type SeededCompany } from '../../testing/builders.ts'
import { browserFor, createTestApp, sessionCookieOf, signInAs, type TestApp } from '../../testing/test-app.ts'
import { currentTotpCode } from './totp.ts'

let t: TestApp
let acme: SeededCompany

beforeEach(async () => {
  t = await createTestApp({
    LOGIN_MAX_FAILURES: '3',
    LOGIN_LOCKOUT_MINUTES: '15',
    SESSION_IDLE_MINUTES: '30',
    SESSION_ABSOLUTE_HOURS: '12',
  })
  acme = await aCompanyWithAdmin(t.handle)
})
afterEach(() => t.close())

const login = (email: string, password: string, remoteAddress = '203.0.113.7') =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress })

describe('lockout', () => {
  it('locks an e-mail after repeated failures, even for the right password, for the whole window', async () => {
    for (let i = 0; i < 3; i++) expect((await login(acme.admin.email, 'wrong-password-123')).statusCode).toBe(401)
    const locked = await login(acme.admin.email, acme.admin.password)
    expect(locked.statusCode).toBe(429)
    expect(locked.json()).toMatchObject({ code: 'identity.locked_out' })
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0)

    t.clock.advanceMs(14 * 60_000)
    expect((await login(acme.admin.email, acme.admin.password)).statusCode).toBe(429)
    t.clock.advanceMs(2 * 60_000)
    expect((await login(acme.admin.email, acme.admin.password)).statusCode).toBe(200)
  })

  it('counts failures for unknown e-mails too, so locking reveals nothing', async () => {
    for (let i = 0; i < 3; i++) expect((await login('nobody@acme.test', 'wrong-password-123')).statusCode).toBe(401)
    expect((await login('nobody@acme.test', 'wrong-password-123')).statusCode).toBe(429)
  })
})

describe('session timeouts', () => {
  it('expires a session left idle longer than the idle timeout', async () => {
    const browser = await signInAs(t.app, acme.admin.email, acme.admin.password)
    t.clock.advanceMs(29 * 60_000)
    expect((await browser.request('GET', '/api/v1/me/profile')).statusCode).toBe(200)
    t.clock.advanceMs(29 * 60_000)
    expect((await browser.request('GET', '/api/v1/me/profile')).statusCode).toBe(200)
    t.clock.advanceMs(31 * 60_000)
    expect((await browser.request('GET', '/api/v1/me/profile')).statusCode).toBe(401)
  })

  it('expires a busy session at its absolute lifetime', async () => {
    const browser = await signInAs(t.app, acme.admin.email, acme.admin.password)
    // A request every 20 minutes keeps it from idling out; at 12 hours it ends anyway.
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      t.clock.advanceMs(20 * 60_000)
      expect({ minutes, status: (await browser.request('GET', '/api/v1/me/profile')).statusCode }).toEqual({
        minutes,
        status: 200,
      })
    }
    t.clock.advanceMs(20 * 60_000)
    expect((await browser.request('GET', '/api/v1/me/profile')).statusCode).toBe(401)
  })
})

describe('password policy', () => {
  it('refuses short and common passwords with the field named', async () => {
    const browser = await signInAs(t.app, acme.admin.email, acme.admin.password)
    for (const newPassword of ['short-pw', 'qwerty123456', '1q2w3e4r5t6y']) {
      const response = await browser.request('POST', '/api/v1/me/password', {
        currentPassword: acme.admin.password,
        newPassword,
      })
      expect(response.statusCode).toBe(422)
      expect(response.json()).toMatchObject({ code: 'identity.weak_password', errors: [{ path: '/body/newPassword' }] })
    }
  })

  it('stores passwords as argon2id', async () => {
    const row = await t.handle.db
      .selectFrom('identity_user')
      .select('password_hash')
      .where('id', '=', acme.admin.id)
      .executeTakeFirstOrThrow()
    expect(row.password_hash).toMatch(/^\$argon2id\$/)
  })

  it('ends other sessions when the password changes', async () => {
    const laptop = await signInAs(t.app, acme.admin.email, acme.admin.password)
    const phone = await signInAs(t.app, acme.admin.email, acme.admin.password)
    const changed = await laptop.request('POST', '/api/v1/me/password', {
      currentPassword: acme.admin.password,
      newPassword: 'a much longer passphrase 77',
    })
    expect(changed.statusCode).toBe(204)
    expect((await laptop.request('GET', '/api/v1/me/profile')).statusCode).toBe(200)
    expect((await phone.request('GET', '/api/v1/me/profile')).statusCode).toBe(401)
  })
})

describe('two-factor sign-in', () => {
  async function enrol() {
    const browser = await signInAs(t.app, acme.admin.email, acme.admin.password)
    const setup = await browser.request('POST', '/api/v1/me/mfa/setup')
    expect(setup.statusCode).toBe(200)
    const { secret, otpauthUrl, qrSvg } = setup.json<{ secret: string; otpauthUrl: string; qrSvg: string }>()
    expect(otpauthUrl).toContain('otpauth://totp/')
    expect(qrSvg).toContain('<svg')
    expect(Secret.fromBase32(secret).bytes.length).toBe(20)
    const wrong = await browser.request('POST', '/api/v1/me/mfa/enable', {
      code: '000000' === currentTotpCode(secret, t.clock.now()) ? '111111' : '000000',
    })
    expect(wrong.statusCode).toBe(422)
    const enabled = await browser.request('POST', '/api/v1/me/mfa/enable', {
      code: currentTotpCode(secret, t.clock.now()),
    })
    expect(enabled.statusCode).toBe(200)
    return { secret, recoveryCodes: enabled.json<{ recoveryCodes: string[] }>().recoveryCodes }
  }

  it('asks for a code after the password, and a right code opens a new session', async () => {
    const { secret } = await enrol()
    t.clock.advanceMs(60_000)
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: acme.admin.email, password: acme.admin.password },
    })
    expect(first.json()).toMatchObject({ status: 'mfa_required', permissions: [] })
    const pending = browserFor(t.app, sessionCookieOf(first), first.json<{ csrfToken: string }>().csrfToken)
    expect((await pending.request('GET', '/api/v1/me/profile')).statusCode).toBe(401)

    const second = await pending.request('POST', '/api/v1/auth/mfa', { code: currentTotpCode(secret, t.clock.now()) })
    expect(second.statusCode).toBe(200)
    expect(sessionCookieOf(second)).not.toBe(pending.cookie)
    const full = browserFor(t.app, sessionCookieOf(second), second.json<{ csrfToken: string }>().csrfToken)
    expect((await full.request('GET', '/api/v1/me/profile')).statusCode).toBe(200)
    expect((await pending.request('GET', '/api/v1/me/profile')).statusCode).toBe(401)
  })

  it('accepts each recovery code once, and never the same TOTP code twice', async () => {
    const { secret, recoveryCodes } = await enrol()
    expect(recoveryCodes).toHaveLength(10)
    const startPending = async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: acme.admin.email, password: acme.admin.password },
      })
      return browserFor(t.app, sessionCookieOf(response), response.json<{ csrfToken: string }>().csrfToken)
    }
    const code = recoveryCodes[0] ?? ''
    expect((await (await startPending()).request('POST', '/api/v1/auth/mfa', { code })).statusCode).toBe(200)
    expect((await (await startPending()).request('POST', '/api/v1/auth/mfa', { code })).statusCode).toBe(401)

    t.clock.advanceMs(90_000)
    const totp = currentTotpCode(secret, t.clock.now())
    expect((await (await startPending()).request('POST', '/api/v1/auth/mfa', { code: totp })).statusCode).toBe(200)
    expect((await (await startPending()).request('POST', '/api/v1/auth/mfa', { code: totp })).statusCode).toBe(401)
  })

  it('keeps the secret encrypted at rest', async () => {
    const { secret } = await enrol()
    const row = await t.handle.db
      .selectFrom('identity_user')
      .select('totp_secret_enc')
      .where('id', '=', acme.admin.id)
      .executeTakeFirstOrThrow()
    expect(row.totp_secret_enc).not.toContain(secret)
    expect(row.totp_secret_enc).toMatch(/^v1\./)
  })
})
