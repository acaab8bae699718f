import { newId } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext, type Changes } from '../audit/index.ts'
import type { WorkDeps } from './work.tables.ts'

export interface ItemChange {
  readonly itemId: string
  /** What happened, short and stable: submitted, status_changed, assigned, … */
  readonly kind: string
  /** One line a person reads in the item's history. */
  readonly summary: string
  readonly changes: Changes
}

/**
 * Writes one change of an item twice, in the caller's transaction: to the
 * item's own history (append-only, what the item page shows) and to the
 * company's hash-chained audit trail. Every command on an item calls this.
 */
export async function recordItemChange(db: Kysely<WorkDeps>, context: AuditContext, change: ItemChange, now: Date) {
  await db
    .insertInto('work_item_event')
    .values({
      company_id: context.companyId,
      id: newId(),
      item_id: change.itemId,
      kind: change.kind,
      actor_user_id: context.actorId,
      data: JSON.stringify(change.changes),
      summary: change.summary,
      at: now,
    })
    .execute()
  await recordAudit(db, context, {
    action: `work.item.${change.kind}`,
    entityType: 'work_item',
    entityId: change.itemId,
    changes: change.changes,
  })
}
