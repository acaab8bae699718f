import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { identityDb, signIn } from '@keel/server/modules/identity/index'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { A_PASSWORD, anInstallation, inDatabase, runCli, type Installation } from '../testing/cli-harness.ts'
import { aPopulatedInstallation, backupBody as body, SIGN_IN_POLICY as POLICY } from '../testing/populated.ts'

describe('keel backup / restore', () => {
  let source: Installation
  let backupFile: string
  const cleanup: Installation[] = []
  beforeAll(async () => {
    source = await aPopulatedInstallation('pglite')
    cleanup.push(source)
    backupFile = path.join(source.env.KEEL_DATA_DIR ?? '', '..', 'keel.backup.gz')
    const backup = await runCli(['backup', '--out', backupFile], source.env)
    expect(backup.code, backup.stderr).toBe(0)
    expect(backup.stdout).toMatch(/^backed up \d+ rows in \d+ tables to /)
    expect(backup.stderr).toMatch(/^backup: \d+\/\d+ rows \(100%\)$/m)
  })
  afterAll(async () => {
    for (const install of cleanup) await install.destroy()
  })

  it('writes a header with the format, the migrations and the row count of every table, and no job state', async () => {
    const [headerLine] = gunzipSync(await readFile(backupFile))
      .toString('utf8')
      .split('\n', 1)
    const header = JSON.parse(headerLine ?? '') as {
      format: string
      formatVersion: number
      engine: string
      migrations: { module: string }[]
      tables: { name: string; rows: number }[]
    }
    expect(header).toMatchObject({ format: 'keel-backup', formatVersion: 1, engine: 'pglite' })
    expect(header.migrations.map((m) => m.module)).toContain('identity')
    const names = header.tables.map((t) => t.name)
    expect(names).not.toContain('keel_migration')
    expect(names.some((n) => n.includes('pgboss') || n === 'job')).toBe(false)
    // Parents before children.
    expect(names.indexOf('identity_company')).toBeLessThan(names.indexOf('identity_membership'))
    expect(names.indexOf('identity_membership')).toBeLessThan(names.indexOf('identity_member_role'))
    expect(header.tables.find((t) => t.name === 'identity_api_token')?.rows).toBe(1)
  })

  it('round-trips PGlite → PGlite: same rows, value for value, and intact audit chains', async () => {
    // Migrated but empty: restore accepts it as it is (a fresh data directory works too, see the PostgreSQL test).
    const target = await anInstallation('pglite')
    cleanup.push(target)
    const restore = await runCli(['restore', '--in', backupFile], target.env)
    expect(restore.code, restore.stderr).toBe(0)
    expect(restore.stdout).toContain('verified: row counts match the backup; 2 audit chains intact')
    const again = path.join(target.env.KEEL_DATA_DIR ?? '', '..', 'again.backup.gz')
    expect((await runCli(['backup', '--out', again], target.env)).code).toBe(0)
    expect(await body(again)).toEqual(await body(backupFile))
    expect((await runCli(['audit', 'verify'], target.env)).code).toBe(0)
    // The restored installation works: Ann signs in with her password.
    await inDatabase(target, async (handle) => {
      await expect(
        signIn(
          identityDb(handle.db),
          { email: 'ann@globex.test', password: A_PASSWORD, ip: '127.0.0.1', userAgent: null },
          POLICY,
          new Date(),
        ),
      ).resolves.toMatchObject({ mfaRequired: false })
    })
  })

  it('refuses a database that is not empty unless --force, which wipes it first', async () => {
    const target = await anInstallation('pglite')
    cleanup.push(target)
    expect((await runCli(['company', 'create', '--name', 'Doomed', '--slug', 'doomed'], target.env)).code).toBe(0)
    const refused = await runCli(['restore', '--in', backupFile], target.env)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('the database is not empty')
    const forced = await runCli(['restore', '--in', backupFile, '--force'], target.env)
    expect(forced.code, forced.stderr).toBe(0)
    expect(forced.stderr).toContain('wiped the database')
    const slugs = await inDatabase(target, (handle) =>
      handle.db.selectFrom('identity_company').select('slug').orderBy('slug').execute(),
    )
    expect(slugs.map((s) => s.slug)).toEqual(['acme', 'globex'])
  })

  it('loads nothing from a truncated or foreign file, exit 1; never overwrites a file on backup', async () => {
    const target = await anInstallation('pglite')
    cleanup.push(target)
    const dir = path.join(target.env.KEEL_DATA_DIR ?? '', '..')
    const lines = gunzipSync(await readFile(backupFile))
      .toString('utf8')
      .split('\n')
    const truncated = path.join(dir, 'truncated.gz')
    await writeFile(truncated, gzipSync(lines.slice(0, Math.floor(lines.length * 0.8)).join('\n')))
    const cut = await runCli(['restore', '--in', truncated], target.env)
    expect(cut.code).toBe(1)
    expect(cut.stderr).toContain('truncated')
    const rows = await inDatabase(
      target,
      async (handle) => (await handle.db.selectFrom('identity_company').select('id').execute()).length,
    )
    expect(rows).toBe(0)

    const foreign = path.join(dir, 'foreign.gz')
    await writeFile(foreign, gzipSync('{"hello":"world"}\n'))
    const notOurs = await runCli(['restore', '--in', foreign], target.env)
    expect(notOurs.code).toBe(1)
    expect(notOurs.stderr).toContain('not a Keel backup')
    expect((await runCli(['restore', '--in', path.join(dir, 'missing.gz')], target.env)).code).toBe(1)

    const exists = await runCli(['backup', '--out', foreign], source.env)
    expect(exists.code).toBe(1)
    expect(exists.stderr).toContain('--force')
  })

  it('restores a backup made under fewer migrations: loads it under those, then applies the newer ones', async () => {
    const target = await anInstallation('pglite')
    cleanup.push(target)
    const dir = path.join(target.env.KEEL_DATA_DIR ?? '', '..')
    // An "older" backup: as if the mail module (its migration and table) did not exist yet.
    const lines = gunzipSync(await readFile(backupFile))
      .toString('utf8')
      .split('\n')
    const header = JSON.parse(lines[0] ?? '') as { migrations: { module: string }[]; tables: { name: string }[] }
    header.migrations = header.migrations.filter((m) => m.module !== 'mail')
    header.tables = header.tables.filter((t) => t.name !== 'mail_message')
    const start = lines.findIndex((l) => l.startsWith('{"table":"mail_message"'))
    const end = lines.findIndex((l) => l.startsWith('{"end":"mail_message"'))
    const older = [JSON.stringify(header), ...lines.slice(1, start), ...lines.slice(end + 1)]
    const olderFile = path.join(dir, 'older.gz')
    await writeFile(olderFile, gzipSync(older.join('\n')))

    // The target has the mail migration, the backup does not: only --force (wipe) makes room.
    const refused = await runCli(['restore', '--in', olderFile], target.env)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('mail/0001_mail.sql')
    const restored = await runCli(['restore', '--in', olderFile, '--force'], target.env)
    expect(restored.code, restored.stderr).toBe(0)
    expect(restored.stderr).toMatch(/applied mail\/0001_mail\.sql \(newer than the backup\)/)
    expect(restored.stdout).toContain('2 audit chains intact')
    const again = path.join(dir, 'older-again.gz')
    expect((await runCli(['backup', '--out', again], target.env)).code).toBe(0)
    expect(await body(again)).toEqual(await body(backupFile))
  })
})
