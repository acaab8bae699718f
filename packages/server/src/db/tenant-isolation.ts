import type { SqlHandle } from './sql-handle.ts'

/**
 * On PostgreSQL: turns on (and forces, so the owner is bound too) row-level
 * security with the `keel_tenant` policy on every table that has a
 * `company_id` column. Runs after every migration, so a new module's tables
 * are covered without anyone remembering to. PGlite has one user and one
 * process; there is nothing to back up there.
 */
export async function ensureTenantIsolation(handle: SqlHandle): Promise<string[]> {
  if (handle.kind !== 'postgres') return []
  const result = await handle.executeSql(`
    select c.relname as table_name, c.relrowsecurity as enabled,
           exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polname = 'keel_tenant') as has_policy
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'company_id' and not a.attisdropped
    where n.nspname = 'public' and c.relkind = 'r'
    order by c.relname`)
  const changed: string[] = []
  for (const row of result.rows as { table_name: string; enabled: boolean; has_policy: boolean }[]) {
    if (row.enabled && row.has_policy) continue
    const table = `"${row.table_name.replace(/"/g, '""')}"`
    await handle.runScript(`
      alter table ${table} enable row level security;
      alter table ${table} force row level security;
      drop policy if exists keel_tenant on ${table};
      create policy keel_tenant on ${table} using (keel_tenant_allows(company_id)) with check (keel_tenant_allows(company_id));`)
    changed.push(row.table_name)
  }
  return changed
}
