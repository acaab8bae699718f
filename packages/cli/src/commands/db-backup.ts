import { constants } from 'node:fs'
import { access, rename, rm } from 'node:fs/promises'
import { createWriteStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import { listMigrations, schemaVersion } from '@keel/server/db/migrate'
import {
  ident,
  PORTABLE_SETTINGS,
  queryOn,
  readCatalog,
  readSequences,
  type Query,
  type TableInfo,
} from '../backup/catalog.ts'
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  EXCLUDED,
  type BackupFooter,
  type BackupHeader,
  type BackupMigration,
  type TableEnd,
  type TableStart,
} from '../backup/format.ts'
import { CliFailure, EXIT_OK, flag, requiredString, withDatabase, type Command } from '../command.ts'
import { startProgress, type Progress } from '../progress.ts'

const PAGE_ROWS = 1000

export const dbBackup: Command = {
  name: 'backup',
  summary: "write a full, engine-neutral copy of the installation's data to a file",
  help: `Usage: keel backup --out <file> [--force]

Writes every row of every Keel table to <file> (gzip'd JSON lines, format
"keel-backup" version 1), read from one consistent snapshot while Keel keeps
running (on PostgreSQL; an embedded PGlite data directory serves one process,
so stop Keel first). The file restores into either engine with \`keel restore\`:
PGlite to PostgreSQL and back.

Included: all data of all modules, values exactly as stored (bigint, numeric,
timestamps to the microsecond, arrays, jsonb), and the list of migrations
applied. Not included: the background job queue (the pgboss schema): its queues
and schedules are recreated when Keel starts, but jobs waiting at backup time
(e-mails not yet sent, say) are not carried over.

The file holds everything, including password hashes and encrypted secrets:
keep it as safe as the database. Encrypted values (TOTP secrets, salaries,
private employee data) need the same KEEL_SECRET_KEY (or data directory key
file) on the restored installation.

Options:
  --out <file>   where to write; written to <file>.partial first, then renamed
  --force        overwrite <file> if it exists`,
  options: { out: { type: 'string' }, force: { type: 'boolean' } },
  async run(ctx, values) {
    const out = requiredString(values, 'out')
    if (!flag(values, 'force') && (await exists(out)))
      throw new CliFailure(`${out} exists; choose another name or add --force to overwrite it`)
    const partial = `${out}.partial`
    return withDatabase(ctx, async (handle) => {
      const hasMigrations = (await handle.executeSql("select to_regclass('keel_migration') is not null as ok"))
        .rows[0] as { ok: boolean } | undefined
      if (!hasMigrations?.ok) throw new CliFailure('this database has no Keel schema: nothing to back up')
      const gzip = createGzip()
      const written = pipeline(gzip, createWriteStream(partial))
      // A failed file write must not leave the writer waiting for a drain that never comes.
      const failed = new Promise<never>((_, reject) => {
        written.catch(reject)
      })
      failed.catch(() => undefined)
      const write = async (record: unknown) => {
        if (!gzip.write(`${JSON.stringify(record)}\n`))
          await Promise.race([new Promise((resolve) => gzip.once('drain', resolve)), failed])
      }
      try {
        const summary = await handle.db.transaction().execute(async (trx) => {
          const q = queryOn(trx)
          // One snapshot for every table: the copy is consistent even while Keel writes.
          await q('set transaction isolation level repeatable read, read only')
          for (const setting of PORTABLE_SETTINGS) await q(setting)
          return writeBackup(q, handle.kind, await schemaVersion({ ...handle, executeSql: rawOn(q) }), write, (total) =>
            startProgress(ctx.io.stderr, 'backup', { total }),
          )
        })
        gzip.end()
        await written
        await rename(partial, out)
        ctx.out(`backed up ${String(summary.rows)} rows in ${String(summary.tables)} tables to ${out}`)
        return EXIT_OK
      } catch (error) {
        gzip.destroy()
        await written.catch(() => undefined)
        await rm(partial, { force: true })
        throw error
      }
    })
  },
}

// Header queries go through the snapshot's transaction (on PGlite it holds the only connection).
const rawOn = (q: Query) => async (text: string, params?: unknown[]) => ({ rows: await q(text, params) })

async function exists(file: string): Promise<boolean> {
  try {
    await access(file, constants.F_OK)
    return true
  } catch {
    return false
  }
}

