import { notFound } from '@keel/kernel'
import { sql, type Kysely } from 'kysely'
import type { OrgDeps } from './org.tables.ts'

/** Keyset position in the review list: newest first. */
export interface ReviewCursor {
  readonly createdAt: string
  readonly id: string
}
export const isReviewCursor = (v: unknown): v is ReviewCursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { createdAt?: unknown }).createdAt === 'string' &&
  typeof (v as { id?: unknown }).id === 'string'

function reviewQuery(db: Kysely<OrgDeps>, companyId: string) {
  const count = (decision: 'any' | 'confirm' | 'revoke' | 'all') =>
    sql<string>`(select count(*) from org_access_review_item i
      where i.company_id = r.company_id and i.review_id = r.id
      ${decision === 'all' ? sql`` : decision === 'any' ? sql`and i.decision is not null` : sql`and i.decision = ${decision}`})`
  return db
    .selectFrom('org_access_review as r')
    .select([
      'r.id',
      'r.period_start',
      'r.period_end',
      'r.due_date',
      'r.created_at',
      'r.closed_at',
      count('all').as('items'),
      count('any').as('decided'),
      count('confirm').as('confirmed'),
      count('revoke').as('revoked'),
    ])
    .where('r.company_id', '=', companyId)
}
type ReviewRow = Awaited<ReturnType<ReturnType<typeof reviewQuery>['executeTakeFirstOrThrow']>>

const toReview = (r: ReviewRow, today: string) => ({
  id: r.id,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  dueDate: r.due_date,
  createdAt: r.created_at.toISOString(),
  closedAt: r.closed_at?.toISOString() ?? null,
  overdue: r.closed_at === null && r.due_date < today,
  items: Number(r.items),
  decided: Number(r.decided),
  confirmed: Number(r.confirmed),
  revoked: Number(r.revoked),
})

/** Reviews, newest first, with their progress; `overdue` marks open ones past their due date. */
export async function listAccessReviews(
  db: Kysely<OrgDeps>,
  companyId: string,
  page: { after: ReviewCursor | null; limit: number },
  today: string,
) {
  let query = reviewQuery(db, companyId)
  const { after } = page
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('r.created_at', '<', new Date(after.createdAt)),
        eb.and([eb('r.created_at', '=', new Date(after.createdAt)), eb('r.id', '<', after.id)]),
      ]),
    )
  const rows = await query
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(page.limit + 1)
    .execute()
  const shown = rows.slice(0, page.limit)
  const last = shown.at(-1)
  return {
    items: shown.map((r) => toReview(r, today)),
    next: rows.length > page.limit && last ? { createdAt: last.created_at.toISOString(), id: last.id } : null,
  }
}

function itemQuery(db: Kysely<OrgDeps>, companyId: string) {
  return db
    .selectFrom('org_access_review_item as i')
    .innerJoin('org_access_review as r', (join) =>
      join.onRef('r.company_id', '=', 'i.company_id').onRef('r.id', '=', 'i.review_id'),
    )
    .innerJoin('org_external_account as a', (join) =>
      join.onRef('a.company_id', '=', 'i.company_id').onRef('a.id', '=', 'i.account_id'),
    )
    .innerJoin('org_external_firm as f', (join) =>
      join.onRef('f.company_id', '=', 'a.company_id').onRef('f.id', '=', 'a.firm_id'),
    )
    .innerJoin('org_employee as s', (join) =>
      join.onRef('s.company_id', '=', 'i.company_id').onRef('s.id', '=', 'i.sponsor_employee_id'),
    )
    .innerJoin('identity_user as u', 'u.id', 'a.user_id')
    .leftJoin('identity_user as d', 'd.id', 'i.decided_by')
    .select([
      'i.id',
      'i.review_id',
      'r.due_date',
      'r.closed_at',
      'a.id as account_id',
      'u.email',
      'u.display_name',
      'a.status',
      'a.last_reviewed_at',
      'f.id as firm_id',
      'f.name as firm_name',
      'i.sponsor_employee_id',
      sql<string>`coalesce(s.preferred_name, s.legal_name)`.as('sponsor_name'),
      'i.decision',
      'i.decided_by',
      'd.display_name as decided_by_name',
      'i.decided_at',
      'i.comment',
    ])
    .where('i.company_id', '=', companyId)
}
type ItemRow = Awaited<ReturnType<ReturnType<typeof itemQuery>['executeTakeFirstOrThrow']>>

const toItem = (r: ItemRow) => ({
  id: r.id,
  reviewId: r.review_id,
  dueDate: r.due_date,
  account: {
    id: r.account_id,
    email: r.email,
    displayName: r.display_name,
    status: r.status,
    lastReviewedAt: r.last_reviewed_at?.toISOString() ?? null,
  },
  firm: { id: r.firm_id, name: r.firm_name },
  sponsor: { id: r.sponsor_employee_id, name: r.sponsor_name },
  decision: r.decision,
  decidedBy: r.decided_by ? { id: r.decided_by, name: r.decided_by_name ?? '' } : null,
  decidedAt: r.decided_at?.toISOString() ?? null,
  comment: r.comment,
})

export async function getAccessReview(db: Kysely<OrgDeps>, companyId: string, id: string, today: string) {
  const row = await reviewQuery(db, companyId).where('r.id', '=', id).executeTakeFirst()
  if (!row) throw notFound('org.access_review_not_found', 'No such access review.')
  const entries = await itemQuery(db, companyId)
    .where('i.review_id', '=', id)
    .orderBy('f.name')
    .orderBy('u.display_name')
    .execute()
  return { ...toReview(row, today), entries: entries.map(toItem) }
}

export async function getAccessReviewItem(db: Kysely<OrgDeps>, companyId: string, id: string) {
  const row = await itemQuery(db, companyId).where('i.id', '=', id).executeTakeFirst()
  if (!row) throw notFound('org.access_review_item_not_found', 'No such access review item.')
  return { ...toItem(row), reviewClosed: row.closed_at !== null }
}

/**
 * The items a user answers for as sponsor: those waiting for a decision (in
 * reviews still open) first, then the last 50 decided. Nobody sees another
 * sponsor's items here.
 */
export async function myAccessReviewItems(db: Kysely<OrgDeps>, companyId: string, userId: string) {
  const me = await db
    .selectFrom('org_employee')
    .select('id')
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  if (!me) return { open: 0, items: [] }
  const [open, decided] = await Promise.all([
    itemQuery(db, companyId)
      .where('i.sponsor_employee_id', '=', me.id)
      .where('i.decision', 'is', null)
      .where('r.closed_at', 'is', null)
      .orderBy('r.due_date')
      .orderBy('u.display_name')
      .execute(),
    itemQuery(db, companyId)
      .where('i.sponsor_employee_id', '=', me.id)
      .where('i.decision', 'is not', null)
      .orderBy('i.decided_at', 'desc')
      .limit(50)
      .execute(),
  ])
  return { open: open.length, items: [...open, ...decided].map(toItem) }
}
