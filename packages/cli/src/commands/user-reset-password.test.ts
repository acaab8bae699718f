import type { DatabaseHandle } from '@keel/server/db/connect'
import { identityDb, signIn } from '@keel/server/modules/identity/index'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { A_PASSWORD, anInstallation, engines, inDatabase, runCli, type Installation } from '../testing/cli-harness.ts'

const POLICY = {
  idleTimeoutMs: 3_600_000,
  absoluteTimeoutMs: 86_400_000,
  maxFailures: 50,
  windowMs: 900_000,
  maxFailuresPerIp: 500,
}
const signInWith = (handle: DatabaseHandle, email: string, password: string) =>
  signIn(identityDb(handle.db), { email, password, ip: '127.0.0.1', userAgent: null }, POLICY, new Date())
const liveSessions = async (handle: DatabaseHandle, userId: string) =>
  (
    await handle.db
      .selectFrom('identity_session')
      .select('id')
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute()
  ).length
const auditOf = (handle: DatabaseHandle, userId: string, action: string) =>
  handle.db
    .selectFrom('audit_event')
    .select(['company_id', 'actor_kind', 'actor_id'])
    .where('entity_id', '=', userId)
    .where('action', '=', action)
    .execute()

describe.each(engines())('keel user reset-password / deactivate on %s', (engine) => {
  let install: Installation
  beforeAll(async () => {
    install = await anInstallation(engine)
  })
  afterAll(async () => {
    await install.destroy()
  })
  const keel = (argv: string[], stdin?: string) => runCli(argv, install.env, stdin)
  const companies = async (...slugs: string[]) => {
    const ids: string[] = []
    for (const slug of slugs) {
      const made = await keel(['company', 'create', '--name', `${slug} Ltd`, '--slug', slug])
      expect(made.code, made.stderr).toBe(0)
      ids.push(made.stdout.trim())
    }
    return ids
  }

  it('resets a password: policy checked, every session ended, audited as the system in each company', async () => {
    const [acme = '', globex = ''] = await companies('acme', 'globex')
    const userId = (
      await keel(
        ['user', 'create', '--company', 'acme', '--email', 'sam@acme.test', '--name', 'Sam Smith', '--password-stdin'],
        A_PASSWORD,
      )
    ).stdout.trim()
    expect(
      (await keel(['user', 'create', '--company', 'globex', '--email', 'sam@acme.test', '--name', 'Sam Smith'])).code,
    ).toBe(0)
    await inDatabase(install, async (handle) => {
      await signInWith(handle, 'sam@acme.test', A_PASSWORD)
      await signInWith(handle, 'sam@acme.test', A_PASSWORD)
      expect(await liveSessions(handle, userId)).toBe(2)
    })

    const weak = await keel(
      ['user', 'reset-password', '--email', 'sam@acme.test', '--password-stdin'],
      'I am Sam Smith, 2026',
    )
    expect(weak.code).toBe(1)
    expect(weak.stderr).toContain('must not contain your name')

    const newPassword = 'Another-long-passphrase-7'
    const reset = await keel(
      ['user', 'reset-password', '--email', 'SAM@acme.test', '--password-stdin'],
      `${newPassword}\n`,
    )
    expect(reset.code, reset.stderr).toBe(0)
    await inDatabase(install, async (handle) => {
      expect(await liveSessions(handle, userId)).toBe(0)
      await expect(signInWith(handle, 'sam@acme.test', A_PASSWORD)).rejects.toThrow('not right')
      await expect(signInWith(handle, 'sam@acme.test', newPassword)).resolves.toMatchObject({ userId })
      const events = await auditOf(handle, userId, 'identity.password.reset')
      expect(events.map((e) => e.company_id).sort()).toEqual([acme, globex].sort())
      expect(events.every((e) => e.actor_kind === 'system' && e.actor_id === null)).toBe(true)
    })

    // Without a password: it is removed and the sessions end again.
    const cleared = await keel(['user', 'reset-password', '--email', 'sam@acme.test'])
    expect(cleared.code, cleared.stderr).toBe(0)
    expect(cleared.stdout).toContain('Forgot password?')
    await inDatabase(install, async (handle) => {
      expect(await liveSessions(handle, userId)).toBe(0)
      await expect(signInWith(handle, 'sam@acme.test', newPassword)).rejects.toThrow('not right')
      expect(await auditOf(handle, userId, 'identity.password.removed')).toHaveLength(2)
    })

    const unknown = await keel(['user', 'reset-password', '--email', 'nobody@acme.test'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('no user with the e-mail address nobody@acme.test')
  })

  it('deactivates a user in one company, then in all: sessions and tokens end, audited', async () => {
    const [initech = '', hooli = ''] = await companies('initech', 'hooli')
    const userId = (
      await keel(
        [
          'user',
          'create',
          '--company',
          'initech',
          '--email',
          'kim@initech.test',
          '--name',
          'Kim Lee',
          '--role',
          'admin',
          '--password-stdin',
        ],
        A_PASSWORD,
      )
    ).stdout.trim()
    expect(
      (await keel(['user', 'create', '--company', 'hooli', '--email', 'kim@initech.test', '--name', 'Kim Lee'])).code,
    ).toBe(0)
    await inDatabase(install, (handle) => signInWith(handle, 'kim@initech.test', A_PASSWORD))
    const memberships = async (handle: DatabaseHandle) =>
      Object.fromEntries(
        (
          await handle.db
            .selectFrom('identity_membership')
            .select(['company_id', 'status'])
            .where('user_id', '=', userId)
            .execute()
        ).map((m) => [m.company_id, m.status]),
      )

    const one = await keel(['user', 'deactivate', '--email', 'kim@initech.test', '--company', 'initech'])
    expect(one.code, one.stderr).toBe(0)
    expect(one.stdout).toContain('kim@initech.test in initech: deactivated')
    await inDatabase(install, async (handle) => {
      expect(await memberships(handle)).toEqual({ [initech]: 'deactivated', [hooli]: 'active' })
      expect(await liveSessions(handle, userId)).toBe(0)
      // Their other company still lets them in.
      await expect(signInWith(handle, 'kim@initech.test', A_PASSWORD)).resolves.toMatchObject({ companyId: hooli })
    })

    const all = await keel(['user', 'deactivate', '--email', 'kim@initech.test'])
    expect(all.code, all.stderr).toBe(0)
    expect(all.stdout).toContain('kim@initech.test in initech: already deactivated')
    expect(all.stdout).toContain('kim@initech.test in hooli: deactivated')
    await inDatabase(install, async (handle) => {
      expect(Object.values(await memberships(handle))).toEqual(['deactivated', 'deactivated'])
      expect(await liveSessions(handle, userId)).toBe(0)
      await expect(signInWith(handle, 'kim@initech.test', A_PASSWORD)).rejects.toThrow()
      const events = await auditOf(handle, userId, 'identity.user.deactivated')
      expect(events.map((e) => e.company_id).sort()).toEqual([initech, hooli].sort())
      expect(events.every((e) => e.actor_kind === 'system')).toBe(true)
    })

    const stranger = await keel(['user', 'deactivate', '--email', 'kim@initech.test', '--company', 'acme-none'])
    expect(stranger.code).toBe(1)
    expect(stranger.stderr).toContain('does not belong to the company "acme-none"')
  })
})
