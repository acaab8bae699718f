import type { Feed, PolicyAwaiting } from '@keel/contracts/intranet'
import { encodeCursor } from '@keel/kernel'
import { sql, type Kysely, type SqlBool } from 'kysely'
import type { AudienceFacts } from '../org/index.ts'
import { announcementViews, readableBy, type UserNames } from './announcement-views.ts'
import { concernsCondition } from './audience.ts'
import type { IntranetDeps } from './intranet.tables.ts'
import type { AnnouncementCursor } from './list-announcements.ts'

export interface FeedViewer {
  readonly companyId: string
  readonly userId: string
  readonly facts: AudienceFacts | null
  /** Whether the viewer reads policies at all (intranet.policy.read); external staff, for one, do not. */
  readonly readsPolicies: boolean
}

/**
 * The home feed: what concerns the caller. Pinned announcements first (on
 * the first page), then the others newest first, a page at a time; policy
 * versions waiting for their acknowledgement; and the counts for a badge.
 */
export async function homeFeed(
  db: Kysely<IntranetDeps>,
  viewer: FeedViewer,
  page: { after: AnnouncementCursor | null; limit: number },
  userNames: UserNames,
  now: Date,
): Promise<Feed> {
  const readable = () => readableBy(db, viewer.companyId, viewer.facts, now)
  const pinnedNow = sql<SqlBool>`(a.pinned and (a.pinned_until is null or a.pinned_until > ${now}))`
  const pinned =
    page.after === null
      ? await readable()
          .select('a.id')
          .where(pinnedNow)
          .orderBy('a.publish_at', 'desc')
          .orderBy('a.id', 'desc')
          .limit(50)
          .execute()
      : []
  let rest = readable()
    .select(['a.id', 'a.publish_at'])
    .where(sql<SqlBool>`not ${pinnedNow}`)
  if (page.after) {
    const [publishAt, id] = page.after
    rest = rest.where((eb) =>
      eb.or([
        eb('a.publish_at', '<', new Date(publishAt)),
        eb.and([eb('a.publish_at', '=', new Date(publishAt)), eb('a.id', '<', id)]),
      ]),
    )
  }
  const restRows = await rest
    .orderBy('a.publish_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(page.limit + 1)
    .execute()
  const shown = restRows.slice(0, page.limit)
  const [pinnedViews, restViews, counts, policiesAwaiting] = await Promise.all([
    announcementViews(
      db,
      viewer.companyId,
      pinned.map((r) => r.id),
      viewer,
      userNames,
      now,
    ),
    announcementViews(
      db,
      viewer.companyId,
      shown.map((r) => r.id),
      viewer,
      userNames,
      now,
    ),
    readable()
      .leftJoin('intranet_announcement_receipt as r', (j) =>
        j
          .onRef('r.company_id', '=', 'a.company_id')
          .onRef('r.announcement_id', '=', 'a.id')
          .on('r.user_id', '=', viewer.userId),
      )
      .select((eb) => [
        eb.fn.countAll<string>().filterWhere('r.user_id', 'is', null).as('unread'),
        eb.fn
          .countAll<string>()
          .filterWhere((f) => f.and([f('a.requires_acknowledgement', '=', true), f('r.acknowledged_at', 'is', null)]))
          .as('to_acknowledge'),
      ])
      .executeTakeFirst(),
    viewer.readsPolicies ? policiesAwaitingAcknowledgement(db, viewer) : Promise.resolve([]),
  ])
  const last = shown.at(-1)
  return {
    pinned: pinnedViews,
    announcements: restViews,
    nextCursor: restRows.length > page.limit && last ? encodeCursor([last.publish_at.toISOString(), last.id]) : null,
    policiesAwaiting,
    unreadCount: Number(counts?.unread ?? 0),
    awaitingAcknowledgementCount: Number(counts?.to_acknowledge ?? 0) + policiesAwaiting.length,
  }
}

/** Current versions of unarchived policies addressed to the caller that they have not acknowledged. */
export async function policiesAwaitingAcknowledgement(
  db: Kysely<IntranetDeps>,
  viewer: FeedViewer,
): Promise<PolicyAwaiting[]> {
  const rows = await db
    .selectFrom('intranet_policy as p')
    .innerJoin('intranet_policy_version as v', (j) =>
      j.onRef('v.company_id', '=', 'p.company_id').onRef('v.id', '=', 'p.current_version_id'),
    )
    .select([
      'p.id',
      'p.title',
      'p.category',
      'v.id as version_id',
      'v.version_number',
      'v.summary_of_changes',
      'v.effective_date',
      'v.published_at',
    ])
    .where('p.company_id', '=', viewer.companyId)
    .where('p.archived_at', 'is', null)
    .where(concernsCondition('intranet_policy_audience', 'policy_id', 'p.company_id', 'p.id', viewer.facts))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('intranet_policy_acknowledgement as k')
            .select('k.user_id')
            .whereRef('k.company_id', '=', 'v.company_id')
            .whereRef('k.policy_version_id', '=', 'v.id')
            .where('k.user_id', '=', viewer.userId),
        ),
      ),
    )
    .orderBy('v.published_at', 'desc')
    .execute()
  return rows.map((r) => ({
    policyId: r.id,
    title: r.title,
    category: r.category,
    versionId: r.version_id,
    versionNumber: r.version_number,
    summaryOfChanges: r.summary_of_changes,
    effectiveDate: r.effective_date,
    publishedAt: r.published_at.toISOString(),
  }))
}
