import { conflict, inTransaction, notFound } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import { getAccessReviewItem } from './access-reviews.ts'
import { endExternalAccount } from './external-account-status.ts'
import type { OrgDeps } from './org.tables.ts'

export interface AccessDecisionInput {
  readonly decision: 'confirm' | 'revoke'
  readonly comment?: string | null | undefined
}

/**
 * A sponsor's answer for one account: confirm keeps access and stamps the
 * account reviewed; revoke ends it at once (membership deactivated, sessions
 * and tokens ended). Only the item's sponsor decides, or someone holding
 * org.external.manage on their behalf; anyone else is told there is no such
 * item. The review closes with its last decision.
 */
export async function decideAccessReviewItem(
  db: Kysely<OrgDeps>,
  context: AuditContext & { actorId: string },
  itemId: string,
  input: AccessDecisionInput,
  options: { mayDecideForOthers: boolean },
  now: Date,
) {
  return inTransaction(db, async (trx) => {
    const item = await getAccessReviewItem(trx, context.companyId, itemId)
    if (!options.mayDecideForOthers) {
      const me = await trx
        .selectFrom('org_employee')
        .select('id')
        .where('company_id', '=', context.companyId)
        .where('user_id', '=', context.actorId)
        .executeTakeFirst()
      if (me?.id !== item.sponsor.id) throw notFound('org.access_review_item_not_found', 'No such access review item.')
    }
    if (item.decision !== null || item.reviewClosed)
      throw conflict('org.access_review_item_decided', 'This account was already reviewed.')
    const comment = input.comment?.trim() || null
    // Locks the row: two sponsors' tabs deciding at once cannot both win.
    const updated = await trx
      .updateTable('org_access_review_item')
      .set({ decision: input.decision, decided_by: context.actorId, decided_at: now, comment })
      .where('company_id', '=', context.companyId)
      .where('id', '=', itemId)
      .where('decision', 'is', null)
      .executeTakeFirst()
    if (updated.numUpdatedRows === 0n)
      throw conflict('org.access_review_item_decided', 'This account was already reviewed.')
    if (input.decision === 'revoke')
      await endExternalAccount(
        trx,
        context,
        item.account.id,
        'revoked',
        comment ? `Revoked in access review: ${comment}` : 'Revoked in access review.',
        now,
      )
    else
      await trx
        .updateTable('org_external_account')
        .set({ last_reviewed_at: now })
        .where('company_id', '=', context.companyId)
        .where('id', '=', item.account.id)
        .execute()
    await recordAudit(trx, context, {
      action: `org.access_review.${input.decision === 'confirm' ? 'confirmed' : 'revoked'}`,
      entityType: 'access_review_item',
      entityId: itemId,
      changes: {
        decision: { before: null, after: input.decision },
        comment: { before: null, after: comment },
        accountId: { before: null, after: item.account.id },
      },
    })
    const pending = await trx
      .selectFrom('org_access_review_item')
      .select('id')
      .where('company_id', '=', context.companyId)
      .where('review_id', '=', item.reviewId)
      .where('decision', 'is', null)
      .executeTakeFirst()
    if (!pending)
      await trx
        .updateTable('org_access_review')
        .set({ closed_at: now })
        .where('company_id', '=', context.companyId)
        .where('id', '=', item.reviewId)
        .execute()
    const { reviewClosed: _closed, ...decided } = await getAccessReviewItem(trx, context.companyId, itemId)
    return decided
  })
}
