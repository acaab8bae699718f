import { constants } from 'node:fs'
import { access } from 'node:fs/promises'
import type { DatabaseHandle } from '@keel/server/db/connect'
import { listMigrations, migrate, type Migration } from '@keel/server/db/migrate'
import {
  ident,
  MIGRATION_TABLE,
  PORTABLE_SETTINGS,
  queryOn,
  readCatalog,
  readSequences,
  type Query,
  type TableInfo,
} from '../backup/catalog.ts'
import { parseHeader, type BackupFooter, type BackupHeader, type TableEnd, type TableStart } from '../backup/format.ts'
import { readGzipLines } from '../backup/read-lines.ts'
import {
  CliFailure,
  EXIT_FAILED,
  EXIT_OK,
  flag,
  requiredString,
  withDatabase,
  type Command,
  type Context,
} from '../command.ts'
import { startProgress } from '../progress.ts'
import { describeBreak, verifyChainWithProgress } from '../verify-chain.ts'

// Rows per INSERT: a few hundred, and never more than PostgreSQL's 65,535 parameters.
const MAX_BATCH_ROWS = 500
const MAX_PARAMS = 60_000

export const dbRestore: Command = {
  name: 'restore',
  summary: 'load a `keel backup` file into an empty database (either engine), then verify it',
  help: `Usage: keel restore --in <file> [--force]

Restores a file written by \`keel backup\` into the configured database, on
either engine: a backup of embedded PGlite restores into PostgreSQL and back.

  1. The database must be empty (no Keel rows). --force wipes it first: it drops
     every table, view, sequence, function and type of Keel's schema, and the
     pgboss (job queue) schema.
  2. Applies the migrations the backup was made under, then loads every table,
     parents before children, in one transaction (all of it or nothing), with
     Keel's triggers (e.g. the audit trail's append-only guard) not firing on load.
  3. Applies the migrations this Keel has that the backup did not.
  4. Verifies: each table holds as many rows as the backup says, and every
     company's audit chain holds. Exits 1 when a check fails.

Job queue state is not in a backup (see \`keel backup --help\`); Keel recreates
its queues and schedules when it starts. Stop Keel while restoring.

Options:
  --in <file>   the backup file
  --force       wipe a database that is not empty before restoring into it`,
  options: { in: { type: 'string' }, force: { type: 'boolean' } },
  async run(ctx, values) {
    const file = requiredString(values, 'in')
    try {
      await access(file, constants.R_OK)
    } catch {
      throw new CliFailure(`cannot read ${file}`)
    }
    const lines = readGzipLines(file)[Symbol.asyncIterator]()
    try {
      const first = await lines.next()
      let header: BackupHeader
      try {
        header = parseHeader(first.done ? undefined : first.value)
      } catch (error) {
        throw new CliFailure(`${file}: ${(error as Error).message}`)
      }
      return await withDatabase(ctx, (handle) => restore(ctx, handle, header, lines, flag(values, 'force'), file))
    } finally {
      await lines.return(undefined)
    }
  },
}

