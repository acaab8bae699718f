import { reachCondition, type Reach } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { EMPLOYEE_REACH_COLUMNS } from './employee-views.ts'
import type { OrgDeps } from './org.tables.ts'
import { orgReachSubject } from './reach-subject.ts'

/**
 * The user accounts within a reach of a viewer: null for the whole company;
 * otherwise the viewer and the people of their teams or departments who have
 * an account. Identity cannot see teams (the module graph runs the other
 * way), so the composition root hands it this for `identity.user.read`.
 */
export async function userIdsWithinReach(
  db: Kysely<OrgDeps>,
  companyId: string,
  viewerUserId: string,
  reach: Reach,
): Promise<readonly string[] | null> {
  if (reach === 'company') return null
  if (reach === 'own') return [viewerUserId]
  const subject = await orgReachSubject(db, companyId, viewerUserId)
  const rows = await db
    .selectFrom('org_employee as e')
    .select('e.user_id')
    .where('e.company_id', '=', companyId)
    .where('e.user_id', 'is not', null)
    .where(reachCondition(reach, subject, EMPLOYEE_REACH_COLUMNS))
    .execute()
  return [...new Set([viewerUserId, ...rows.flatMap((r) => (r.user_id ? [r.user_id] : []))])]
}
