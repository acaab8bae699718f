import { inTransaction, invalid } from '@keel/kernel'
import type { Kysely } from 'kysely'
import type { AuditContext } from '../audit/index.ts'
import { statusOf } from './catalog-documents.ts'
import { itemFor } from './item-access.ts'
import { recordItemChange } from './item-history.ts'
import { getRequestType } from './request-types.ts'
import { saveItem } from './save-item.ts'
import { assertVersion } from './work-errors.ts'
import { canWorkQueue, type WorkViewer } from './work-viewer.ts'
import type { WorkDeps } from './work.tables.ts'

/**
 * Moves an item to another status of its type's workflow. Only the steps the
 * workflow lists are allowed (422 otherwise); workers take any of them, the
 * requester only those marked `requesterMay` (close a resolved item, reopen it).
 */
export async function transitionItem(
  db: Kysely<WorkDeps>,
  context: AuditContext,
  viewer: WorkViewer,
  id: string,
  input: { status: string },
  now: Date,
  expectedVersion?: number,
) {
  return inTransaction(db, async (trx) => {
    const item = await itemFor(trx, viewer, id)
    assertVersion(item.version, expectedVersion, 'item')
    const { workflow } = await getRequestType(trx, viewer.companyId, item.type_id)
    const step = workflow.transitions.find((t) => t.from === item.status && t.to === input.status)
    const target = statusOf(workflow, input.status)
    const allowedTargets = workflow.transitions.filter((t) => t.from === item.status).map((t) => t.to)
    if (!step || !target)
      throw invalid('work.invalid_transition', `An item cannot go from ${item.status} to ${input.status}.`, [
        {
          path: '/body/status',
          message: `From ${item.status} the workflow allows: ${allowedTargets.join(', ') || 'nothing'}.`,
        },
      ])
    const isWorker = canWorkQueue(viewer, item.queue_id)
    if (!isWorker && !(step.requesterMay && item.requester_user_id === viewer.userId))
      throw invalid('work.transition_not_yours', 'Only those who work this item may take this step.', [
        { path: '/body/status', message: 'Ask the team working on it.' },
      ])
    const wasDone = item.status_category === 'resolved' || item.status_category === 'closed'
    await saveItem(
      trx,
      item,
      {
        status: target.key,
        status_category: target.category,
        resolved_at:
          target.category === 'resolved' ? now : target.category === 'closed' ? (item.resolved_at ?? now) : null,
        closed_at: target.category === 'closed' ? now : null,
      },
      now,
    )
    const before = statusOf(workflow, item.status)?.label ?? item.status
    const reopened = wasDone && target.category !== 'resolved' && target.category !== 'closed'
    await recordItemChange(
      trx,
      context,
      {
        itemId: id,
        kind: reopened ? 'reopened' : 'status_changed',
        summary: `${reopened ? 'Reopened' : 'Status'}: ${before} → ${target.label}.`,
        changes: { status: { before: item.status, after: target.key } },
      },
      now,
    )
  })
}
