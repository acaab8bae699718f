import { inTransaction, invalidField, newId } from '@keel/kernel'
import type { Kysely } from 'kysely'
import type { AuditContext } from '../audit/index.ts'
import { itemFor } from './item-access.ts'
import { recordItemChange } from './item-history.ts'
import { saveItem } from './save-item.ts'
import { canWorkQueue, type WorkViewer } from './work-viewer.ts'
import type { WorkDeps } from './work.tables.ts'

/**
 * Adds a public reply (the requester, watchers and workers see it) or an
 * internal note (workers only). Anyone who sees the item may reply; only
 * those who work it may write internal notes.
 */
export async function commentOnItem(
  db: Kysely<WorkDeps>,
  context: AuditContext & { actorId: string },
  viewer: WorkViewer,
  id: string,
  input: { body: string; visibility: 'internal' | 'public' },
  now: Date,
) {
  const body = input.body.trim()
  if (body === '') throw invalidField('work.empty_comment', '/body/body', 'Write something.')
  return inTransaction(db, async (trx) => {
    const item = await itemFor(trx, viewer, id)
    if (input.visibility === 'internal' && !canWorkQueue(viewer, item.queue_id))
      throw invalidField(
        'work.internal_note_not_allowed',
        '/body/visibility',
        'Only those who work this item write internal notes.',
      )
    const commentId = newId()
    await trx
      .insertInto('work_item_comment')
      .values({
        company_id: viewer.companyId,
        id: commentId,
        item_id: id,
        author_user_id: context.actorId,
        visibility: input.visibility,
        body,
        created_at: now,
      })
      .execute()
    await saveItem(trx, item, {}, now)
    await recordItemChange(
      trx,
      context,
      {
        itemId: id,
        kind: input.visibility === 'internal' ? 'note_added' : 'reply_added',
        summary: input.visibility === 'internal' ? 'Internal note added.' : 'Public reply added.',
        changes: { comment: { before: null, after: commentId } },
      },
      now,
    )
    return commentId
  })
}
