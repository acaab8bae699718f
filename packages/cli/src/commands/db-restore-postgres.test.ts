import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anInstallation, runCli, type Installation } from '../testing/cli-harness.ts'
import { aPopulatedInstallation, backupBody } from '../testing/populated.ts'

// Across engines: a PGlite backup restores into PostgreSQL, and a PostgreSQL one into PGlite.
describe.skipIf(!process.env.TEST_DATABASE_URL)('keel backup / restore across engines', () => {
  const cleanup: Installation[] = []
  afterAll(async () => {
    for (const install of cleanup) await install.destroy()
  })
  let source: Installation
  let dir: string
  let fromPglite: string
  beforeAll(async () => {
    source = await aPopulatedInstallation('pglite')
    cleanup.push(source)
    dir = path.join(source.env.KEEL_DATA_DIR ?? '', '..')
    fromPglite = path.join(dir, 'from-pglite.gz')
    const backup = await runCli(['backup', '--out', fromPglite], source.env)
    expect(backup.code, backup.stderr).toBe(0)
  })

  it('round-trips PGlite → PostgreSQL → PGlite: same row counts, same values, intact audit chains', async () => {
    const postgres = await anInstallation('postgres', 'empty')
    cleanup.push(postgres)
    const intoPostgres = await runCli(['restore', '--in', fromPglite], postgres.env)
    expect(intoPostgres.code, intoPostgres.stderr).toBe(0)
    expect(intoPostgres.stdout).toContain('verified: row counts match the backup; 2 audit chains intact')
    expect((await runCli(['audit', 'verify'], postgres.env)).code).toBe(0)

    const fromPostgres = path.join(dir, 'from-postgres.gz')
    const backup = await runCli(['backup', '--out', fromPostgres], postgres.env)
    expect(backup.code, backup.stderr).toBe(0)
    expect(await backupBody(fromPostgres)).toEqual(await backupBody(fromPglite))

    const pglite = await anInstallation('pglite', 'empty')
    cleanup.push(pglite)
    const back = await runCli(['restore', '--in', fromPostgres], pglite.env)
    expect(back.code, back.stderr).toBe(0)
    expect(back.stdout).toContain('a postgres backup')
    expect(back.stdout).toContain('verified: row counts match the backup; 2 audit chains intact')
    expect((await runCli(['audit', 'verify'], pglite.env)).code).toBe(0)
    const again = path.join(dir, 'again-pglite.gz')
    expect((await runCli(['backup', '--out', again], pglite.env)).code).toBe(0)
    expect(await backupBody(again)).toEqual(await backupBody(fromPglite))
  })

  it('restores into a PostgreSQL database that is not empty only with --force', async () => {
    const postgres = await anInstallation('postgres')
    cleanup.push(postgres)
    expect((await runCli(['company', 'create', '--name', 'Doomed', '--slug', 'doomed'], postgres.env)).code).toBe(0)
    expect((await runCli(['restore', '--in', fromPglite], postgres.env)).code).toBe(1)
    const forced = await runCli(['restore', '--in', fromPglite, '--force'], postgres.env)
    expect(forced.code, forced.stderr).toBe(0)
    expect(forced.stdout).toContain('2 audit chains intact')
  })
})
