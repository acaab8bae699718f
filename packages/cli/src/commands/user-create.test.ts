import { identityDb, signIn } from '@keel/server/modules/identity/index'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  A_PASSWORD,
  anInstallation,
  engines,
  inDatabase,
  runCli,
  UUID,
  type Installation,
} from '../testing/cli-harness.ts'

const POLICY = {
  idleTimeoutMs: 3_600_000,
  absoluteTimeoutMs: 86_400_000,
  maxFailures: 5,
  windowMs: 900_000,
  maxFailuresPerIp: 50,
}

describe.each(engines())('keel company create / user create on %s', (engine) => {
  // One installation for the file: each test works in companies of its own.
  let install: Installation
  beforeAll(async () => {
    install = await anInstallation(engine)
  })
  afterAll(async () => {
    await install.destroy()
  })
  const keel = (argv: string[], stdin?: string) => runCli(argv, install.env, stdin)

  it('creates a company (printing its id) and a user who can sign in at once', async () => {
    const made = await keel(['company', 'create', '--name', 'Acme Ltd', '--slug', 'acme'])
    expect(made.code, made.stderr).toBe(0)
    const companyId = made.stdout.trim()
    expect(companyId).toMatch(UUID)
    const created = await keel(
      [
        'user',
        'create',
        '--company',
        'acme',
        '--email',
        'Ada@Acme.test',
        '--name',
        'Ada Admin',
        '--role',
        'admin',
        '--role',
        'hr',
        '--password-stdin',
      ],
      `${A_PASSWORD}\n`,
    )
    expect(created.code, created.stderr).toBe(0)
    const userId = created.stdout.trim()
    expect(userId).toMatch(UUID)
    await inDatabase(install, async (handle) => {
      const user = await handle.db
        .selectFrom('identity_user')
        .select(['email', 'status', 'password_hash'])
        .where('id', '=', userId)
        .executeTakeFirstOrThrow()
      expect(user).toMatchObject({ email: 'ada@acme.test', status: 'active' })
      expect(user.password_hash).toMatch(/^\$argon2id\$/)
      const roles = await handle.db
        .selectFrom('identity_member_role as mr')
        .innerJoin('identity_role as r', (j) =>
          j.onRef('r.company_id', '=', 'mr.company_id').onRef('r.id', '=', 'mr.role_id'),
        )
        .select('r.key')
        .where('mr.user_id', '=', userId)
        .orderBy('r.key')
        .execute()
      expect(roles.map((r) => r.key)).toEqual(['admin', 'hr'])
      const session = await signIn(
        identityDb(handle.db),
        { email: 'ada@acme.test', password: A_PASSWORD, ip: '127.0.0.1', userAgent: null },
        POLICY,
        new Date(),
      )
      expect(session.companyId).toBe(companyId)
      const audit = await handle.db
        .selectFrom('audit_event')
        .select(['action', 'actor_kind'])
        .where('company_id', '=', companyId)
        .orderBy('seq')
        .execute()
      expect(audit).toEqual([
        { action: 'identity.company.created', actor_kind: 'system' },
        { action: 'identity.user.created', actor_kind: 'system' },
        { action: 'identity.session.signed_in', actor_kind: 'user' },
      ])
    })
  })

  it('refuses a taken short name and a weak password with exit 1, an unknown role with exit 2', async () => {
    expect((await keel(['company', 'create', '--name', 'Initech', '--slug', 'initech'])).code).toBe(0)
    const taken = await keel(['company', 'create', '--name', 'Other', '--slug', 'initech'])
    expect(taken.code).toBe(1)
    expect(taken.stderr).toContain('identity.company_slug_taken')
    const badSlug = await keel(['company', 'create', '--name', 'Other', '--slug', 'Not A Slug'])
    expect(badSlug.code).toBe(1)
    expect(badSlug.stderr).toContain('lower-case letters')
    const weak = await keel(
      ['user', 'create', '--company', 'initech', '--email', 'w@initech.test', '--name', 'W', '--password-stdin'],
      'short',
    )
    expect(weak.code).toBe(1)
    expect(weak.stderr).toContain('at least 12 characters')
    const role = await keel([
      'user',
      'create',
      '--company',
      'initech',
      '--email',
      'r@initech.test',
      '--name',
      'R',
      '--role',
      'overlord',
    ])
    expect(role.code).toBe(2)
    expect(role.stderr).toContain('--role overlord: no such role in initech')
    const nowhere = await keel(['user', 'create', '--company', 'nope', '--email', 'r@initech.test', '--name', 'R'])
    expect(nowhere.code).toBe(1)
    expect(nowhere.stderr).toContain('no company with the short name "nope"')
  })

  it('creates a user without a password as invited, saying a reset is needed; the reset lets them in', async () => {
    expect((await keel(['company', 'create', '--name', 'Globex', '--slug', 'globex'])).code).toBe(0)
    const created = await keel([
      'user',
      'create',
      '--company',
      'globex',
      '--email',
      'eve@globex.test',
      '--name',
      'Eve Employee',
      '--role',
      'employee',
    ])
    expect(created.code).toBe(0)
    expect(created.stderr).toContain('keel user reset-password --email eve@globex.test --password-stdin')
    const before = await inDatabase(install, (handle) =>
      handle.db
        .selectFrom('identity_user')
        .select(['status', 'password_hash'])
        .where('id', '=', created.stdout.trim())
        .executeTakeFirstOrThrow(),
    )
    expect(before).toEqual({ status: 'invited', password_hash: null })
    const reset = await keel(['user', 'reset-password', '--email', 'eve@globex.test', '--password-stdin'], A_PASSWORD)
    expect(reset.code, reset.stderr).toBe(0)
    await inDatabase(install, async (handle) => {
      await expect(
        signIn(
          identityDb(handle.db),
          { email: 'eve@globex.test', password: A_PASSWORD, ip: '127.0.0.1', userAgent: null },
          POLICY,
          new Date(),
        ),
      ).resolves.toMatchObject({ mfaRequired: false })
    })
  })
})
