import type { Compliance, ComplianceQuery } from '@keel/contracts/intranet'
import type { Reach, ReachSubject } from '@keel/kernel'
import { sql, type Kysely } from 'kysely'
import { announcementNotFound } from './announcement-views.ts'
import { toTargets } from './audience.ts'
import { complianceOf } from './compliance.ts'
import type { IntranetDeps } from './intranet.tables.ts'
import { policyNotFound } from './policy-views.ts'

type Scope = { companyId: string; reach: Reach; subject: ReachSubject }

/** Read receipts and acknowledgements of one announcement by its audience, within reach. */
export async function announcementCompliance(
  db: Kysely<IntranetDeps>,
  scope: Scope,
  id: string,
  query: ComplianceQuery,
): Promise<Compliance> {
  const found = await db
    .selectFrom('intranet_announcement')
    .select('id')
    .where('company_id', '=', scope.companyId)
    .where('id', '=', id)
    .executeTakeFirst()
  if (!found) throw announcementNotFound()
  const audience = await db
    .selectFrom('intranet_announcement_audience')
    .select(['target_kind', 'target_id'])
    .where('company_id', '=', scope.companyId)
    .where('announcement_id', '=', id)
    .orderBy('position')
    .execute()
  const receipts = db
    .selectFrom('intranet_announcement_receipt')
    .select(['user_id', 'first_read_at as read_at', 'acknowledged_at'])
    .where('company_id', '=', scope.companyId)
    .where('announcement_id', '=', id)
  return complianceOf(
    db,
    scope.companyId,
    toTargets(audience),
    receipts,
    { reach: scope.reach, subject: scope.subject, countsReads: true },
    query,
  )
}

/**
 * Who has acknowledged one version of a policy. The audience is the
 * policy's (today's); acknowledgements of other versions do not count.
 */
export async function policyVersionCompliance(
  db: Kysely<IntranetDeps>,
  scope: Scope,
  policyId: string,
  versionId: string,
  query: ComplianceQuery,
): Promise<Compliance> {
  const found = await db
    .selectFrom('intranet_policy_version')
    .select('id')
    .where('company_id', '=', scope.companyId)
    .where('policy_id', '=', policyId)
    .where('id', '=', versionId)
    .executeTakeFirst()
  if (!found) throw policyNotFound()
  const audience = await db
    .selectFrom('intranet_policy_audience')
    .select(['target_kind', 'target_id'])
    .where('company_id', '=', scope.companyId)
    .where('policy_id', '=', policyId)
    .orderBy('position')
    .execute()
  // Policies keep no read receipts: only acknowledgement counts there.
  const acknowledgements = db
    .selectFrom('intranet_policy_acknowledgement')
    .select(['user_id', sql<Date | null>`null::timestamptz`.as('read_at'), 'acknowledged_at'])
    .where('company_id', '=', scope.companyId)
    .where('policy_version_id', '=', versionId)
  return complianceOf(
    db,
    scope.companyId,
    toTargets(audience),
    acknowledgements,
    { reach: scope.reach, subject: scope.subject, countsReads: false },
    query,
  )
}
