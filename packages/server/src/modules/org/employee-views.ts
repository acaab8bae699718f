import { isWithinReach, type ReachSubject } from '@keel/kernel'
import { sql, type Kysely } from 'kysely'
import type { EmployeeStatus, EmploymentType, OrgDeps } from './org.tables.ts'

type Ref = { id: string; name: string } | null

export interface DirectoryEntryView {
  readonly id: string
  readonly name: string
  readonly legalName: string
  readonly workEmail: string | null
  readonly workPhone: string | null
  readonly status: EmployeeStatus
  readonly department: Ref
  readonly team: Ref
  readonly position: Ref
  readonly location: Ref
  readonly manager: Ref
  readonly hasPhoto: boolean
}

export interface EmploymentView {
  readonly employeeNumber: string
  readonly hireDate: string
  readonly probationEndDate: string | null
  readonly employmentType: EmploymentType
  readonly terminationDate: string | null
  readonly terminationReason: string | null
  readonly workSchedule: string | null
  readonly placementEffectiveDate: string
  readonly userId: string | null
}

/** Employees with the names of where they sit; `e` is org_employee. */
export function employeeQuery(db: Kysely<OrgDeps>, companyId: string) {
  return db
    .selectFrom('org_employee as e')
    .leftJoin('org_department as d', (j) =>
      j.onRef('d.company_id', '=', 'e.company_id').onRef('d.id', '=', 'e.department_id'),
    )
    .leftJoin('org_team as t', (j) => j.onRef('t.company_id', '=', 'e.company_id').onRef('t.id', '=', 'e.team_id'))
    .leftJoin('org_position as p', (j) =>
      j.onRef('p.company_id', '=', 'e.company_id').onRef('p.id', '=', 'e.position_id'),
    )
    .leftJoin('org_location as l', (j) =>
      j.onRef('l.company_id', '=', 'e.company_id').onRef('l.id', '=', 'e.location_id'),
    )
    .leftJoin('org_employee as m', (j) =>
      j.onRef('m.company_id', '=', 'e.company_id').onRef('m.id', '=', 'e.manager_id'),
    )
    .select([
      'e.id',
      'e.user_id',
      'e.legal_name',
      'e.preferred_name',
      'e.work_email',
      'e.work_phone',
      'e.status',
      'e.employee_number',
      'e.hire_date',
      'e.probation_end_date',
      'e.employment_type',
      'e.termination_date',
      'e.termination_reason',
      'e.work_schedule',
      'e.placement_effective_date',
      'e.version',
      'e.department_id',
      'e.team_id',
      'e.position_id',
      'e.location_id',
      'e.manager_id',
      'd.name as department_name',
      't.name as team_name',
      'p.title as position_title',
      'l.name as location_name',
      sql<string | null>`coalesce(m.preferred_name, m.legal_name)`.as('manager_name'),
      sql<boolean>`exists (select 1 from org_employee_photo ph where ph.company_id = e.company_id and ph.employee_id = e.id)`.as(
        'has_photo',
      ),
    ])
    .where('e.company_id', '=', companyId)
}

export type EmployeeRow = Awaited<ReturnType<ReturnType<typeof employeeQuery>['execute']>>[number]

const ref = (id: string | null, name: string | null): Ref => (id && name ? { id, name } : null)

export const toDirectoryEntry = (row: EmployeeRow): DirectoryEntryView => ({
  id: row.id,
  name: row.preferred_name ?? row.legal_name,
  legalName: row.legal_name,
  workEmail: row.work_email,
  workPhone: row.work_phone,
  status: row.status,
  department: ref(row.department_id, row.department_name),
  team: ref(row.team_id, row.team_name),
  position: ref(row.position_id, row.position_title),
  location: ref(row.location_id, row.location_name),
  manager: ref(row.manager_id, row.manager_name),
  hasPhoto: row.has_photo,
})

export const toEmployment = (row: EmployeeRow): EmploymentView => ({
  employeeNumber: row.employee_number,
  hireDate: row.hire_date,
  probationEndDate: row.probation_end_date,
  employmentType: row.employment_type,
  terminationDate: row.termination_date,
  terminationReason: row.termination_reason,
  workSchedule: row.work_schedule,
  placementEffectiveDate: row.placement_effective_date,
  userId: row.user_id,
})

/** The reach rule applied to one employee row. */
export const employeeWithinReach = (
  reach: Parameters<typeof isWithinReach>[0] | null,
  subject: ReachSubject,
  row: EmployeeRow,
) =>
  reach !== null &&
  isWithinReach(reach, subject, { ownerUserId: row.user_id, teamId: row.team_id, departmentId: row.department_id })

/** Columns of org_employee for `reachCondition`. */
export const EMPLOYEE_REACH_COLUMNS = { owner: 'e.user_id', team: 'e.team_id', department: 'e.department_id' } as const
