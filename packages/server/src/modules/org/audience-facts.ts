import { sql, type Kysely } from 'kysely'
import { departmentSubtree } from './departments.ts'
import type { OrgDeps } from './org.tables.ts'

/** One target of an audience: the whole company, a department (with every department below), a team or a location. */
export type AudienceTarget =
  { readonly kind: 'company' } | { readonly kind: 'department' | 'team' | 'location'; readonly id: string }

/**
 * Where a user currently sits, as audience matching needs it: their
 * department and every department above it (an audience naming a parent
 * department includes its subtree), their team and their location. Null for
 * a user without a current employee record: such a user (an operator, an
 * external admin) is addressed only by company-wide items.
 */
export interface AudienceFacts {
  readonly employeeId: string
  readonly departmentIds: readonly string[]
  readonly teamId: string | null
  readonly locationId: string | null
}

export async function audienceFactsOf(
  db: Kysely<OrgDeps>,
  companyId: string,
  userId: string,
): Promise<AudienceFacts | null> {
  const me = await db
    .selectFrom('org_employee')
    .select(['id', 'department_id', 'team_id', 'location_id'])
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .where('status', '<>', 'terminated')
    .executeTakeFirst()
  if (!me) return null
  let departmentIds: string[] = []
  if (me.department_id) {
    const { rows } = await sql<{ id: string }>`
      with recursive up(id, parent_id) as (
        select id, parent_id from org_department where company_id = ${companyId} and id = ${me.department_id}
        union
        select d.id, d.parent_id from org_department d join up on d.id = up.parent_id where d.company_id = ${companyId}
      )
      select id from up`.execute(db)
    departmentIds = rows.map((r) => r.id)
  }
  return { employeeId: me.id, departmentIds, teamId: me.team_id, locationId: me.location_id }
}

/** A person an audience reaches, with what a compliance list shows and a reminder needs. */
export interface AudienceMember {
  readonly employeeId: string
  readonly userId: string
  readonly name: string
  readonly workEmail: string | null
  readonly department: { readonly id: string; readonly name: string } | null
  readonly team: { readonly id: string; readonly name: string } | null
  readonly location: { readonly id: string; readonly name: string } | null
}

/**
 * Everyone an audience reaches today, as a query other modules join their
 * own rows to (receipts, acknowledgements) and count, filter and page in
 * the database: current (not terminated) employees who can sign in (a user
 * account is what reads and acknowledges), placed in a targeted department
 * or below it, a targeted team or location, or anyone for a company target.
 * Columns: employee_id, user_id, name, work_email, department_id,
 * department_name, team_id, team_name, location_id, location_name.
 */
export async function audienceMembersQuery(db: Kysely<OrgDeps>, companyId: string, targets: readonly AudienceTarget[]) {
  const everyone = targets.some((t) => t.kind === 'company')
  const idsOf = (kind: 'department' | 'team' | 'location') => targets.flatMap((t) => (t.kind === kind ? [t.id] : []))
  const departmentIds = await departmentSubtree(db, companyId, idsOf('department'))
  const teamIds = idsOf('team')
  const locationIds = idsOf('location')
  let query = db
    .selectFrom('org_employee as e')
    .leftJoin('org_department as d', (j) =>
      j.onRef('d.company_id', '=', 'e.company_id').onRef('d.id', '=', 'e.department_id'),
    )
    .leftJoin('org_team as t', (j) => j.onRef('t.company_id', '=', 'e.company_id').onRef('t.id', '=', 'e.team_id'))
    .leftJoin('org_location as l', (j) =>
      j.onRef('l.company_id', '=', 'e.company_id').onRef('l.id', '=', 'e.location_id'),
    )
    .select([
      'e.id as employee_id',
      sql<string>`e.user_id`.as('user_id'),
      sql<string>`coalesce(e.preferred_name, e.legal_name)`.as('name'),
      'e.work_email',
      'd.id as department_id',
      'd.name as department_name',
      't.id as team_id',
      't.name as team_name',
      'l.id as location_id',
      'l.name as location_name',
    ])
    .where('e.company_id', '=', companyId)
    .where('e.status', '<>', 'terminated')
    .where('e.user_id', 'is not', null)
  if (targets.length === 0) query = query.where(sql<boolean>`false`)
  else if (!everyone)
    query = query.where((eb) =>
      eb.or([
        departmentIds.length > 0 ? eb('e.department_id', 'in', departmentIds) : eb.val(false),
        teamIds.length > 0 ? eb('e.team_id', 'in', teamIds) : eb.val(false),
        locationIds.length > 0 ? eb('e.location_id', 'in', locationIds) : eb.val(false),
      ]),
    )
  return query
}

/** Everyone an audience reaches today (see `audienceMembersQuery`), ordered by name. */
export async function audienceMembers(
  db: Kysely<OrgDeps>,
  companyId: string,
  targets: readonly AudienceTarget[],
): Promise<AudienceMember[]> {
  if (targets.length === 0) return []
  const rows = await (await audienceMembersQuery(db, companyId, targets)).execute()
  return rows
    .map((r) => ({
      employeeId: r.employee_id,
      userId: r.user_id,
      name: r.name,
      workEmail: r.work_email,
      department: r.department_id && r.department_name ? { id: r.department_id, name: r.department_name } : null,
      team: r.team_id && r.team_name ? { id: r.team_id, name: r.team_name } : null,
      location: r.location_id && r.location_name ? { id: r.location_id, name: r.location_name } : null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.employeeId.localeCompare(b.employeeId))
}

/**
 * The positions in `targets` naming no live (unarchived) department, team or
 * location of this company: another company's id is as unknown as a made-up one.
 */
export async function unknownAudienceTargets(
  db: Kysely<OrgDeps>,
  companyId: string,
  targets: readonly AudienceTarget[],
): Promise<number[]> {
  const known = async (table: 'org_department' | 'org_team' | 'org_location', ids: string[]) => {
    if (ids.length === 0) return new Set<string>()
    const rows = await db
      .selectFrom(table)
      .select('id')
      .where('company_id', '=', companyId)
      .where('id', 'in', ids)
      .where('archived_at', 'is', null)
      .execute()
    return new Set(rows.map((r) => r.id))
  }
  const idsOf = (kind: string) => targets.flatMap((t) => (t.kind === kind && 'id' in t ? [t.id] : []))
  const [departments, teams, locations] = await Promise.all([
    known('org_department', idsOf('department')),
    known('org_team', idsOf('team')),
    known('org_location', idsOf('location')),
  ])
  const sets = { department: departments, team: teams, location: locations }
  return targets.flatMap((t, index) => (t.kind === 'company' || sets[t.kind].has(t.id) ? [] : [index]))
}

/** Display names of audience targets, for showing an audience back ("Operations", "Berlin"). */
export async function audienceTargetNames(
  db: Kysely<OrgDeps>,
  companyId: string,
  ids: readonly string[],
): Promise<ReadonlyMap<string, string>> {
  if (ids.length === 0) return new Map()
  const unique = [...new Set(ids)]
  const [departments, teams, locations] = await Promise.all(
    (['org_department', 'org_team', 'org_location'] as const).map((table) =>
      db
        .selectFrom(table)
        .select(['id', 'name'])
        .where('company_id', '=', companyId)
        .where('id', 'in', unique)
        .execute(),
    ),
  )
  return new Map([...(departments ?? []), ...(teams ?? []), ...(locations ?? [])].map((r) => [r.id, r.name]))
}
