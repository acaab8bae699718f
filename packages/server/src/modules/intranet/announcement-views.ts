import type { Announcement, AnnouncementStatus } from '@keel/contracts/intranet'
import { notFound } from '@keel/kernel'
import type { Kysely, Selectable } from 'kysely'
import type { AudienceFacts } from '../org/index.ts'
import { audienceConcerns, concernsCondition, describeAudience, toTargets } from './audience.ts'
import type { IntranetDeps, IntranetTables } from './intranet.tables.ts'

/** Display names of users (identity owns them), passed in by the HTTP layer. */
export type UserNames = (ids: readonly string[]) => Promise<ReadonlyMap<string, string>>

type AnnouncementRow = Selectable<IntranetTables['intranet_announcement']>

export const announcementNotFound = () => notFound('intranet.announcement_not_found', 'No such announcement.')

export function statusOf(
  row: { withdrawn_at: Date | null; publish_at: Date; expires_at: Date | null },
  now: Date,
): AnnouncementStatus {
  if (row.withdrawn_at !== null) return 'withdrawn'
  if (row.publish_at > now) return 'scheduled'
  if (row.expires_at !== null && row.expires_at <= now) return 'expired'
  return 'published'
}

/** Pinned counts only until `pinned_until`. */
export const pinnedNow = (row: { pinned: boolean; pinned_until: Date | null }, now: Date) =>
  row.pinned && (row.pinned_until === null || row.pinned_until > now)

/**
 * What readers may see: published (not scheduled, not expired, not
 * withdrawn) and addressed to them. Add to a query over `intranet_announcement as a`.
 */
export function readableBy(db: Kysely<IntranetDeps>, companyId: string, facts: AudienceFacts | null, now: Date) {
  return db
    .selectFrom('intranet_announcement as a')
    .where('a.company_id', '=', companyId)
    .where('a.withdrawn_at', 'is', null)
    .where('a.publish_at', '<=', now)
    .where((eb) => eb.or([eb('a.expires_at', 'is', null), eb('a.expires_at', '>', now)]))
    .where(concernsCondition('intranet_announcement_audience', 'announcement_id', 'a.company_id', 'a.id', facts))
}

/**
 * Announcements by id as the API shows them, in the order given, with the
 * viewer's own read and acknowledgement times. Four queries for any number.
 */
export async function announcementViews(
  db: Kysely<IntranetDeps>,
  companyId: string,
  ids: readonly string[],
  viewer: { readonly userId: string; readonly facts: AudienceFacts | null },
  userNames: UserNames,
  now: Date,
): Promise<Announcement[]> {
  if (ids.length === 0) return []
  const [rows, audiences, receipts] = await Promise.all([
    db
      .selectFrom('intranet_announcement')
      .selectAll()
      .where('company_id', '=', companyId)
      .where('id', 'in', ids)
      .execute(),
    db
      .selectFrom('intranet_announcement_audience')
      .select(['announcement_id', 'target_kind', 'target_id'])
      .where('company_id', '=', companyId)
      .where('announcement_id', 'in', ids)
      .orderBy('announcement_id')
      .orderBy('position')
      .execute(),
    db
      .selectFrom('intranet_announcement_receipt')
      .select(['announcement_id', 'first_read_at', 'acknowledged_at'])
      .where('company_id', '=', companyId)
      .where('announcement_id', 'in', ids)
      .where('user_id', '=', viewer.userId)
      .execute(),
  ])
  const named = new Map(
    (await describeAudience(db, companyId, audiences)).map((target, index) => [index, target] as const),
  )
  const audienceOf = new Map<
    string,
    { kind: Announcement['audience'][number]['kind']; id: string | null; name: string }[]
  >()
  audiences.forEach((row, index) => {
    const list = audienceOf.get(row.announcement_id) ?? []
    const target = named.get(index)
    if (target) list.push(target)
    audienceOf.set(row.announcement_id, list)
  })
  const receiptOf = new Map(receipts.map((r) => [r.announcement_id, r]))
  const authors = await userNames([...new Set(rows.map((r) => r.author_user_id))])
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.flatMap((id) => {
    const row = byId.get(id)
    if (!row) return []
    const addressedToMe = audienceConcerns(toTargets(audiences.filter((a) => a.announcement_id === id)), viewer.facts)
    return [toAnnouncement(row, audienceOf.get(id) ?? [], receiptOf.get(id), authors, now, addressedToMe)]
  })
}

function toAnnouncement(
  row: AnnouncementRow,
  audience: Announcement['audience'],
  receipt: { first_read_at: Date; acknowledged_at: Date | null } | undefined,
  authors: ReadonlyMap<string, string>,
  now: Date,
  addressedToMe: boolean,
): Announcement {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    audience,
    publishAt: row.publish_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    pinned: pinnedNow(row, now),
    pinnedUntil: row.pinned_until?.toISOString() ?? null,
    requiresAcknowledgement: row.requires_acknowledgement,
    status: statusOf(row, now),
    author: { id: row.author_user_id, name: authors.get(row.author_user_id) ?? 'Former user' },
    withdrawnAt: row.withdrawn_at?.toISOString() ?? null,
    readAt: receipt?.first_read_at.toISOString() ?? null,
    acknowledgedAt: receipt?.acknowledged_at?.toISOString() ?? null,
    addressedToMe,
    version: row.version,
  }
}

/**
 * One announcement for the caller: managers (intranet.announcement.manage)
 * see any of the company's; readers only one that is published and addressed
 * to them. Anything else is a 404, so its existence does not leak.
 */
export async function getAnnouncement(
  db: Kysely<IntranetDeps>,
  viewer: { companyId: string; userId: string; manages: boolean; facts: AudienceFacts | null },
  id: string,
  userNames: UserNames,
  now: Date,
): Promise<Announcement> {
  const visible = viewer.manages
    ? db.selectFrom('intranet_announcement as a').where('a.company_id', '=', viewer.companyId)
    : readableBy(db, viewer.companyId, viewer.facts, now)
  const found = await visible.select('a.id').where('a.id', '=', id).executeTakeFirst()
  if (!found) throw announcementNotFound()
  const [view] = await announcementViews(db, viewer.companyId, [id], viewer, userNames, now)
  if (!view) throw announcementNotFound()
  return view
}

/** A reader may see it: the check `read` and `acknowledge` make before writing. */
export async function assertReadable(
  db: Kysely<IntranetDeps>,
  companyId: string,
  facts: AudienceFacts | null,
  id: string,
  now: Date,
) {
  const row = await readableBy(db, companyId, facts, now)
    .select(['a.id', 'a.requires_acknowledgement'])
    .where('a.id', '=', id)
    .executeTakeFirst()
  if (!row) throw announcementNotFound()
  return row
}