async function appliedMigrations(q: Query): Promise<BackupMigration[]> {
  const rows = (await q('select module, name, checksum from keel_migration')) as unknown as BackupMigration[]
  const order = new Map((await listMigrations()).map((m, index) => [`${m.module}/${m.name}`, index]))
  const rank = (m: BackupMigration) => order.get(`${m.module}/${m.name}`) ?? Number.MAX_SAFE_INTEGER
  return rows
    .map((r) => ({ module: r.module, name: r.name, checksum: r.checksum }))
    .sort((a, b) => rank(a) - rank(b) || `${a.module}/${a.name}`.localeCompare(`${b.module}/${b.name}`))
}

/** Streams the header, every table page by page (keyset on the primary key), and the footer. */
async function writeBackup(
  q: Query,
  engine: 'pglite' | 'postgres',
  version: string,
  write: (record: unknown) => Promise<void>,
  progressFor: (total: number) => Progress,
): Promise<{ tables: number; rows: number }> {
  const tables = await readCatalog(q)
  const counts: { name: string; rows: number }[] = []
  for (const table of tables) {
    const [row] = await q(`select count(*)::text as n from ${ident(table.name)}`)
    counts.push({ name: table.name, rows: Number(row?.n ?? 0) })
  }
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    engine,
    schemaVersion: version,
    migrations: await appliedMigrations(q),
    tables: counts,
    excluded: EXCLUDED,
  }
  await write(header)
  const total = counts.reduce((sum, t) => sum + t.rows, 0)
  const progress = progressFor(total)
  const written: Record<string, number> = {}
  for (const [index, table] of tables.entries()) {
    const start: TableStart = {
      table: table.name,
      columns: table.columns.map((c) => ({ name: c.name, type: c.type })),
      primaryKey: table.primaryKey,
      rows: counts[index]?.rows ?? 0,
    }
    await write(start)
    let rows = 0
    for await (const page of pages(q, table)) {
      for (const values of page) await write(values)
      rows += page.length
      progress.advance(page.length)
    }
    const end: TableEnd = { end: table.name, rows }
    await write(end)
    written[table.name] = rows
  }
  const footer: BackupFooter = { footer: true, tables: written, sequences: await readSequences(q) }
  await write(footer)
  progress.finish()
  return { tables: tables.length, rows: total }
}

/** The table's rows as text values, a page at a time, in primary-key order. */
async function* pages(q: Query, table: TableInfo): AsyncGenerator<(string | null)[][]> {
  if (table.columns.length === 0) return
  const select = table.columns.map((c, i) => `${ident(c.name)}::text as c${String(i)}`).join(', ')
  const keyColumns = table.primaryKey.length > 0 ? table.primaryKey : null
  const keyTypes = (keyColumns ?? []).map((name) => table.columns.find((c) => c.name === name)?.type ?? 'text')
  const keyIndexes = (keyColumns ?? []).map((name) => table.columns.findIndex((c) => c.name === name))
  // Without a primary key, the physical row id pages just as well inside one snapshot.
  const keyExpr = keyColumns ? `(${keyColumns.map(ident).join(', ')})` : 'ctid'
  const orderBy = keyColumns ? keyColumns.map(ident).join(', ') : 'ctid'
  const extra = keyColumns ? '' : ', ctid::text as k'
  let after: string[] | null = null
  for (;;) {
    const where: string =
      after === null
        ? ''
        : keyColumns
          ? `where ${keyExpr} > (${keyTypes.map((t, i) => `$${String(i + 1)}::text::${t}`).join(', ')})`
          : 'where ctid > $1::text::tid'
    const rows: Record<string, unknown>[] = await q(
      `select ${select}${extra} from ${ident(table.name)} ${where} order by ${orderBy} limit ${String(PAGE_ROWS)}`,
      after ?? [],
    )
    if (rows.length === 0) return
    const values = rows.map((row) => table.columns.map((_, i) => (row[`c${String(i)}`] ?? null) as string | null))
    yield values
    if (rows.length < PAGE_ROWS) return
    const last = values.at(-1) ?? []
    after = keyColumns ? keyIndexes.map((i) => last[i] ?? '') : [String(rows.at(-1)?.k)]
  }
}
