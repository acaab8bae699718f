import { conflict, inTransaction } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import { announcementNotFound } from './announcement-views.ts'
import type { IntranetDeps } from './intranet.tables.ts'

/** Takes an announcement off every feed for good; its receipts stay as a record. Withdrawing twice is a no-op. */
export async function withdrawAnnouncement(
  db: Kysely<IntranetDeps>,
  context: AuditContext,
  id: string,
  now: Date,
  expectedVersion?: number,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('intranet_announcement')
      .select(['withdrawn_at', 'version'])
      .where('company_id', '=', context.companyId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst()
    if (!before) throw announcementNotFound()
    if (before.withdrawn_at !== null) return
    if (expectedVersion !== undefined && before.version !== expectedVersion)
      throw conflict('request.stale', 'This announcement was changed by someone else; reload and try again.')
    await trx
      .updateTable('intranet_announcement')
      .set((eb) => ({ withdrawn_at: now, updated_at: now, version: eb('version', '+', 1) }))
      .where('company_id', '=', context.companyId)
      .where('id', '=', id)
      .execute()
    await recordAudit(trx, context, {
      action: 'intranet.announcement.withdrawn',
      entityType: 'announcement',
      entityId: id,
      changes: { withdrawnAt: { before: null, after: now.toISOString() } },
    })
  })
}