async function restore(
  ctx: Context,
  handle: DatabaseHandle,
  header: BackupHeader,
  lines: AsyncIterator<string>,
  force: boolean,
  file: string,
): Promise<number> {
  const known = await listMigrations()
  const wanted = checkMigrations(header, known)

  const target = await targetState(handle)
  const foreign = target.applied.filter((id) => !wanted.has(id))
  if (target.nonEmptyTable !== null || foreign.length > 0) {
    if (!force) {
      const why =
        target.nonEmptyTable !== null
          ? `table ${target.nonEmptyTable} has rows`
          : `it has migrations the backup does not (${foreign.join(', ')})`
      throw new CliFailure(
        `the database is not empty (${why}); restore into an empty database, or add --force to wipe it first`,
      )
    }
    await wipe(handle)
    ctx.err('wiped the database (--force)')
  }

  const everything = wanted.size === known.length
  if (everything)
    await migrate(handle, (id) => {
      ctx.err(`applied ${id}`)
    })
  else
    await applyMigrations(
      handle,
      known.filter((m) => wanted.has(`${m.module}/${m.name}`)),
      (id) => {
        ctx.err(`applied ${id}`)
      },
    )

  const total = header.tables.reduce((sum, t) => sum + t.rows, 0)
  const progress = startProgress(ctx.io.stderr, 'restore', { total })
  const loaded = await handle.db.transaction().execute((trx) =>
    load(queryOn(trx), lines, (n) => {
      progress.advance(n)
    }),
  )
  progress.finish()

  const problems: string[] = []
  const q = queryOn(handle.db)
  for (const table of header.tables) {
    const [row] = await q(`select count(*)::text as n from ${ident(table.name)}`)
    const count = Number(row?.n ?? -1)
    if (count !== table.rows)
      problems.push(`table ${table.name} has ${String(count)} rows, the backup ${String(table.rows)}`)
  }

  if (!everything)
    await migrate(handle, (id) => {
      ctx.err(`applied ${id} (newer than the backup)`)
    })

  const companies = await handle.db.selectFrom('identity_company').select(['id', 'slug']).orderBy('slug').execute()
  let events = 0
  for (const company of companies) {
    const verdict = await verifyChainWithProgress(
      ctx.io.stderr,
      handle,
      company,
      `verifying audit chain of ${company.slug}`,
    )
    events += verdict.checked
    if (!verdict.ok) problems.push(`the audit chain of ${company.slug} is broken ${describeBreak(verdict)}`)
  }

  ctx.out(
    `restored ${String(loaded.rows)} rows in ${String(loaded.tables)} tables from ${file} (a ${header.engine} backup of ${header.createdAt})`,
  )
  if (problems.length > 0) {
    for (const problem of problems) ctx.err(`keel restore: check failed: ${problem}`)
    return EXIT_FAILED
  }
  ctx.out(
    `verified: row counts match the backup; ${String(companies.length)} audit chain${companies.length === 1 ? '' : 's'} intact (${String(events)} events)`,
  )
  return EXIT_OK
}

/** The backup's migrations, each one this Keel ships, unchanged. */
function checkMigrations(header: BackupHeader, known: readonly Migration[]): Set<string> {
  const byId = new Map(known.map((m) => [`${m.module}/${m.name}`, m]))
  const wanted = new Set<string>()
  for (const m of header.migrations) {
    const id = `${m.module}/${m.name}`
    const ours = byId.get(id)
    if (!ours)
      throw new CliFailure(
        `the backup was made by a newer Keel: it has migration ${id}, which this Keel does not; upgrade Keel first`,
      )
    if (ours.checksum !== m.checksum) throw new CliFailure(`migration ${id} differs between the backup and this Keel`)
    wanted.add(id)
  }
  return wanted
}

async function targetState(handle: DatabaseHandle): Promise<{ applied: string[]; nonEmptyTable: string | null }> {
  const q = queryOn(handle.db)
  const [has] = await q(`select to_regclass('${MIGRATION_TABLE}') is not null as ok`)
  const applied =
    has?.ok === true
      ? (await q(`select module || '/' || name as id from ${MIGRATION_TABLE} order by 1`)).map((r) => String(r.id))
      : []
  for (const table of await readCatalog(q)) {
    const [row] = await q(`select exists (select 1 from ${ident(table.name)}) as found`)
    if (row?.found === true) return { applied, nonEmptyTable: table.name }
  }
  return { applied, nonEmptyTable: null }
}

