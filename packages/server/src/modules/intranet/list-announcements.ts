import type { AnnouncementPage, AnnouncementStatus } from '@keel/contracts/intranet'
import { encodeCursor } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { audienceMembersQuery, orgDb, type AudienceFacts } from '../org/index.ts'
import { announcementViews, type UserNames } from './announcement-views.ts'
import { toTargets } from './audience.ts'
import type { IntranetDeps } from './intranet.tables.ts'

export type AnnouncementCursor = [string, string]
export const isAnnouncementCursor = (value: unknown): value is AnnouncementCursor =>
  Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')

/**
 * The managers' list: every announcement of the company, newest publication
 * first (scheduled ones on top), optionally of one status, with how many of
 * its audience have read and acknowledged it.
 */
export async function listAnnouncements(
  db: Kysely<IntranetDeps>,
  viewer: { companyId: string; userId: string; facts: AudienceFacts | null },
  options: { status?: AnnouncementStatus | undefined; after: AnnouncementCursor | null; limit: number },
  userNames: UserNames,
  now: Date,
): Promise<AnnouncementPage> {
  let query = db
    .selectFrom('intranet_announcement as a')
    .select(['a.id', 'a.publish_at'])
    .where('a.company_id', '=', viewer.companyId)
  switch (options.status) {
    case undefined:
      break
    case 'withdrawn':
      query = query.where('a.withdrawn_at', 'is not', null)
      break
    case 'scheduled':
      query = query.where('a.withdrawn_at', 'is', null).where('a.publish_at', '>', now)
      break
    case 'expired':
      query = query.where('a.withdrawn_at', 'is', null).where('a.expires_at', '<=', now)
      break
    case 'published':
      query = query
        .where('a.withdrawn_at', 'is', null)
        .where('a.publish_at', '<=', now)
        .where((eb) => eb.or([eb('a.expires_at', 'is', null), eb('a.expires_at', '>', now)]))
      break
  }
  if (options.after) {
    const [publishAt, id] = options.after
    query = query.where((eb) =>
      eb.or([
        eb('a.publish_at', '<', new Date(publishAt)),
        eb.and([eb('a.publish_at', '=', new Date(publishAt)), eb('a.id', '<', id)]),
      ]),
    )
  }
  const rows = await query
    .orderBy('a.publish_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(options.limit + 1)
    .execute()
  const page = rows.slice(0, options.limit)
  const ids = page.map((r) => r.id)
  const views = await announcementViews(db, viewer.companyId, ids, viewer, userNames, now)
  const counts = await reachCounts(db, viewer.companyId, ids)
  const last = page.at(-1)
  return {
    items: views.map((v) => ({
      ...v,
      ...(counts.get(v.id) ?? { audienceSize: 0, readCount: 0, acknowledgedCount: 0 }),
    })),
    nextCursor: rows.length > options.limit && last ? encodeCursor([last.publish_at.toISOString(), last.id]) : null,
  }
}

/**
 * Audience size and how many of today's audience read and acknowledged, per
 * announcement on the page: counted by the database, one small query each,
 * so a company-wide audience of 50,000 is never read into memory.
 */
async function reachCounts(db: Kysely<IntranetDeps>, companyId: string, ids: readonly string[]) {
  const counts = new Map<string, { audienceSize: number; readCount: number; acknowledgedCount: number }>()
  if (ids.length === 0) return counts
  const audienceRows = await db
    .selectFrom('intranet_announcement_audience')
    .select(['announcement_id', 'target_kind', 'target_id'])
    .where('company_id', '=', companyId)
    .where('announcement_id', 'in', ids)
    .orderBy('position')
    .execute()
  for (const id of ids) {
    const members = await audienceMembersQuery(
      orgDb(db),
      companyId,
      toTargets(audienceRows.filter((r) => r.announcement_id === id)),
    )
    const receipts = db
      .selectFrom('intranet_announcement_receipt')
      .select(['user_id', 'acknowledged_at'])
      .where('company_id', '=', companyId)
      .where('announcement_id', '=', id)
    const row = await db
      .selectFrom(members.as('m'))
      .leftJoin(receipts.as('r'), 'r.user_id', 'm.user_id')
      .select((eb) => [
        eb.fn.countAll<string>().as('audience_size'),
        eb.fn.count<string>('r.user_id').as('read_count'),
        eb.fn.count<string>('r.acknowledged_at').as('acknowledged_count'),
      ])
      .executeTakeFirstOrThrow()
    counts.set(id, {
      audienceSize: Number(row.audience_size),
      readCount: Number(row.read_count),
      acknowledgedCount: Number(row.acknowledged_count),
    })
  }
  return counts
}
