import type { Compliance, ComplianceQuery } from '@keel/contracts/intranet'
import { decodeCursor, encodeCursor, pageSize, reachCondition, type Reach, type ReachSubject } from '@keel/kernel'
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely'
import { audienceMembersQuery, orgDb, type AudienceTarget } from '../org/index.ts'
import type { IntranetDeps } from './intranet.tables.ts'

type ComplianceCursor = [string, string]
const isComplianceCursor = (value: unknown): value is ComplianceCursor =>
  Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')

/** One item's receipts as a query: who read it (null where reads are not kept) and who acknowledged it. */
export type ReceiptsQuery = SelectQueryBuilder<
  IntranetDeps,
  never,
  { user_id: string; read_at: Date | null; acknowledged_at: Date | null }
>

/**
 * The compliance view of one item: today's audience, cut down to the
 * caller's intranet.compliance.read reach (a team lead sees their team, a
 * department head their departments, HR everyone), with counts over that
 * part and a page of people filtered by status, department, team or name.
 * Counted, filtered and paged by the database: the audience of a 50,000
 * person company never leaves it, only one page of it does.
 */
export async function complianceOf(
  db: Kysely<IntranetDeps>,
  companyId: string,
  audience: readonly AudienceTarget[],
  receipts: ReceiptsQuery,
  scope: { reach: Reach; subject: ReachSubject; countsReads: boolean },
  query: ComplianceQuery,
): Promise<Compliance> {
  const members = (await audienceMembersQuery(orgDb(db), companyId, audience)).as('m')
  const inReach = db
    .selectFrom(members)
    .leftJoin(receipts.as('r'), 'r.user_id', 'm.user_id')
    .where(
      reachCondition(scope.reach, scope.subject, {
        owner: 'm.user_id',
        team: 'm.team_id',
        department: 'm.department_id',
      }),
    )
  const counts = await inReach
    .select((eb) => [
      eb.fn.countAll<string>().as('audience_size'),
      eb.fn.count<string>('r.read_at').as('read_count'),
      eb.fn.count<string>('r.acknowledged_at').as('acknowledged_count'),
    ])
    .executeTakeFirstOrThrow()

  const status = query.status ?? 'pending'
  let page = inReach.select([
    'm.employee_id',
    'm.name',
    'm.department_id',
    'm.department_name',
    'm.team_id',
    'm.team_name',
    'r.read_at',
    'r.acknowledged_at',
  ])
  if (status === 'pending') page = page.where('r.acknowledged_at', 'is', null)
  if (status === 'acknowledged') page = page.where('r.acknowledged_at', 'is not', null)
  if (query.departmentId !== undefined) page = page.where('m.department_id', '=', query.departmentId)
  if (query.teamId !== undefined) page = page.where('m.team_id', '=', query.teamId)
  const needle = query.q?.trim() ?? ''
  if (needle !== '') page = page.where('m.name', 'ilike', `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
  // Ordered by (name, employee id); the cursor is the last one shown.
  const after = decodeCursor(query.cursor, isComplianceCursor)
  if (after) page = page.where(sql<boolean>`(m.name, m.employee_id) > (${after[0]}, ${after[1]})`)
  const limit = pageSize(query.limit)
  const rows = await page
    .orderBy('m.name')
    .orderBy('m.employee_id')
    .limit(limit + 1)
    .execute()
  const items = rows.slice(0, limit).map((r) => ({
    employeeId: r.employee_id,
    name: r.name,
    department: r.department_id && r.department_name ? { id: r.department_id, name: r.department_name } : null,
    team: r.team_id && r.team_name ? { id: r.team_id, name: r.team_name } : null,
    readAt: r.read_at?.toISOString() ?? null,
    acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
  }))
  const last = items.at(-1)
  const audienceSize = Number(counts.audience_size)
  const acknowledgedCount = Number(counts.acknowledged_count)
  return {
    audienceSize,
    readCount: scope.countsReads ? Number(counts.read_count) : null,
    acknowledgedCount,
    pendingCount: audienceSize - acknowledgedCount,
    reach: scope.reach,
    items,
    nextCursor: rows.length > limit && last ? encodeCursor([last.name, last.employeeId]) : null,
  }
}
