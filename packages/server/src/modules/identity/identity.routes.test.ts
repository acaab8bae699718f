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

const latestMail = async (to: string) => {
  const outbox = await admin.request('GET', '/api/v1/mail/outbox')
  expect(outbox.statusCode).toBe(200)
  const message = outbox
    .json<{ items: { to: string; subject: string; textBody: string }[] }>()
    .items.find((m) => m.to === to)
  if (!message) throw new Error(`no mail to ${to}`)
  return message
}
const linkToken = (body: string) => /token=([A-Za-z0-9_-]+)/.exec(body)?.[1] ?? ''

describe('invitations', () => {
  it('e-mails a link with which the invited person sets a password and signs in', async () => {
    const invited = await admin.request('POST', '/api/v1/identity/users/invitations', {
      email: 'Nina.New@Acme.test',
      displayName: 'Nina New',
      roleIds: [acme.roleIds.employee],
    })
    expect(invited.statusCode).toBe(201)
    expect(invited.json()).toMatchObject({
      user: { email: 'nina.new@acme.test', status: 'invited', roles: [{ key: 'employee' }] },
    })

    const mail = await latestMail('nina.new@acme.test')
    expect(mail.subject).toContain('invited you to Acme Ltd')
    expect(mail.textBody).toContain('http://keel.test/invitation?token=')
    const token = linkToken(mail.textBody)

    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      payload: { token, password: 'password1234' },
    })
    expect(weak.statusCode).toBe(422)
    expect(weak.json()).toMatchObject({ code: 'identity.weak_password', errors: [{ path: '/body/password' }] })

    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      payload: { token, password: 'nina picks a long one 9' },
    })
    expect(accepted.statusCode).toBe(204)
    const nina = await signInAs(t.app, 'nina.new@acme.test', 'nina picks a long one 9')
    expect((await nina.request('GET', '/api/v1/me/profile')).json()).toMatchObject({
      status: 'active',
      displayName: 'Nina New',
    })

    const reused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      payload: { token, password: 'another long one 10' },
    })
    expect(reused.statusCode).toBe(422)
    expect(reused.json()).toMatchObject({ code: 'identity.invalid_invitation' })
  })

  it('refuses an invitation link after seven days', async () => {
    await admin.request('POST', '/api/v1/identity/users/invitations', {
      email: 'late@acme.test',
      displayName: 'Late Larry',
      roleIds: [acme.roleIds.employee],
    })
    const token = linkToken((await latestMail('late@acme.test')).textBody)
    t.clock.advanceMs(7 * 86_400_000 + 1000)
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      payload: { token, password: 'larry picks a long one' },
    })
    expect(response.statusCode).toBe(422)
  })

  it('refuses to invite someone twice into the same company', async () => {
    const body = { email: 'twice@acme.test', displayName: 'Twice', roleIds: [acme.roleIds.employee] }
    expect((await admin.request('POST', '/api/v1/identity/users/invitations', body)).statusCode).toBe(201)
    const again = await admin.request('POST', '/api/v1/identity/users/invitations', body)
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({ code: 'identity.already_member' })
  })
})

describe('password reset', () => {
  it('answers the same for known and unknown e-mails, and resets a known one', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/request',
      payload: { email: 'ghost@acme.test' },
    })
    const known = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/request',
      payload: { email: acme.admin.email },
    })
    expect([unknown.statusCode, known.statusCode]).toEqual([202, 202])
    expect(unknown.body).toBe(known.body)

    const token = linkToken((await latestMail(acme.admin.email)).textBody)
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/complete',
      payload: { token, password: 'a brand new passphrase' },
    })
    expect(reset.statusCode).toBe(204)
    // Resetting ends every session, including the one used to read the mail.
    expect((await admin.request('GET', '/api/v1/me/profile')).statusCode).toBe(401)
    await signInAs(t.app, acme.admin.email, 'a brand new passphrase')
    const reused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/complete',
      payload: { token, password: 'yet another passphrase' },
    })
    expect(reused.statusCode).toBe(422)
  })
})

