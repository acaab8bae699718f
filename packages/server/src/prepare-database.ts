import type { DatabaseHandle } from './db/connect.ts'
import { migrate, type MigrationReport } from './db/migrate.ts'
import { identityDb, syncBuiltinRoles } from './modules/identity/index.ts'

/**
 * Brings a database up to this version of Keel: migrations, then the grants
 * of every company's built-in roles (a module that lands adds its
 * permissions to companies created before it). Start, `keel migrate` and
 * restore all call this.
 */
export async function prepareDatabase(
  handle: DatabaseHandle,
  onMigrated?: (id: string) => void,
): Promise<MigrationReport & { rolesSynced: number }> {
  const report = await migrate(handle, onMigrated)
  const rolesSynced = await syncBuiltinRoles(identityDb(handle.db))
  return { ...report, rolesSynced }
}