/** Drops what Keel's migrations and job runner create: the current schema's objects (not extensions'), and pgboss. */
async function wipe(handle: DatabaseHandle): Promise<void> {
  const q = queryOn(handle.db)
  const notInExtension = (catalog: string, oid: string) =>
    `not exists (select 1 from pg_depend d where d.classid = '${catalog}'::regclass and d.objid = ${oid} and d.deptype = 'e')`
  const relations = await q(`
    select c.relname as name, c.relkind::text as kind from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f') and ${notInExtension('pg_class', 'c.oid')}
     order by c.relkind desc, c.relname`)
  const functions = await q(`
    select p.oid::regprocedure::text as signature, p.prokind::text as kind from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = current_schema() and ${notInExtension('pg_proc', 'p.oid')}`)
  const types = await q(`
    select format_type(t.oid, null) as name, t.typtype::text as kind from pg_type t join pg_namespace n on n.oid = t.typnamespace
      left join pg_class c on c.oid = t.typrelid
     where n.nspname = current_schema() and (t.typtype in ('e', 'd', 'r') or (t.typtype = 'c' and c.relkind = 'c')) and ${notInExtension('pg_type', 't.oid')}`)
  const relationKind: Record<string, string> = {
    r: 'table',
    p: 'table',
    v: 'view',
    m: 'materialized view',
    S: 'sequence',
    f: 'foreign table',
  }
  const statements = [
    'drop schema if exists pgboss cascade',
    ...relations.map(
      (r) => `drop ${relationKind[String(r.kind)] ?? 'table'} if exists ${ident(String(r.name))} cascade`,
    ),
    ...functions.map(
      (f) =>
        `drop ${f.kind === 'p' ? 'procedure' : f.kind === 'a' ? 'aggregate' : 'function'} if exists ${String(f.signature)} cascade`,
    ),
    ...types.map((t) => `drop ${t.kind === 'd' ? 'domain' : 'type'} if exists ${String(t.name)} cascade`),
  ]
  await handle.runScript(statements.map((s) => `${s};`).join('\n'))
}

/**
 * Applies just the given migrations, in Keel's order, recording them as
 * `migrate()` does; the ones the backup did not have run after the load, so
 * they transform the restored rows as they would have on the original.
 */
async function applyMigrations(
  handle: DatabaseHandle,
  migrations: readonly Migration[],
  onApply: (id: string) => void,
): Promise<void> {
  await handle.executeSql(`create table if not exists ${MIGRATION_TABLE} (
    module text not null, name text not null, checksum text not null,
    applied_at timestamptz not null default now(), primary key (module, name))`)
  const done = new Set(
    (await handle.executeSql(`select module || '/' || name as id from ${MIGRATION_TABLE}`)).rows.map(
      (r) => (r as { id: string }).id,
    ),
  )
  for (const m of migrations) {
    const id = `${m.module}/${m.name}`
    if (done.has(id)) continue
    await handle.runScript(
      `${m.sql}\n;insert into ${MIGRATION_TABLE} (module, name, checksum) values ('${m.module}', '${m.name}', '${m.checksum}');`,
    )
    onApply(id)
  }
}

interface LoadingTable {
  readonly start: TableStart
  readonly info: TableInfo
  readonly columnTypes: readonly string[]
  readonly overriding: boolean
  batch: (string | null)[][]
  rows: number
}

