import { inTransaction, invalidField } from '@keel/kernel'
import type { Kysely } from 'kysely'
import type { AuditContext } from '../audit/index.ts'
import { itemFor } from './item-access.ts'
import { recordItemChange } from './item-history.ts'
import { saveItem } from './save-item.ts'
import type { WorkViewer } from './work-viewer.ts'
import type { WorkDeps } from './work.tables.ts'

export type LinkKind = 'related' | 'parent'

const numberOf = (item: { number_prefix: string; number: bigint }) => `${item.number_prefix}-${String(item.number)}`

/**
 * Links two items: `related` both ways, or `parent` (the other item becomes
 * this one's parent; it lists this one among its children). Both items must
 * be visible to the worker; a parent chain never loops.
 */
export async function linkItems(
  db: Kysely<WorkDeps>,
  context: AuditContext,
  viewer: WorkViewer,
  id: string,
  input: { otherItemId: string; kind: LinkKind },
  now: Date,
) {
  if (input.otherItemId === id)
    throw invalidField('work.self_link', '/body/otherItemId', 'An item cannot link to itself.')
  return inTransaction(db, async (trx) => {
    const item = await itemFor(trx, viewer, id, 'work')
    const other = await itemFor(trx, viewer, input.otherItemId).catch(() => {
      throw invalidField('work.unknown_reference', '/body/otherItemId', 'No such item.')
    })
    if (input.kind === 'parent') {
      // Walk up from the new parent: meeting this item would make a loop.
      let cursor: string | null = other.parent_item_id
      for (let depth = 0; cursor !== null && depth < 50; depth++) {
        if (cursor === id) throw invalidField('work.parent_loop', '/body/otherItemId', 'That item is below this one.')
        const up = await trx
          .selectFrom('work_item')
          .select('parent_item_id')
          .where('company_id', '=', viewer.companyId)
          .where('id', '=', cursor)
          .executeTakeFirst()
        cursor = up?.parent_item_id ?? null
      }
      await saveItem(trx, item, { parent_item_id: other.id }, now)
    } else {
      await trx
        .insertInto('work_item_link')
        .values([
          { company_id: viewer.companyId, item_id: id, other_item_id: other.id, created_at: now },
          { company_id: viewer.companyId, item_id: other.id, other_item_id: id, created_at: now },
        ])
        .onConflict((oc) => oc.doNothing())
        .execute()
    }
    await recordItemChange(
      trx,
      context,
      {
        itemId: id,
        kind: input.kind === 'parent' ? 'parent_set' : 'link_added',
        summary: input.kind === 'parent' ? `Now part of ${numberOf(other)}.` : `Related to ${numberOf(other)}.`,
        changes: { [input.kind]: { before: null, after: numberOf(other) } },
      },
      now,
    )
  })
}

/** Removes a related link (both directions), or the parent when `otherItemId` is the parent. */
export async function unlinkItems(
  db: Kysely<WorkDeps>,
  context: AuditContext,
  viewer: WorkViewer,
  id: string,
  otherItemId: string,
  now: Date,
) {
  return inTransaction(db, async (trx) => {
    const item = await itemFor(trx, viewer, id, 'work')
    const removed = await trx
      .deleteFrom('work_item_link')
      .where('company_id', '=', viewer.companyId)
      .where((eb) =>
        eb.or([
          eb.and([eb('item_id', '=', id), eb('other_item_id', '=', otherItemId)]),
          eb.and([eb('item_id', '=', otherItemId), eb('other_item_id', '=', id)]),
        ]),
      )
      .executeTakeFirst()
    const wasParent = item.parent_item_id === otherItemId
    if (wasParent) await saveItem(trx, item, { parent_item_id: null }, now)
    if (removed.numDeletedRows === 0n && !wasParent)
      throw invalidField('work.not_linked', '/params/otherItemId', 'These items are not linked.')
    await recordItemChange(
      trx,
      context,
      {
        itemId: id,
        kind: wasParent ? 'parent_removed' : 'link_removed',
        summary: wasParent ? 'No longer part of another item.' : 'A related link was removed.',
        changes: { link: { before: otherItemId, after: null } },
      },
      now,
    )
  })
}
