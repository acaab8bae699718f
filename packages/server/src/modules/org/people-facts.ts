import type { Kysely } from 'kysely'
import type { OrgDeps } from './org.tables.ts'

/** What later modules (work: requesters, assignees, queue members) need to know of a person. */
export interface PersonFacts {
  readonly employeeId: string
  readonly userId: string | null
  readonly name: string
  readonly departmentId: string | null
  readonly teamId: string | null
  readonly active: boolean
}

/**
 * The people of a company with the given employee ids or user ids (not
 * terminated ones looked up by user: a user's current record). One indexed
 * query; ids of other companies find nothing.
 */
export async function peopleFacts(
  db: Kysely<OrgDeps>,
  companyId: string,
  ids: { employeeIds?: readonly string[]; userIds?: readonly string[] },
): Promise<PersonFacts[]> {
  const employeeIds = ids.employeeIds ?? []
  const userIds = ids.userIds ?? []
  if (employeeIds.length === 0 && userIds.length === 0) return []
  const rows = await db
    .selectFrom('org_employee')
    .select(['id', 'user_id', 'legal_name', 'preferred_name', 'department_id', 'team_id', 'status'])
    .where('company_id', '=', companyId)
    .where((eb) =>
      eb.or([
        ...(employeeIds.length > 0 ? [eb('id', 'in', employeeIds)] : []),
        ...(userIds.length > 0 ? [eb.and([eb('user_id', 'in', userIds), eb('status', '<>', 'terminated')])] : []),
      ]),
    )
    .execute()
  return rows.map((r) => ({
    employeeId: r.id,
    userId: r.user_id,
    name: r.preferred_name ?? r.legal_name,
    departmentId: r.department_id,
    teamId: r.team_id,
    active: r.status !== 'terminated',
  }))
}

/** Names of departments and teams by id (for labels in other modules' lists). */
export async function unitNames(
  db: Kysely<OrgDeps>,
  companyId: string,
  ids: { departmentIds: readonly string[]; teamIds: readonly string[] },
): Promise<{ departments: ReadonlyMap<string, string>; teams: ReadonlyMap<string, string> }> {
  const [departments, teams] = await Promise.all([
    ids.departmentIds.length === 0
      ? []
      : db
          .selectFrom('org_department')
          .select(['id', 'name'])
          .where('company_id', '=', companyId)
          .where('id', 'in', ids.departmentIds)
          .execute(),
    ids.teamIds.length === 0
      ? []
      : db
          .selectFrom('org_team')
          .select(['id', 'name'])
          .where('company_id', '=', companyId)
          .where('id', 'in', ids.teamIds)
          .execute(),
  ])
  return {
    departments: new Map(departments.map((d) => [d.id, d.name])),
    teams: new Map(teams.map((t) => [t.id, t.name])),
  }
}

/** Names of skills by id (an assignment explains which skill it looked for). */
export async function skillNames(db: Kysely<OrgDeps>, companyId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>()
  const rows = await db
    .selectFrom('org_skill')
    .select(['id', 'name'])
    .where('company_id', '=', companyId)
    .where('id', 'in', ids)
    .execute()
  return new Map(rows.map((r) => [r.id, r.name]))
}