/** Reads table sections up to the footer and inserts their rows in batches, triggers off. */
async function load(
  q: Query,
  lines: AsyncIterator<string>,
  onRows: (n: number) => void,
): Promise<{ tables: number; rows: number }> {
  for (const setting of PORTABLE_SETTINGS) await q(setting)
  const catalog = new Map((await readCatalog(q)).map((t) => [t.name, t]))
  const [su] = await q("select current_setting('is_superuser') = 'on' as yes")
  const superuser = su?.yes === true
  // As a superuser, replica mode silences every trigger, foreign-key checks included
  // (the rows come from a consistent database). Otherwise, as the tables' owner,
  // silence Keel's own triggers and load parents before children.
  if (superuser) await q('set local session_replication_role = replica')
  else for (const name of catalog.keys()) await q(`alter table ${ident(name)} disable trigger user`)
  await q('set constraints all deferred')

  let current: LoadingTable | null = null
  let tables = 0
  let rows = 0
  let footer: BackupFooter | null = null
  const flush = async (table: LoadingTable) => {
    if (table.batch.length === 0) return
    const width = table.columnTypes.length
    const tuples = table.batch.map(
      (_, r) => `(${table.columnTypes.map((type, c) => `$${String(r * width + c + 1)}::text::${type}`).join(', ')})`,
    )
    const columns = table.start.columns.map((c) => ident(c.name)).join(', ')
    await q(
      `insert into ${ident(table.info.name)} (${columns})${table.overriding ? ' overriding system value' : ''} values ${tuples.join(', ')}`,
      table.batch.flat(),
    )
    onRows(table.batch.length)
    rows += table.batch.length
    table.batch = []
  }

  for (;;) {
    const next = await lines.next()
    if (next.done) break
    const line = next.value
    if (line.trim() === '') continue
    const record = JSON.parse(line) as unknown
    if (Array.isArray(record)) {
      if (!current) throw new CliFailure('the backup file is damaged: a row outside a table')
      if (record.length !== current.columnTypes.length)
        throw new CliFailure(
          `the backup file is damaged: a row of ${current.info.name} has ${String(record.length)} values, not ${String(current.columnTypes.length)}`,
        )
      current.batch.push(record as (string | null)[])
      current.rows++
      if (
        current.batch.length >=
        Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMS / current.columnTypes.length)))
      )
        await flush(current)
      continue
    }
    const object = record as Partial<TableStart & TableEnd & BackupFooter>
    if (typeof object.table === 'string') {
      if (current) throw new CliFailure(`the backup file is damaged: table ${current.info.name} has no end`)
      current = startTable(catalog, object as TableStart)
    } else if (typeof object.end === 'string') {
      if (!current || current.info.name !== object.end)
        throw new CliFailure(`the backup file is damaged: an end of ${object.end} out of place`)
      await flush(current)
      if (current.rows !== object.rows || current.rows !== current.start.rows) {
        throw new CliFailure(
          `the backup file is damaged: table ${object.end} says ${String(current.start.rows)} rows but holds ${String(current.rows)}`,
        )
      }
      tables++
      current = null
    } else if (object.footer === true) {
      footer = object as BackupFooter
      break
    }
  }
  if (!footer || current) throw new CliFailure('the backup file is truncated: it has no end; nothing was restored')

  const sequences = new Set((await readSequences(q)).map((s) => s.name))
  for (const sequence of footer.sequences) {
    if (sequence.lastValue !== null && sequences.has(sequence.name))
      await q('select setval($1::text::regclass, $2::text::bigint, true)', [ident(sequence.name), sequence.lastValue])
  }
  if (!superuser) for (const name of catalog.keys()) await q(`alter table ${ident(name)} enable trigger user`)
  return { tables, rows }
}

/** Matches a table section to the table here: same columns, same types, or a clear refusal. */
function startTable(catalog: ReadonlyMap<string, TableInfo>, start: TableStart): LoadingTable {
  const info = catalog.get(start.table)
  if (!info) throw new CliFailure(`the backup has a table ${start.table} that this database does not`)
  const here = new Map(info.columns.map((c) => [c.name, c]))
  const columnTypes = start.columns.map((column) => {
    const ours = here.get(column.name)
    if (!ours) throw new CliFailure(`the backup has a column ${start.table}.${column.name} that this database does not`)
    if (ours.type !== column.type)
      throw new CliFailure(`column ${start.table}.${column.name} is ${column.type} in the backup but ${ours.type} here`)
    return ours.type
  })
  const missing = info.columns.filter((c) => !start.columns.some((s) => s.name === c.name))
  if (missing.length > 0)
    throw new CliFailure(`the backup has no column ${start.table}.${missing.map((c) => c.name).join(', ')}`)
  return { start, info, columnTypes, overriding: info.columns.some((c) => c.identityAlways), batch: [], rows: 0 }
}
