import { conflict } from '@keel/kernel'
import type { Kysely, Updateable } from 'kysely'
import type { WorkDeps, WorkTables } from './work.tables.ts'

/**
 * Writes changed columns of an item read at `version`, raising the version.
 * A concurrent change in between (another worker, another tab) makes this a
 * 409 rather than a silent overwrite.
 */
export async function saveItem(
  db: Kysely<WorkDeps>,
  item: { company_id: string; id: string; version: number },
  changes: Omit<Updateable<WorkTables['work_item']>, 'version' | 'company_id' | 'id'>,
  now: Date,
) {
  const result = await db
    .updateTable('work_item')
    .set((eb) => ({ ...changes, updated_at: now, version: eb('version', '+', 1) }))
    .where('company_id', '=', item.company_id)
    .where('id', '=', item.id)
    .where('version', '=', item.version)
    .executeTakeFirst()
  if (result.numUpdatedRows === 0n)
    throw conflict('request.stale', 'This item was changed by someone else; reload and try again.')
}