describe('password reset limits', () => {
  it('sends at most three links an hour to one person', async () => {
    for (let i = 0; i < 5; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset/request',
        payload: { email: acme.admin.email },
      })
      expect(response.statusCode).toBe(202)
    }
    const outbox = (await admin.request('GET', '/api/v1/mail/outbox')).json<{ items: { subject: string }[] }>()
    expect(outbox.items.filter((m) => m.subject === 'Reset your Keel password')).toHaveLength(3)
    t.clock.advanceMs(3_600_000 + 1000)
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/request',
      payload: { email: acme.admin.email },
    })
    const freshAdmin = await signInAs(t.app, acme.admin.email, acme.admin.password)
    const later = (await freshAdmin.request('GET', '/api/v1/mail/outbox')).json<{ items: { subject: string }[] }>()
    expect(later.items.filter((m) => m.subject === 'Reset your Keel password')).toHaveLength(4)
  })
})

describe('users', () => {
  it('pages through users with a keyset cursor, every user once', async () => {
    for (let i = 0; i < 7; i++) await aUser(t.handle, acme, ['employee'], `Person ${String(i)}`)
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const url: string = `/api/v1/identity/users?limit=3${cursor ? `&cursor=${cursor}` : ''}`
      const page = (await admin.request('GET', url)).json<{ items: { email: string }[]; nextCursor: string | null }>()
      expect(page.items.length).toBeLessThanOrEqual(3)
      seen.push(...page.items.map((u) => u.email))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toHaveLength(8)
    expect([...seen].sort()).toEqual(seen)
    expect(new Set(seen).size).toBe(8)
  })

  it('answers a forged cursor and a too-large limit with 400 naming the parameter', async () => {
    const forged = await admin.request('GET', '/api/v1/identity/users?cursor=bm9wZQ')
    expect(forged.statusCode).toBe(400)
    expect(forged.json()).toMatchObject({ errors: [{ path: '/querystring/cursor' }] })
    const tooMany = await admin.request('GET', '/api/v1/identity/users?limit=500')
    expect(tooMany.statusCode).toBe(400)
    expect(tooMany.json()).toMatchObject({ errors: [{ path: '/querystring/limit' }] })
  })

  it('filters by text and status', async () => {
    await aUser(t.handle, acme, ['employee'], 'Zelda Zimmer')
    const found = (await admin.request('GET', '/api/v1/identity/users?q=zimmer')).json<{
      items: { displayName: string }[]
    }>()
    expect(found.items.map((u) => u.displayName)).toEqual(['Zelda Zimmer'])
  })
})

describe('roles', () => {
  it('creates a custom role whose grants take effect, and refuses to change a built-in one', async () => {
    const created = await admin.request('POST', '/api/v1/identity/roles', {
      key: 'outbox_reader',
      name: 'Outbox reader',
      permissions: [{ permission: 'mail.outbox.read', reach: 'company' }],
    })
    expect(created.statusCode).toBe(201)
    const role = created.json<{ id: string; version: number }>()
    const eve = await aUser(t.handle, acme, ['employee'])
    const eveBrowser = await signInAs(t.app, eve.email, eve.password)
    expect((await eveBrowser.request('GET', '/api/v1/mail/outbox')).statusCode).toBe(403)
    await admin.request('PUT', `/api/v1/identity/users/${eve.id}/roles`, { roleIds: [acme.roleIds.employee, role.id] })
    expect((await eveBrowser.request('GET', '/api/v1/mail/outbox')).statusCode).toBe(200)

    const builtin = await admin.request('PATCH', `/api/v1/identity/roles/${acme.roleIds.admin ?? ''}`, { name: 'Boss' })
    expect(builtin.statusCode).toBe(409)
    expect(builtin.json()).toMatchObject({ code: 'identity.builtin_role' })
    const inUse = await admin.request('DELETE', `/api/v1/identity/roles/${role.id}`)
    expect(inUse.statusCode).toBe(409)
  })

  it('rejects an unknown permission with the path of the bad entry', async () => {
    const response = await admin.request('POST', '/api/v1/identity/roles', {
      key: 'bad',
      name: 'Bad',
      permissions: [
        { permission: 'mail.outbox.read', reach: 'own' },
        { permission: 'ledger.everything.do', reach: 'own' },
      ],
    })
    expect(response.statusCode).toBe(422)
    expect(response.json()).toMatchObject({ errors: [{ path: '/body/permissions/1/permission' }] })
    const roles = (await admin.request('GET', '/api/v1/identity/roles')).json<{ items: { key: string }[] }>()
    expect(roles.items.map((r) => r.key)).not.toContain('bad')
  })

  it('ships the ten built-in roles', async () => {
    const roles = (await admin.request('GET', '/api/v1/identity/roles')).json<{
      items: { key: string; builtin: boolean }[]
    }>()
    expect(
      roles.items
        .filter((r) => r.builtin)
        .map((r) => r.key)
        .sort(),
    ).toEqual([
      'accountant',
      'admin',
      'auditor',
      'department_head',
      'employee',
      'external',
      'hr',
      'it_support',
      'payroll',
      'team_lead',
    ])
  })
})

