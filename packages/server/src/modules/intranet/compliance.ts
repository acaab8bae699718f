import type { Compliance, ComplianceQuery } from '@keel/contracts/intranet'
import { decodeCursor, encodeCursor, isWithinReach, pageSize, type Reach, type ReachSubject } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { audienceMembers, orgDb, type AudienceTarget } from '../org/index.ts'
import type { IntranetDeps } from './intranet.tables.ts'

type ComplianceCursor = [string, string]
const isComplianceCursor = (value: unknown): value is ComplianceCursor =>
  Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')

/** Who acknowledged (and, for announcements, read) an item, keyed by user. */
export type Receipts = ReadonlyMap<string, { readAt: Date | null; acknowledgedAt: Date | null }>

/**
 * The compliance view of one item: today's audience, cut down to the
 * caller's intranet.compliance.read reach (a team lead sees their team, a
 * department head their departments, HR everyone), with counts over that
 * part and a page of people filtered by status, department, team or name.
 */
export async function complianceOf(
  db: Kysely<IntranetDeps>,
  companyId: string,
  audience: readonly AudienceTarget[],
  receipts: Receipts,
  scope: { reach: Reach; subject: ReachSubject; countsReads: boolean },
  query: ComplianceQuery,
): Promise<Compliance> {
  const everyone = await audienceMembers(orgDb(db), companyId, audience)
  const inReach = everyone.filter((m) =>
    isWithinReach(scope.reach, scope.subject, {
      ownerUserId: m.userId,
      teamId: m.team?.id ?? null,
      departmentId: m.department?.id ?? null,
    }),
  )
  const rows = inReach.map((m) => {
    const receipt = receipts.get(m.userId)
    return {
      employeeId: m.employeeId,
      name: m.name,
      department: m.department,
      team: m.team,
      readAt: receipt?.readAt?.toISOString() ?? null,
      acknowledgedAt: receipt?.acknowledgedAt?.toISOString() ?? null,
    }
  })
  const acknowledgedCount = rows.filter((r) => r.acknowledgedAt !== null).length
  const status = query.status ?? 'pending'
  const needle = query.q?.trim().toLowerCase() ?? ''
  const filtered = rows.filter(
    (r) =>
      (status === 'all' || (status === 'pending') === (r.acknowledgedAt === null)) &&
      (query.departmentId === undefined || r.department?.id === query.departmentId) &&
      (query.teamId === undefined || r.team?.id === query.teamId) &&
      (needle === '' || r.name.toLowerCase().includes(needle)),
  )
  // Rows arrive ordered by (name, employee id); the cursor is the last one shown.
  const after = decodeCursor(query.cursor, isComplianceCursor)
  const start = after
    ? filtered.findIndex((r) => r.name.localeCompare(after[0]) > 0 || (r.name === after[0] && r.employeeId > after[1]))
    : 0
  const limit = pageSize(query.limit)
  const rest = start < 0 ? [] : filtered.slice(start)
  const items = rest.slice(0, limit)
  const last = items.at(-1)
  return {
    audienceSize: rows.length,
    readCount: scope.countsReads ? rows.filter((r) => r.readAt !== null).length : null,
    acknowledgedCount,
    pendingCount: rows.length - acknowledgedCount,
    reach: scope.reach,
    items,
    nextCursor: rest.length > limit && last ? encodeCursor([last.name, last.employeeId]) : null,
  }
}
