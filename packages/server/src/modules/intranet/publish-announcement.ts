import { inTransaction, newId } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import type { AnnouncementInput } from './announcement-input.ts'
import { assertAudienceKnown, toRows } from './audience.ts'
import type { IntranetDeps } from './intranet.tables.ts'

/**
 * Publishes (or, with a future publishAt, schedules) an announcement. Readers
 * see it from publishAt on; nothing else has to happen at that moment.
 * Returns the new id.
 */
export async function publishAnnouncement(
  db: Kysely<IntranetDeps>,
  context: AuditContext & { actorId: string },
  input: AnnouncementInput,
  now: Date,
): Promise<string> {
  await assertAudienceKnown(db, context.companyId, input.audience)
  const id = newId()
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('intranet_announcement')
      .values({
        company_id: context.companyId,
        id,
        title: input.title,
        body: input.body,
        publish_at: input.publishAt,
        expires_at: input.expiresAt,
        pinned: input.pinned,
        pinned_until: input.pinnedUntil,
        requires_acknowledgement: input.requiresAcknowledgement,
        author_user_id: context.actorId,
        withdrawn_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute()
    await trx
      .insertInto('intranet_announcement_audience')
      .values(toRows(input.audience).map((r) => ({ ...r, company_id: context.companyId, announcement_id: id })))
      .execute()
    await recordAudit(trx, context, {
      action: 'intranet.announcement.published',
      entityType: 'announcement',
      entityId: id,
      changes: {
        title: { before: null, after: input.title },
        audience: { before: null, after: input.audience },
        publishAt: { before: null, after: input.publishAt.toISOString() },
        requiresAcknowledgement: { before: null, after: input.requiresAcknowledgement },
        pinned: { before: null, after: input.pinned },
      },
    })
  })
  return id
}
