import type { ReachSubject } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { departmentSubtree } from './departments.ts'
import type { OrgDeps } from './org.tables.ts'

/**
 * Who a user is in the organisation, as the reach rule needs it: the teams they
 * lead or belong to, and the departments they head (with every department
 * below) or belong to. A user without an employee record reaches only their own
 * records. Other modules scope their lists with this and `reachCondition`.
 */
export async function orgReachSubject(db: Kysely<OrgDeps>, companyId: string, userId: string): Promise<ReachSubject> {
  const me = await db
    .selectFrom('org_employee')
    .select(['id', 'team_id', 'department_id'])
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .where('status', '<>', 'terminated')
    .executeTakeFirst()
  if (!me) return { userId, teamIds: [], departmentIds: [] }
  const [led, headed] = await Promise.all([
    db
      .selectFrom('org_team')
      .select('id')
      .where('company_id', '=', companyId)
      .where('lead_employee_id', '=', me.id)
      .execute(),
    db
      .selectFrom('org_department')
      .select('id')
      .where('company_id', '=', companyId)
      .where('head_employee_id', '=', me.id)
      .execute(),
  ])
  const teamIds = new Set(led.map((t) => t.id))
  if (me.team_id) teamIds.add(me.team_id)
  const departmentIds = new Set(
    await departmentSubtree(
      db,
      companyId,
      headed.map((d) => d.id),
    ),
  )
  if (me.department_id) departmentIds.add(me.department_id)
  return { userId, teamIds: [...teamIds], departmentIds: [...departmentIds] }
}
