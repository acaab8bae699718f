import { forbidden, inTransaction } from '@keel/kernel'
import type { Kysely } from 'kysely'
import type { AuditContext } from '../audit/index.ts'
import { itemFor } from './item-access.ts'
import { recordItemChange } from './item-history.ts'
import { mapMissingReference } from './work-errors.ts'
import { canWorkQueue, type WorkViewer } from './work-viewer.ts'
import type { WorkDeps } from './work.tables.ts'

/**
 * Adds or removes a watcher. Anyone who sees an item may watch it or stop
 * watching; adding or removing someone else is for those who work it.
 */
export async function setWatching(
  db: Kysely<WorkDeps>,
  context: AuditContext,
  viewer: WorkViewer,
  id: string,
  userId: string,
  watching: boolean,
  now: Date,
  userName: string,
) {
  return inTransaction(db, async (trx) => {
    const item = await itemFor(trx, viewer, id)
    if (userId !== viewer.userId && !canWorkQueue(viewer, item.queue_id))
      throw forbidden('work.not_a_worker', 'Only those who work this item add or remove other watchers.')
    const already = (item.watcher_user_ids ?? []).includes(userId)
    if (already === watching) return
    if (watching)
      await trx
        .insertInto('work_item_watcher')
        .values({ company_id: viewer.companyId, item_id: id, user_id: userId, added_at: now })
        .execute()
        .catch((error: unknown) => mapMissingReference(error, { user_id: '/params/userId' }))
    else
      await trx
        .deleteFrom('work_item_watcher')
        .where('company_id', '=', viewer.companyId)
        .where('item_id', '=', id)
        .where('user_id', '=', userId)
        .execute()
    await recordItemChange(
      trx,
      context,
      {
        itemId: id,
        kind: watching ? 'watcher_added' : 'watcher_removed',
        summary: watching ? `${userName} watches this item.` : `${userName} stopped watching.`,
        changes: { watcher: { before: watching ? null : userId, after: watching ? userId : null } },
      },
      now,
    )
  })
}
