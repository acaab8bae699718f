import { readFile } from 'node:fs/promises'
import { gunzipSync } from 'node:zlib'
import { createApiToken, identityDb, signIn } from '@keel/server/modules/identity/index'
import { A_PASSWORD, anInstallation, inDatabase, runCli, type Engine, type Installation } from './cli-harness.ts'

export const SIGN_IN_POLICY = {
  idleTimeoutMs: 3_600_000,
  absoluteTimeoutMs: 86_400_000,
  maxFailures: 5,
  windowMs: 900_000,
  maxFailuresPerIp: 50,
}
const TRICKY_TEXT = 'line one\nline "two"\t\\ back-slash, émoji 🚢, {"json": [1, 2]}'

/** A backup file's lines after the header (which says when and on what engine it was made). */
export async function backupBody(file: string): Promise<string[]> {
  return gunzipSync(await readFile(file))
    .toString('utf8')
    .split('\n')
    .slice(1)
}

const expectOk = (result: { code: number; stderr: string }) => {
  if (result.code !== 0) throw new Error(`keel failed (${String(result.code)}): ${result.stderr}`)
}

/**
 * A source installation with a bit of everything: two companies, users with and
 * without passwords, a session (microsecond timestamps), an API token (a text[]),
 * awkward text (quotes, tabs, line breaks, back-slashes, non-ASCII), and a few thousand rows.
 */
export async function aPopulatedInstallation(engine: Engine): Promise<Installation> {
  const install = await anInstallation(engine)
  const keel = (argv: string[], stdin?: string) => runCli(argv, install.env, stdin)
  for (const slug of ['acme', 'globex']) {
    expectOk(await keel(['company', 'create', '--name', `${slug} Ltd`, '--slug', slug]))
    expectOk(
      await keel(
        [
          'user',
          'create',
          '--company',
          slug,
          '--email',
          `ann@${slug}.test`,
          '--name',
          'Ann Example',
          '--role',
          'admin',
          '--password-stdin',
        ],
        A_PASSWORD,
      ),
    )
  }
  expectOk(
    await keel([
      'user',
      'create',
      '--company',
      'acme',
      '--email',
      'eve@acme.test',
      '--name',
      'Eve Employee',
      '--role',
      'employee',
      '--role',
      'hr',
    ]),
  )
  await inDatabase(install, async (handle) => {
    const db = identityDb(handle.db)
    const session = await signIn(
      db,
      { email: 'ann@acme.test', password: A_PASSWORD, ip: '192.0.2.1', userAgent: TRICKY_TEXT },
      SIGN_IN_POLICY,
      new Date('2026-03-02T09:00:00.123Z'),
    )
    await createApiToken(
      db,
      { companyId: session.companyId, actorId: session.userId, actorKind: 'user', requestId: 'req-1' },
      { name: 'Payroll export', permissions: ['identity.user.read', 'identity.role.read'], expiresInDays: 30 },
      new Date(),
    )
    await handle.db
      .insertInto('platform_idempotency_key')
      .values({
        company_id: session.companyId,
        actor_id: session.userId,
        key: 'k-1',
        method: 'POST',
        path: '/api/v1/x',
        request_hash: 'h',
        state: 'done',
        response_status: 201,
        response_body: TRICKY_TEXT,
        response_type: 'application/json',
      })
      .execute()
    // Enough rows to page (1,000 a page) over single and composite keys, and to batch on restore.
    await handle.executeSql(
      `insert into platform_idempotency_key (company_id, actor_id, key, method, path, request_hash, state, created_at)
       select $1::uuid, case when i % 2 = 0 then $2::uuid else $1::uuid end, 'bulk-' || i, 'POST', '/api/v1/bulk', md5(i::text), 'in_flight', now() - i * interval '1 second'
       from generate_series(1, 2500) i`,
      [session.companyId, session.userId],
    )
    await handle.executeSql(
      `insert into identity_login_failure (id, email, ip, failed_at)
       select md5('f' || i)::uuid, 'f' || i || '@acme.test', '198.51.100.' || (i % 250), timestamptz '2026-03-01 00:00:00.000001+00' + i * interval '1.000001 second'
       from generate_series(1, 1200) i`,
    )
    // Microseconds, which a JS Date would lose: the backup must not.
    await handle.executeSql(
      "update identity_session set last_seen_at = '2026-03-02 09:00:00.123456+00' where user_id = $1",
      [session.userId],
    )
  })
  return install
}
