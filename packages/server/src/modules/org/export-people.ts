import { toCsv, type Reach, type ReachSubject } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { listDepartments } from './departments.ts'
import { listEmployeeRecords, type PeopleCursor } from './list-employees.ts'
import type { OrgDeps } from './org.tables.ts'
import { listTeams } from './teams.ts'

/** The same columns the import reads: an export can be edited and imported elsewhere. */
const EMPLOYEE_HEADER = [
  'employee_number',
  'legal_name',
  'preferred_name',
  'work_email',
  'work_phone',
  'hire_date',
  'employment_type',
  'status',
  'department',
  'team',
  'position',
  'location',
  'manager_employee_number',
  'probation_end_date',
  'termination_date',
  'work_schedule',
]

/**
 * Employee records within the caller's reach as CSV, produced page by page
 * (200 people at a time) so a large company streams instead of filling memory.
 * Private data and salaries are never part of it.
 */
export async function* exportEmployeesCsv(
  db: Kysely<OrgDeps>,
  companyId: string,
  reach: Reach,
  subject: ReachSubject,
): AsyncGenerator<string> {
  yield toCsv([EMPLOYEE_HEADER])
  const numbers = new Map<string, string>()
  const all = await db
    .selectFrom('org_employee')
    .select(['id', 'employee_number'])
    .where('company_id', '=', companyId)
    .execute()
  for (const e of all) numbers.set(e.id, e.employee_number)
  let after: PeopleCursor | null = null
  for (;;) {
    const page = await listEmployeeRecords(db, companyId, reach, subject, {}, { after, limit: 200 })
    if (page.items.length > 0)
      yield toCsv(
        page.items.map((p) => [
          p.employment.employeeNumber,
          p.legalName,
          p.name === p.legalName ? '' : p.name,
          p.workEmail,
          p.workPhone,
          p.employment.hireDate,
          p.employment.employmentType,
          p.status,
          p.department?.name,
          p.team?.name,
          p.position?.name,
          p.location?.name,
          p.manager ? (numbers.get(p.manager.id) ?? '') : '',
          p.employment.probationEndDate,
          p.employment.terminationDate,
          p.employment.workSchedule,
        ]),
      ).slice(1) // one byte-order mark, at the start of the file
    if (!page.next) return
    after = page.next
  }
}

export async function exportDepartmentsCsv(db: Kysely<OrgDeps>, companyId: string): Promise<string> {
  const departments = await listDepartments(db, companyId)
  const names = new Map(departments.map((d) => [d.id, d.name]))
  // Parents before children, so the file imports as it is.
  const ordered: typeof departments = []
  const place = (parentId: string | null) => {
    for (const d of departments.filter((x) => x.parentId === parentId)) {
      ordered.push(d)
      place(d.id)
    }
  }
  place(null)
  for (const d of departments) if (!ordered.includes(d)) ordered.push(d)
  return toCsv([
    ['name', 'code', 'parent', 'head', 'headcount'],
    ...ordered.map((d) => [d.name, d.code, d.parentId ? names.get(d.parentId) : '', d.head?.name, d.headcount]),
  ])
}

export async function exportTeamsCsv(db: Kysely<OrgDeps>, companyId: string): Promise<string> {
  const teams = await listTeams(db, companyId)
  return toCsv([
    ['name', 'department', 'lead', 'headcount'],
    ...teams.map((t) => [t.name, t.department.name, t.lead?.name, t.headcount]),
  ])
}