describe('audit of mutations', () => {
  it('records who changed what, before and after, with the request id, in the same transaction', async () => {
    const eve = await aUser(t.handle, acme, ['employee'])
    const response = await admin.request(
      'PUT',
      `/api/v1/identity/users/${eve.id}/roles`,
      { roleIds: [acme.roleIds.hr] },
      { 'x-request-id': 'req-roles-1' },
    )
    expect(response.statusCode).toBe(200)
    const events = (
      await admin.request('GET', `/api/v1/audit/events?entityId=${eve.id}&action=identity.user.roles_changed`)
    ).json<{ items: Record<string, unknown>[] }>()
    expect(events.items).toHaveLength(1)
    expect(events.items[0]).toMatchObject({
      actorId: acme.admin.id,
      actorName: 'Ada Admin',
      actorKind: 'user',
      entityType: 'user',
      requestId: 'req-roles-1',
      changes: { roles: { before: ['employee'], after: ['hr'] } },
    })
  })

  it('writes nothing, not even an audit event, when a command fails', async () => {
    const before = (await admin.request('GET', '/api/v1/audit/events?limit=200')).json<{ items: unknown[] }>().items
      .length
    const failed = await admin.request('POST', `/api/v1/identity/users/${acme.admin.id}/deactivate`)
    expect(failed.statusCode).toBe(409)
    const after = (await admin.request('GET', '/api/v1/audit/events?limit=200')).json<{ items: unknown[] }>().items
      .length
    expect(after).toBe(before)
  })

  it('records each kind of identity change', async () => {
    const eve = await aUser(t.handle, acme, ['employee'])
    await admin.request('POST', '/api/v1/identity/users/invitations', {
      email: 'inv@acme.test',
      displayName: 'Inv',
      roleIds: [acme.roleIds.employee],
    })
    await admin.request('POST', `/api/v1/identity/users/${eve.id}/deactivate`)
    await admin.request('POST', `/api/v1/identity/users/${eve.id}/reactivate`)
    const role = (
      await admin.request('POST', '/api/v1/identity/roles', { key: 'custom', name: 'Custom', permissions: [] })
    ).json<{ id: string }>()
    await admin.request('PATCH', `/api/v1/identity/roles/${role.id}`, { name: 'Custom 2' })
    await admin.request('DELETE', `/api/v1/identity/roles/${role.id}`)
    const token = (
      await admin.request('POST', '/api/v1/me/tokens', {
        name: 't',
        permissions: ['identity.user.read'],
        expiresInDays: 1,
      })
    ).json<{ apiToken: { id: string } }>()
    await admin.request('DELETE', `/api/v1/me/tokens/${token.apiToken.id}`)
    await admin.request('PATCH', '/api/v1/me/profile', { displayName: 'Ada B.' })
    const other = await signInAs(t.app, acme.admin.email, acme.admin.password)
    await other.request('POST', '/api/v1/auth/logout')
    const actions = (await admin.request('GET', '/api/v1/audit/events?limit=200'))
      .json<{ items: { action: string }[] }>()
      .items.map((e) => e.action)
    for (const action of [
      'identity.user.invited',
      'identity.user.deactivated',
      'identity.user.reactivated',
      'identity.role.created',
      'identity.role.updated',
      'identity.role.deleted',
      'identity.api_token.created',
      'identity.api_token.revoked',
      'identity.user.profile_changed',
      'identity.session.signed_in',
      'identity.session.ended',
    ]) {
      expect(actions).toContain(action)
    }
    expect((await admin.request('POST', '/api/v1/audit/verify')).json()).toMatchObject({ ok: true })
  })
})
