import { toCsv, type Reach, type ReachSubject, type SheetCell } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { listDepartments } from './departments.ts'
import { listEmployeeRecords, type PeopleCursor, type PeopleFilter } from './list-employees.ts'
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

/** A table's header and its rows, page by page: written as CSV or XLSX by the caller. */
export interface ExportTable {
  readonly name: string
  readonly header: readonly string[]
  readonly pages: AsyncIterable<SheetCell[][]>
}

/**
 * Employee records within the caller's reach, fetched 200 people at a time so
 * a large company streams instead of filling memory. Private data and
 * salaries are never part of it.
 */
export function employeesTable(
  db: Kysely<OrgDeps>,
  companyId: string,
  reach: Reach,
  subject: ReachSubject,
  filter: PeopleFilter = {},
): ExportTable {
  async function* pages(): AsyncGenerator<SheetCell[][]> {
    const numbers = new Map<string, string>()
    const all = await db
      .selectFrom('org_employee')
      .select(['id', 'employee_number'])
      .where('company_id', '=', companyId)
      .execute()
    for (const e of all) numbers.set(e.id, e.employee_number)
    let after: PeopleCursor | null = null
    for (;;) {
      const page = await listEmployeeRecords(db, companyId, reach, subject, filter, { after, limit: 200 })
      yield page.items.map((p) => [
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
      ])
      if (!page.next) return
      after = page.next
    }
  }
  return { name: 'Employees', header: EMPLOYEE_HEADER, pages: pages() }
}

async function* onePage(rows: () => Promise<SheetCell[][]>): AsyncGenerator<SheetCell[][]> {
  yield await rows()
}

/** `withinDepartmentIds`: external staff get only their scope's departments and teams. */
export function departmentsTable(
  db: Kysely<OrgDeps>,
  companyId: string,
  withinDepartmentIds?: readonly string[],
): ExportTable {
  return {
    name: 'Departments',
    header: ['name', 'code', 'parent', 'head', 'headcount'],
    pages: onePage(async () => {
      const departments = (await listDepartments(db, companyId)).filter(
        (d) => !withinDepartmentIds || withinDepartmentIds.includes(d.id),
      )
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
      return ordered.map((d) => [d.name, d.code, d.parentId ? names.get(d.parentId) : '', d.head?.name, d.headcount])
    }),
  }
}

export function teamsTable(
  db: Kysely<OrgDeps>,
  companyId: string,
  withinDepartmentIds?: readonly string[],
): ExportTable {
  return {
    name: 'Teams',
    header: ['name', 'department', 'lead', 'headcount'],
    pages: onePage(async () =>
      (await listTeams(db, companyId))
        .filter((t) => !withinDepartmentIds || withinDepartmentIds.includes(t.department.id))
        .map((t) => [t.name, t.department.name, t.lead?.name, t.headcount]),
    ),
  }
}

/** The table as CSV text, page by page: one byte-order mark at the start, every cell formula-neutralised. */
export async function* csvChunks(table: ExportTable): AsyncGenerator<string> {
  yield toCsv([table.header])
  for await (const page of table.pages) if (page.length > 0) yield toCsv(page).slice(1)
}
