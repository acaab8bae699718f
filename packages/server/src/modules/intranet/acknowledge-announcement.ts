import { inTransaction, invalid } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import type { AudienceFacts } from '../org/index.ts'
import { assertReadable } from './announcement-views.ts'
import type { IntranetDeps } from './intranet.tables.ts'

/**
 * Records that the caller opened an announcement addressed to them: the
 * first time only (the read receipt keeps the first opening), audited then.
 */
export async function markAnnouncementRead(
  db: Kysely<IntranetDeps>,
  context: AuditContext & { actorId: string },
  facts: AudienceFacts | null,
  id: string,
  now: Date,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await assertReadable(trx, context.companyId, facts, id, now)
    const inserted = await trx
      .insertInto('intranet_announcement_receipt')
      .values({ company_id: context.companyId, announcement_id: id, user_id: context.actorId, first_read_at: now })
      .onConflict((oc) => oc.columns(['company_id', 'announcement_id', 'user_id']).doNothing())
      .returning('first_read_at')
      .executeTakeFirst()
    if (inserted)
      await recordAudit(trx, context, {
        action: 'intranet.announcement.read',
        entityType: 'announcement',
        entityId: id,
        changes: { readAt: { before: null, after: now.toISOString() } },
      })
  })
}

/**
 * The caller confirms an announcement that asks for it. Idempotent: a
 * second acknowledgement keeps the first time and records nothing new.
 * Acknowledging also counts as reading.
 */
export async function acknowledgeAnnouncement(
  db: Kysely<IntranetDeps>,
  context: AuditContext & { actorId: string },
  facts: AudienceFacts | null,
  id: string,
  now: Date,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await assertReadable(trx, context.companyId, facts, id, now)
    if (!row.requires_acknowledgement)
      throw invalid('intranet.acknowledgement_not_required', 'This announcement does not ask to be acknowledged.')
    const existing = await trx
      .selectFrom('intranet_announcement_receipt')
      .select('acknowledged_at')
      .where('company_id', '=', context.companyId)
      .where('announcement_id', '=', id)
      .where('user_id', '=', context.actorId)
      .forUpdate()
      .executeTakeFirst()
    if (existing?.acknowledged_at) return
    if (existing)
      await trx
        .updateTable('intranet_announcement_receipt')
        .set({ acknowledged_at: now })
        .where('company_id', '=', context.companyId)
        .where('announcement_id', '=', id)
        .where('user_id', '=', context.actorId)
        .execute()
    else
      await trx
        .insertInto('intranet_announcement_receipt')
        .values({
          company_id: context.companyId,
          announcement_id: id,
          user_id: context.actorId,
          first_read_at: now,
          acknowledged_at: now,
        })
        .onConflict((oc) =>
          oc.columns(['company_id', 'announcement_id', 'user_id']).doUpdateSet({ acknowledged_at: now }),
        )
        .execute()
    await recordAudit(trx, context, {
      action: 'intranet.announcement.acknowledged',
      entityType: 'announcement',
      entityId: id,
      changes: { acknowledgedAt: { before: null, after: now.toISOString() } },
    })
  })
}
