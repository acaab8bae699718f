import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import type { DatabaseHandle } from './connect.ts'
import { ensureTenantIsolation } from './tenant-isolation.ts'

// Migration sources in dependency order: the platform first, then each module
// along the module graph (docs/architecture.md). Adding a module adds a line.
const SOURCES: readonly { readonly module: string; readonly dir: URL }[] = [
  { module: 'platform', dir: new URL('./migrations/', import.meta.url) },
  { module: 'identity', dir: new URL('../modules/identity/migrations/', import.meta.url) },
  { module: 'audit', dir: new URL('../modules/audit/migrations/', import.meta.url) },
  { module: 'mail', dir: new URL('../modules/mail/migrations/', import.meta.url) },
  { module: 'org', dir: new URL('../modules/org/migrations/', import.meta.url) },
  { module: 'work', dir: new URL('../modules/work/migrations/', import.meta.url) },
  { module: 'intranet', dir: new URL('../modules/intranet/migrations/', import.meta.url) },
]

export interface Migration {
  readonly module: string
  readonly name: string
  readonly sql: string
  readonly checksum: string
}

/** Every migration file Keel ships, in the order it must be applied. */
export async function listMigrations(): Promise<Migration[]> {
  const all: Migration[] = []
  for (const source of SOURCES) {
    const files = (await readdir(source.dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort()
    for (const name of files) {
      const sql = await readFile(new URL(name, source.dir), 'utf8')
      all.push({ module: source.module, name, sql, checksum: createHash('sha256').update(sql).digest('hex') })
    }
  }
  return all
}

export interface MigrationReport {
  readonly applied: readonly string[]
  readonly schemaVersion: string
}

/**
 * Applies, in order and each in its own transaction, every migration not yet
 * recorded in `keel_migration`; refuses to run when an applied file has changed.
 */
export async function migrate(handle: DatabaseHandle, onApply?: (id: string) => void): Promise<MigrationReport> {
  await handle.executeSql(`create table if not exists keel_migration (
    module text not null, name text not null, checksum text not null,
    applied_at timestamptz not null default now(), primary key (module, name))`)
  const done = await handle.executeSql('select module, name, checksum from keel_migration')
  const applied = new Map(
    (done.rows as { module: string; name: string; checksum: string }[]).map((r) => [
      `${r.module}/${r.name}`,
      r.checksum,
    ]),
  )
  const newlyApplied: string[] = []
  for (const migration of await listMigrations()) {
    const id = `${migration.module}/${migration.name}`
    const checksum = applied.get(id)
    if (checksum !== undefined) {
      if (checksum !== migration.checksum) throw new Error(`migration ${id} was changed after it was applied`)
      continue
    }
    // Names and checksums are ours (file names matched above, hex digests), safe to inline.
    await handle.runScript(
      `${migration.sql}\n;insert into keel_migration (module, name, checksum) values ('${migration.module}', '${migration.name}', '${migration.checksum}');`,
    )
    newlyApplied.push(id)
    onApply?.(id)
  }
  await ensureTenantIsolation(handle)
  return { applied: newlyApplied, schemaVersion: await schemaVersion(handle) }
}

/** How many migrations are applied and the newest one: what /api/health reports. */
export async function schemaVersion(handle: DatabaseHandle): Promise<string> {
  const result = await handle.executeSql(
    "select count(*)::int as n, (array_agg(module || '/' || name order by applied_at desc, name desc))[1] as latest from keel_migration",
  )
  const row = result.rows[0] as { n: number; latest: string | null } | undefined
  return `${String(row?.n ?? 0)}:${row?.latest ?? 'none'}`
}
