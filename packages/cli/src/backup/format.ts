/**
 * Keel's portable backup format, version 1: gzip'd JSON lines, engine-neutral
 * (a PGlite backup restores into PostgreSQL and back).
 *
 *   {"format":"keel-backup","formatVersion":1,…,"migrations":[…],"tables":[{"name","rows"}]}   header
 *   {"table":"identity_company","columns":[{"name","type"}],"primaryKey":["id"],"rows":2}   a table begins
 *   ["0190…","Acme Ltd","acme","2026-03-02 09:00:00.123456+00"]                             one row per line
 *   {"end":"identity_company","rows":2}                                                     the table ends
 *   … every table, parents before children …
 *   {"footer":true,"tables":{"identity_company":2,…},"sequences":[…]}                       the end
 *
 * Every value is PostgreSQL's own text form of it (`value::text`, read with
 * fixed UTC/ISO/hex settings), or null: bigint, numeric, timestamps to the
 * microsecond, arrays, jsonb and bytea all come back exactly as they were.
 */
export const BACKUP_FORMAT = 'keel-backup'
export const BACKUP_FORMAT_VERSION = 1

export interface BackupMigration {
  readonly module: string
  readonly name: string
  readonly checksum: string
}

export interface BackupHeader {
  readonly format: typeof BACKUP_FORMAT
  readonly formatVersion: number
  readonly createdAt: string
  readonly engine: 'pglite' | 'postgres'
  readonly schemaVersion: string
  /** The migrations the data was written under, in Keel's order. */
  readonly migrations: readonly BackupMigration[]
  /** Every table in the file, in load order, with its row count. */
  readonly tables: readonly { readonly name: string; readonly rows: number }[]
  /** What a backup leaves out, for people reading the file. */
  readonly excluded: readonly string[]
}

export interface TableStart {
  readonly table: string
  readonly columns: readonly { readonly name: string; readonly type: string }[]
  readonly primaryKey: readonly string[]
  readonly rows: number
}

export interface TableEnd {
  readonly end: string
  readonly rows: number
}

export interface BackupFooter {
  readonly footer: true
  readonly tables: Readonly<Record<string, number>>
  readonly sequences: readonly { readonly name: string; readonly lastValue: string | null }[]
}

export type RowValues = readonly (string | null)[]

export const EXCLUDED = [
  'keel_migration: recreated by applying the migrations listed in the header',
  'pgboss schema (background job queue state): queues and schedules are recreated when Keel starts; jobs waiting at backup time (e.g. e-mails still queued) are not carried over',
] as const

export function parseHeader(line: string | undefined): BackupHeader {
  let header: unknown
  try {
    header = JSON.parse(line ?? '')
  } catch {
    throw new Error('not a Keel backup (no header line)')
  }
  if (typeof header !== 'object' || header === null || (header as { format?: unknown }).format !== BACKUP_FORMAT)
    throw new Error('not a Keel backup')
  const version = (header as { formatVersion?: unknown }).formatVersion
  if (version !== BACKUP_FORMAT_VERSION)
    throw new Error(
      `backup format version ${String(version)} is not supported (this Keel reads version ${String(BACKUP_FORMAT_VERSION)})`,
    )
  return header as BackupHeader
}
