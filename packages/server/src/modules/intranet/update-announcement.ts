import { conflict, inTransaction } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext, type Changes } from '../audit/index.ts'
import type { AudienceTarget } from '../org/index.ts'
import type { AnnouncementInput } from './announcement-input.ts'
import { announcementNotFound } from './announcement-views.ts'
import { assertAudienceKnown, toRows, toTargets } from './audience.ts'
import type { IntranetDeps } from './intranet.tables.ts'

/**
 * Edits an announcement (text, audience, schedule, pin, acknowledgement).
 * A withdrawn one is final. Receipts stay: people who acknowledged keep
 * their acknowledgement, as in a printed memo corrected by its author.
 */
export async function updateAnnouncement(
  db: Kysely<IntranetDeps>,
  context: AuditContext,
  id: string,
  input: AnnouncementInput,
  now: Date,
  expectedVersion?: number,
): Promise<void> {
  await assertAudienceKnown(db, context.companyId, input.audience)
  await inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('intranet_announcement')
      .selectAll()
      .where('company_id', '=', context.companyId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst()
    if (!before) throw announcementNotFound()
    if (expectedVersion !== undefined && before.version !== expectedVersion)
      throw conflict('request.stale', 'This announcement was changed by someone else; reload and try again.')
    if (before.withdrawn_at !== null)
      throw conflict('intranet.announcement_withdrawn', 'This announcement was withdrawn; publish a new one instead.')
    const beforeAudience = toTargets(
      await trx
        .selectFrom('intranet_announcement_audience')
        .select(['target_kind', 'target_id'])
        .where('company_id', '=', context.companyId)
        .where('announcement_id', '=', id)
        .orderBy('position')
        .execute(),
    )
    await trx
      .updateTable('intranet_announcement')
      .set((eb) => ({
        title: input.title,
        body: input.body,
        publish_at: input.publishAt,
        expires_at: input.expiresAt,
        pinned: input.pinned,
        pinned_until: input.pinnedUntil,
        requires_acknowledgement: input.requiresAcknowledgement,
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('company_id', '=', context.companyId)
      .where('id', '=', id)
      .execute()
    await trx
      .deleteFrom('intranet_announcement_audience')
      .where('company_id', '=', context.companyId)
      .where('announcement_id', '=', id)
      .execute()
    await trx
      .insertInto('intranet_announcement_audience')
      .values(toRows(input.audience).map((r) => ({ ...r, company_id: context.companyId, announcement_id: id })))
      .execute()
    await recordAudit(trx, context, {
      action: 'intranet.announcement.updated',
      entityType: 'announcement',
      entityId: id,
      changes: changesOf(before, beforeAudience, input),
    })
  })
}

function changesOf(
  before: {
    title: string
    body: string
    publish_at: Date
    expires_at: Date | null
    pinned: boolean
    pinned_until: Date | null
    requires_acknowledgement: boolean
  },
  beforeAudience: AudienceTarget[],
  input: AnnouncementInput,
): Changes {
  const pairs: [string, unknown, unknown][] = [
    ['title', before.title, input.title],
    ['body', before.body, input.body],
    ['publishAt', before.publish_at.toISOString(), input.publishAt.toISOString()],
    ['expiresAt', before.expires_at?.toISOString() ?? null, input.expiresAt?.toISOString() ?? null],
    ['pinned', before.pinned, input.pinned],
    ['pinnedUntil', before.pinned_until?.toISOString() ?? null, input.pinnedUntil?.toISOString() ?? null],
    ['requiresAcknowledgement', before.requires_acknowledgement, input.requiresAcknowledgement],
    ['audience', beforeAudience, input.audience],
  ]
  return Object.fromEntries(
    pairs
      .filter(([, a, b]) => JSON.stringify(a) !== JSON.stringify(b))
      .map(([field, a, b]) => [field, { before: a, after: b }]),
  )
}
