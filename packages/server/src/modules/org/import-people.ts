import { inTransaction, isCalendarDate, parseCsv, readSpreadsheetRows, SpreadsheetError } from '@keel/kernel'
import type { Kysely } from 'kysely'
import type { AuditContext } from '../audit/index.ts'
import { createDepartment, listDepartments } from './departments.ts'
import { hireEmployee } from './employees.ts'
import type { EmploymentType, OrgDeps } from './org.tables.ts'
import { listLocations } from './locations.ts'
import { listPositions } from './positions.ts'
import { createTeam, listTeams } from './teams.ts'

export type ImportKind = 'departments' | 'teams' | 'employees'

export interface ImportProblem {
  /** The line in the file (the header is line 1). */
  readonly line: number
  readonly column: string
  readonly message: string
}

export interface ImportReport {
  readonly kind: ImportKind
  readonly dryRun: boolean
  readonly rows: number
  readonly created: number
  readonly problems: ImportProblem[]
}

/** The columns each kind reads (the header names them; order is free; extra columns are ignored). */
export const IMPORT_COLUMNS: Readonly<
  Record<ImportKind, { required: readonly string[]; optional: readonly string[] }>
> = {
  departments: { required: ['name'], optional: ['code', 'parent'] },
  teams: { required: ['name', 'department'], optional: [] },
  employees: {
    required: ['legal_name', 'hire_date', 'employment_type'],
    optional: [
      'employee_number',
      'preferred_name',
      'work_email',
      'work_phone',
      'probation_end_date',
      'department',
      'team',
      'position',
      'location',
      'manager_employee_number',
      'work_schedule',
    ],
  },
}

const MAX_ROWS = 20_000
const EMPLOYMENT_TYPES: readonly EmploymentType[] = ['permanent', 'probationary', 'temporary', 'contractor', 'intern']
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/**
 * Every row as a record by header name; problems for a missing header or too
 * many rows. A table is a sheet's rows as text, empty rows included, so a
 * problem's line is the row the person sees in their spreadsheet.
 */
function readRows(kind: ImportKind, table: readonly (readonly string[])[]) {
  const [header, ...lines] = table
  const problems: ImportProblem[] = []
  if (!header) return { rows: [], problems: [{ line: 1, column: '', message: 'The file is empty.' }] }
  const body = lines
    .map((fields, index) => ({ fields, line: index + 2 }))
    .filter(({ fields }) => fields.some((f) => f.trim() !== ''))
  const names = header.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'))
  for (const column of IMPORT_COLUMNS[kind].required)
    if (!names.includes(column)) problems.push({ line: 1, column, message: `The header has no ${column} column.` })
  if (body.length > MAX_ROWS)
    problems.push({ line: MAX_ROWS + 2, column: '', message: `At most ${String(MAX_ROWS)} rows per file.` })
  const rows = body.slice(0, MAX_ROWS).map(({ fields, line }) => ({
    line,
    get: (column: string) => (fields[names.indexOf(column)] ?? '').trim(),
  }))
  return { rows, problems }
}

export interface ImportOptions {
  readonly dryRun: boolean
  readonly now: Date
  readonly today: string
  readonly onProgress?: (done: number, total: number) => void
}

/** Imports a CSV file (text); see `importPeople`. */
export const importPeopleCsv = (
  db: Kysely<OrgDeps>,
  context: AuditContext,
  key: Buffer,
  kind: ImportKind,
  text: string,
  options: ImportOptions,
): Promise<ImportReport> => importPeople(db, context, key, kind, parseCsv(text), options)

/**
 * Imports an XLSX workbook's first sheet; see `importPeople`. A file that is
 * no workbook is one problem on line 1, like an empty CSV.
 */
export async function importPeopleXlsx(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  key: Buffer,
  kind: ImportKind,
  bytes: Uint8Array,
  options: ImportOptions,
): Promise<ImportReport> {
  let table: string[][]
  try {
    table = await readSpreadsheetRows(bytes)
  } catch (error) {
    if (!(error instanceof SpreadsheetError)) throw error
    return {
      kind,
      dryRun: options.dryRun,
      rows: 0,
      created: 0,
      problems: [{ line: 1, column: '', message: error.message }],
    }
  }
  return importPeople(db, context, key, kind, table, options)
}

/**
 * Imports departments, teams or employees from a table (CSV or XLSX rows). Every row and field is
 * checked first — against the file and against what the company already has —
 * and every problem is reported with its line and column. With problems, or
 * in a dry run, nothing is written; otherwise all rows are written in one
 * transaction, each with its audit event, or none.
 */
