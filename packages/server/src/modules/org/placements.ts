import { invalidField, newId, notFound } from '@keel/kernel'
import { sql, type Kysely } from 'kysely'
import type { EmploymentType, OrgDeps } from './org.tables.ts'

/** Where a person sits: the fields every placement row carries. */
export interface Placement {
  readonly employmentType: EmploymentType
  readonly departmentId: string | null
  readonly teamId: string | null
  readonly positionId: string | null
  readonly managerId: string | null
  readonly locationId: string | null
}

/**
 * The rules a new placement must meet, each failure naming its field: the
 * things it points at exist in this company and are not archived, the team is
 * in the department, and the manager is not the person or anyone below them
 * (a reporting line may not loop).
 */
export async function checkPlacement(
  db: Kysely<OrgDeps>,
  companyId: string,
  employeeId: string | null,
  placement: Placement,
  basePath: string,
): Promise<void> {
  const live = async (
    table: 'org_department' | 'org_team' | 'org_position' | 'org_location',
    id: string | null,
    field: string,
  ) => {
    if (id === null) return null
    const row = await db
      .selectFrom(table)
      .select(['id', 'archived_at'])
      .where('company_id', '=', companyId)
      .where('id', '=', id)
      .executeTakeFirst()
    if (!row)
      throw invalidField(
        'org.unknown_reference',
        `${basePath}/${field}`,
        `No such ${field.replace(/Id$/, '')} in this company.`,
      )
    if (row.archived_at !== null)
      throw invalidField(
        'org.archived_reference',
        `${basePath}/${field}`,
        `That ${field.replace(/Id$/, '')} is archived.`,
      )
    return row
  }
  await live('org_department', placement.departmentId, 'departmentId')
  await live('org_position', placement.positionId, 'positionId')
  await live('org_location', placement.locationId, 'locationId')
  if (placement.teamId !== null) {
    await live('org_team', placement.teamId, 'teamId')
    const team = await db
      .selectFrom('org_team')
      .select('department_id')
      .where('company_id', '=', companyId)
      .where('id', '=', placement.teamId)
      .executeTakeFirstOrThrow()
    if (team.department_id !== placement.departmentId)
      throw invalidField('org.team_outside_department', `${basePath}/teamId`, 'The team belongs to another department.')
  }
  if (placement.managerId !== null) {
    const manager = await db
      .selectFrom('org_employee')
      .select(['id', 'status'])
      .where('company_id', '=', companyId)
      .where('id', '=', placement.managerId)
      .executeTakeFirst()
    if (!manager)
      throw invalidField('org.unknown_reference', `${basePath}/managerId`, 'No such manager in this company.')
    if (manager.status === 'terminated')
      throw invalidField('org.manager_terminated', `${basePath}/managerId`, 'That person has left the company.')
    if (employeeId !== null) {
      // Walk up from the new manager: meeting the person means the line would loop.
      const { rows } = await sql<{ id: string }>`
        with recursive chain(id, manager_id, depth) as (
          select id, manager_id, 0 from org_employee where company_id = ${companyId} and id = ${placement.managerId}
          union all
          select e.id, e.manager_id, c.depth + 1 from org_employee e join chain c on e.id = c.manager_id
          where e.company_id = ${companyId} and c.depth < 100
        )
        select id from chain where id = ${employeeId} limit 1`.execute(db)
      if (rows.length > 0)
        throw invalidField(
          'org.reporting_cycle',
          `${basePath}/managerId`,
          'A person cannot report to themselves or to someone who reports to them.',
        )
    }
  }
}

export async function insertPlacement(
  db: Kysely<OrgDeps>,
  row: {
    companyId: string
    employeeId: string
    effectiveDate: string
    placement: Placement
    reason: string | null
    recordedAt: Date
    recordedBy: string | null
  },
): Promise<string> {
  const id = newId()
  await db
    .insertInto('org_placement')
    .values({
      company_id: row.companyId,
      id,
      employee_id: row.employeeId,
      effective_date: row.effectiveDate,
      employment_type: row.placement.employmentType,
      department_id: row.placement.departmentId,
      team_id: row.placement.teamId,
      position_id: row.placement.positionId,
      manager_id: row.placement.managerId,
      location_id: row.placement.locationId,
      reason: row.reason,
      recorded_at: row.recordedAt,
      recorded_by: row.recordedBy,
    })
    .execute()
  return id
}

/**
 * Brings the "today" copy on org_employee up to date for the given people (or
 * everyone in the company): the latest placement effective on or before
 * `today` that is newer than the copy. Idempotent; the daily job and every
 * placement recorded for today or earlier call it.
 */
export async function applyDuePlacements(
  db: Kysely<OrgDeps>,
  companyId: string,
  today: string,
  now: Date,
  employeeIds?: readonly string[],
): Promise<number> {
  const only = employeeIds ? sql`and p.employee_id in (${sql.join(employeeIds)})` : sql``
  const result = await sql`
    update org_employee e set
      employment_type = p.employment_type,
      department_id = p.department_id,
      team_id = p.team_id,
      position_id = p.position_id,
      manager_id = p.manager_id,
      location_id = p.location_id,
      placement_effective_date = p.effective_date,
      version = e.version + 1,
      updated_at = ${now}
    from (
      select distinct on (p.employee_id) p.*
      from org_placement p
      where p.company_id = ${companyId} and p.effective_date <= ${today} ${only}
      order by p.employee_id, p.effective_date desc, p.recorded_at desc, p.id desc
    ) p
    where e.company_id = p.company_id and e.id = p.employee_id
      and (p.effective_date > e.placement_effective_date
        or (p.effective_date = e.placement_effective_date and (
          e.employment_type, e.department_id, e.team_id, e.position_id, e.manager_id, e.location_id
        ) is distinct from (p.employment_type, p.department_id, p.team_id, p.position_id, p.manager_id, p.location_id)))`.execute(
    db,
  )
  return Number(result.numAffectedRows ?? 0n)
}

/** Where each person sat on `date` (their latest placement effective on or before it). */
export async function placementsAsOf(db: Kysely<OrgDeps>, companyId: string, date: string) {
  const { rows } = await sql<{
    employee_id: string
    department_id: string | null
    team_id: string | null
    position_id: string | null
    manager_id: string | null
    location_id: string | null
  }>`
    select distinct on (p.employee_id) p.employee_id, p.department_id, p.team_id, p.position_id, p.manager_id, p.location_id
    from org_placement p
    join org_employee e on e.company_id = p.company_id and e.id = p.employee_id
    where p.company_id = ${companyId} and p.effective_date <= ${date}
      and e.hire_date <= ${date} and (e.termination_date is null or e.termination_date >= ${date})
    order by p.employee_id, p.effective_date desc, p.recorded_at desc, p.id desc`.execute(db)
  return rows
}

export async function currentPlacementOf(db: Kysely<OrgDeps>, companyId: string, employeeId: string) {
  const row = await db
    .selectFrom('org_employee')
    .select([
      'employment_type',
      'department_id',
      'team_id',
      'position_id',
      'manager_id',
      'location_id',
      'hire_date',
      'status',
      'placement_effective_date',
    ])
    .where('company_id', '=', companyId)
    .where('id', '=', employeeId)
    .executeTakeFirst()
  if (!row) throw notFound('org.employee_not_found', 'No such employee.')
  return row
}
