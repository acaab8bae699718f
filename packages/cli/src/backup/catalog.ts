import { CompiledQuery, type Kysely, type Transaction } from 'kysely'

/** Runs one raw statement in the given connection or transaction and returns its rows. */
export type Query = (text: string, params?: readonly unknown[]) => Promise<Record<string, unknown>[]>

export function queryOn<DB>(db: Kysely<DB> | Transaction<DB>): Query {
  return async (text, params = []) => {
    const result = await db.executeQuery(CompiledQuery.raw(text, [...params]))
    return result.rows as Record<string, unknown>[]
  }
}

export interface ColumnInfo {
  readonly name: string
  /** `format_type()`: `uuid`, `timestamp with time zone`, `text[]`, `numeric(12,2)`… */
  readonly type: string
  /** `generated always as identity`: inserts need `overriding system value`. */
  readonly identityAlways: boolean
}

export interface TableInfo {
  readonly name: string
  /** Stored generated columns are left out: the database computes them. */
  readonly columns: readonly ColumnInfo[]
  /** Empty when the table has none (then rows are paged by `ctid`). */
  readonly primaryKey: readonly string[]
}

/** Keel's own bookkeeping table: recreated by applying migrations, never copied. */
export const MIGRATION_TABLE = 'keel_migration'

/** A quoted SQL identifier. */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`

const str = (value: unknown): string => String(value)

/**
 * Keel's tables (those of the current schema, except the migrations table), in
 * an order where every table comes after the tables its foreign keys point to.
 */
export async function readCatalog(q: Query): Promise<TableInfo[]> {
  const columnRows = await q(`
    select c.relname as table_name, a.attname as column_name, format_type(a.atttypid, a.atttypmod) as column_type,
           a.attidentity::text as identity, a.attgenerated::text as generated
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
     where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition and c.relname <> '${MIGRATION_TABLE}'
     order by c.relname, a.attnum`)
  const pkRows = await q(`
    select c.relname as table_name,
           array_to_json(array(select a.attname from unnest(i.indkey::int2[]) with ordinality k(attnum, ord)
                                 join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum order by k.ord))::text as columns
      from pg_index i
      join pg_class c on c.oid = i.indrelid
      join pg_namespace n on n.oid = c.relnamespace
     where i.indisprimary and n.nspname = current_schema()`)
  const fkRows = await q(`
    select c.relname as child, p.relname as parent
      from pg_constraint f
      join pg_class c on c.oid = f.conrelid
      join pg_namespace n on n.oid = c.relnamespace
      join pg_class p on p.oid = f.confrelid
      join pg_namespace pn on pn.oid = p.relnamespace
     where f.contype = 'f' and n.nspname = current_schema() and pn.nspname = current_schema()`)

  const columns = new Map<string, ColumnInfo[]>()
  for (const row of columnRows) {
    const table = str(row.table_name)
    const list = columns.get(table) ?? []
    if (str(row.generated) === '')
      list.push({ name: str(row.column_name), type: str(row.column_type), identityAlways: str(row.identity) === 'a' })
    columns.set(table, list)
  }
  const primaryKeys = new Map(pkRows.map((row) => [str(row.table_name), JSON.parse(str(row.columns)) as string[]]))
  const parents = new Map<string, Set<string>>()
  for (const row of fkRows) {
    const child = str(row.child)
    const parent = str(row.parent)
    if (child === parent || !columns.has(parent)) continue
    const set = parents.get(child) ?? new Set()
    set.add(parent)
    parents.set(child, set)
  }
  // Kahn's algorithm, ties by name so the order is the same on every run and engine.
  const ordered: string[] = []
  const placed = new Set<string>()
  const remaining = [...columns.keys()].sort()
  while (remaining.length > 0) {
    const next = remaining.find((t) => [...(parents.get(t) ?? [])].every((p) => placed.has(p))) ?? remaining[0]
    if (next === undefined) break
    ordered.push(next)
    placed.add(next)
    remaining.splice(remaining.indexOf(next), 1)
  }
  return ordered.map((name) => ({ name, columns: columns.get(name) ?? [], primaryKey: primaryKeys.get(name) ?? [] }))
}

export interface SequenceState {
  readonly name: string
  /** null: never used. */
  readonly lastValue: string | null
}

export async function readSequences(q: Query): Promise<SequenceState[]> {
  const rows = await q(
    'select sequencename as name, last_value::text as last_value from pg_sequences where schemaname = current_schema() order by sequencename',
  )
  return rows.map((row) => ({ name: str(row.name), lastValue: row.last_value === null ? null : str(row.last_value) }))
}

/** Text formats that read back the same on any server: UTC, ISO dates, hex bytea, exact floats. */
export const PORTABLE_SETTINGS = [
  "set local timezone to 'UTC'",
  "set local datestyle to 'ISO, YMD'",
  "set local intervalstyle to 'postgres'",
  "set local bytea_output to 'hex'",
  'set local extra_float_digits to 3',
  // Row-level security (db/tenant-isolation.ts) shows every row when no company is set: make sure none is.
  "select set_config('keel.company_id', '', true)",
] as const