export async function importPeople(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  key: Buffer,
  kind: ImportKind,
  table: readonly (readonly string[])[],
  options: ImportOptions,
): Promise<ImportReport> {
  const { rows, problems } = readRows(kind, table)
  const report = (created: number): ImportReport => ({
    kind,
    dryRun: options.dryRun,
    rows: rows.length,
    created,
    problems,
  })
  if (problems.length > 0) return report(0)
  return inTransaction(db, async (trx) => {
    const companyId = context.companyId
    const departments = new Map((await listDepartments(trx, companyId, true)).map((d) => [d.name.toLowerCase(), d]))
    const teams = await listTeams(trx, companyId, { includeArchived: true })
    const positions = new Map((await listPositions(trx, companyId)).map((p) => [p.title.toLowerCase(), p.id]))
    const locations = new Map((await listLocations(trx, companyId)).map((l) => [l.name.toLowerCase(), l.id]))
    const problem = (line: number, column: string, message: string) => problems.push({ line, column, message })

    if (kind === 'departments') {
      const inFile = new Set<string>()
      for (const row of rows) {
        const name = row.get('name')
        const parent = row.get('parent')
        if (!name) problem(row.line, 'name', 'A department needs a name.')
        else if (departments.has(name.toLowerCase()) || inFile.has(name.toLowerCase()))
          problem(row.line, 'name', `A department named ${name} exists.`)
        if (parent && !departments.has(parent.toLowerCase()) && !inFile.has(parent.toLowerCase()))
          problem(row.line, 'parent', `No department named ${parent} (parents come before their children in the file).`)
        if (row.get('code').length > 20) problem(row.line, 'code', 'A code is at most 20 characters.')
        inFile.add(name.toLowerCase())
      }
      if (problems.length > 0 || options.dryRun) return report(0)
      for (const [index, row] of rows.entries()) {
        const parent = row.get('parent')
        const created = await createDepartment(
          trx,
          context,
          {
            name: row.get('name'),
            code: row.get('code') || null,
            parentId: parent ? (departments.get(parent.toLowerCase())?.id ?? null) : null,
          },
          options.now,
        )
        departments.set(created.name.toLowerCase(), created)
        options.onProgress?.(index + 1, rows.length)
      }
      return report(rows.length)
    }

    if (kind === 'teams') {
      const inFile = new Set<string>()
      for (const row of rows) {
        const name = row.get('name')
        const department = departments.get(row.get('department').toLowerCase())
        if (!name) problem(row.line, 'name', 'A team needs a name.')
        if (!department) problem(row.line, 'department', `No department named ${row.get('department')}.`)
        const key = `${department?.id ?? ''}/${name.toLowerCase()}`
        if (
          department &&
          (teams.some((t) => t.department.id === department.id && t.name.toLowerCase() === name.toLowerCase()) ||
            inFile.has(key))
        )
          problem(row.line, 'name', `${department.name} already has a team named ${name}.`)
        inFile.add(key)
      }
      if (problems.length > 0 || options.dryRun) return report(0)
      for (const [index, row] of rows.entries()) {
        await createTeam(
          trx,
          context,
          { name: row.get('name'), departmentId: departments.get(row.get('department').toLowerCase())?.id ?? '' },
          options.now,
        )
        options.onProgress?.(index + 1, rows.length)
      }
      return report(rows.length)
    }

    // Employees: managers may be people already here or earlier rows of the file.
    const existing = await trx
      .selectFrom('org_employee')
      .select(['id', 'employee_number', 'work_email'])
      .where('company_id', '=', companyId)
      .execute()
    const numbers = new Map(existing.map((e) => [e.employee_number, e.id]))
    const emails = new Set(existing.flatMap((e) => (e.work_email ? [e.work_email] : [])))
    // Managers may be anywhere in the file: rows are written managers first.
    const rowByNumber = new Map(
      rows.flatMap((row) => (row.get('employee_number') ? [[row.get('employee_number'), row] as const] : [])),
    )
    const fileNumbers = new Set<string>()
    for (const row of rows) {
      const number = row.get('employee_number')
      if (!row.get('legal_name')) problem(row.line, 'legal_name', 'A person needs a legal name.')
      if (row.get('legal_name').length > 200) problem(row.line, 'legal_name', 'At most 200 characters.')
      const hireDate = row.get('hire_date')
      if (!isCalendarDate(hireDate))
        problem(row.line, 'hire_date', `${hireDate || '(empty)'} is not a date (yyyy-mm-dd).`)
      const probation = row.get('probation_end_date')
      if (probation && (!isCalendarDate(probation) || probation < hireDate))
        problem(row.line, 'probation_end_date', 'A date (yyyy-mm-dd) on or after the hire date.')
      if (!EMPLOYMENT_TYPES.includes(row.get('employment_type') as EmploymentType))
        problem(row.line, 'employment_type', `One of ${EMPLOYMENT_TYPES.join(', ')}.`)
      if (number) {
        if (numbers.has(number) || fileNumbers.has(number))
          problem(row.line, 'employee_number', `Employee number ${number} is taken.`)
        fileNumbers.add(number)
      }
      const email = row.get('work_email').toLowerCase()
      if (email && !EMAIL.test(email)) problem(row.line, 'work_email', `${email} is not an e-mail address.`)
      else if (email && emails.has(email)) problem(row.line, 'work_email', `Someone here already has ${email}.`)
      emails.add(email)
      const departmentName = row.get('department')
      const department = departmentName ? departments.get(departmentName.toLowerCase()) : undefined
      if (departmentName && !department) problem(row.line, 'department', `No department named ${departmentName}.`)
      if (department?.archived) problem(row.line, 'department', `${department.name} is archived.`)
      const teamName = row.get('team')
      if (teamName && (!departmentName || department)) {
        const team = teams.find(
          (t) => t.name.toLowerCase() === teamName.toLowerCase() && (!department || t.department.id === department.id),
        )
        if (!team) problem(row.line, 'team', `No team named ${teamName}${department ? ` in ${department.name}` : ''}.`)
        else if (!department) problem(row.line, 'department', `Name the department of the team ${teamName}.`)
      }
      for (const [column, known] of [
        ['position', positions],
        ['location', locations],
      ] as const) {
        const value = row.get(column)
        if (value && !known.has(value.toLowerCase())) problem(row.line, column, `No ${column} named ${value}.`)
      }
      const manager = row.get('manager_employee_number')
      if (manager && !numbers.has(manager) && !rowByNumber.has(manager))
        problem(row.line, 'manager_employee_number', `No one here or in the file has the employee number ${manager}.`)
      if (manager && manager === number)
        problem(row.line, 'manager_employee_number', 'A person cannot manage themselves.')
    }
    // Managers first: a depth-first walk up each row's line within the file; a loop is a problem.
    const ordered: typeof rows = []
    const state = new Map<(typeof rows)[number], 'visiting' | 'done'>()
    const visit = (row: (typeof rows)[number]) => {
      if (state.get(row) === 'done') return
      if (state.get(row) === 'visiting') {
        problem(row.line, 'manager_employee_number', 'The reporting lines in the file go round in a loop.')
        return
      }
      state.set(row, 'visiting')
      const manager = rowByNumber.get(row.get('manager_employee_number'))
      if (manager && manager !== row) visit(manager)
      state.set(row, 'done')
      ordered.push(row)
    }
    for (const row of rows) visit(row)
    if (problems.length > 0 || options.dryRun) return report(0)
    for (const [index, row] of ordered.entries()) {
      const department = departments.get(row.get('department').toLowerCase())
      const teamName = row.get('team').toLowerCase()
      const id = await hireEmployee(
        trx,
        context,
        key,
        {
          employeeNumber: row.get('employee_number') || undefined,
          legalName: row.get('legal_name'),
          preferredName: row.get('preferred_name') || null,
          workEmail: row.get('work_email') || null,
          workPhone: row.get('work_phone') || null,
          hireDate: row.get('hire_date'),
          probationEndDate: row.get('probation_end_date') || null,
          workSchedule: row.get('work_schedule') || null,
          employmentType: row.get('employment_type') as EmploymentType,
          departmentId: department?.id ?? null,
          teamId: teamName
            ? (teams.find((t) => t.name.toLowerCase() === teamName && t.department.id === department?.id)?.id ?? null)
            : null,
          positionId: positions.get(row.get('position').toLowerCase()) ?? null,
          locationId: locations.get(row.get('location').toLowerCase()) ?? null,
          managerId: row.get('manager_employee_number')
            ? (numbers.get(row.get('manager_employee_number')) ?? null)
            : null,
        },
        options.now,
        options.today,
      )
      const number = row.get('employee_number')
      if (number) numbers.set(number, id)
      options.onProgress?.(index + 1, rows.length)
    }
    return report(rows.length)
  })
}
