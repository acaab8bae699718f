import {
  inTransaction,
  invalidField,
  isCalendarDate,
  isUniqueViolation,
  newId,
  notFound,
  type ReachSubject,
} from '@keel/kernel'
import { sql, type Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import {
  employeeQuery,
  employeeWithinReach,
  toDirectoryEntry,
  toEmployment,
  type DirectoryEntryView,
  type EmploymentView,
} from './employee-views.ts'
import { assertVersion, mapMissingReference } from './org-errors.ts'
import type { OrgDeps } from './org.tables.ts'
import {
  applyDuePlacements,
  checkPlacement,
  currentPlacementOf,
  insertPlacement,
  type Placement,
} from './placements.ts'
import {
  checkPrivateData,
  checkSalary,
  compensationHistory,
  readPrivateData,
  recordCompensation,
  salaryAsOf,
  writePrivateData,
  type PrivateDataView,
  type SalaryView,
} from './private-data.ts'
import { withinExternalScope } from './external-scope.ts'
import type { Viewer } from './viewer.ts'

export interface EmployeeView extends DirectoryEntryView {
  readonly employment: EmploymentView | null
  readonly sensitive: {
    readonly privateData: PrivateDataView
    readonly salary: (SalaryView & { effectiveDate: string }) | null
    readonly version: number
  } | null
  readonly version: number
}

/**
 * One person as the viewer may see them: the directory view of anyone active
 * (or on leave); employment details within their employee reach; private data
 * and salary within their sensitive reach. Someone who has left is visible
 * only to those whose reach includes them; to others, and for another
 * company's id, the answer is not_found.
 */
export async function getEmployee(
  db: Kysely<OrgDeps>,
  key: Buffer,
  viewer: Viewer,
  subject: ReachSubject,
  id: string,
  today: string,
): Promise<EmployeeView> {
  const row = await employeeQuery(db, viewer.companyId).where('e.id', '=', id).executeTakeFirst()
  // Outside an external user's scope the person does not exist, as in another company.
  if (!row || !withinExternalScope(viewer.externalScope, row.department_id))
    throw notFound('org.employee_not_found', 'No such employee.')
  const seesEmployment = employeeWithinReach(viewer.employeeReach, subject, row)
  if (row.status === 'terminated' && !seesEmployment) throw notFound('org.employee_not_found', 'No such employee.')
  let sensitive: EmployeeView['sensitive'] = null
  if (employeeWithinReach(viewer.sensitiveReach, subject, row)) {
    const [privateData, salaries] = await Promise.all([
      readPrivateData(db, key, viewer.companyId, id),
      compensationHistory(db, key, viewer.companyId, id),
    ])
    sensitive = { privateData: privateData.data, salary: salaryAsOf(salaries, today), version: privateData.version }
  }
  return {
    ...toDirectoryEntry(row),
    employment: seesEmployment ? toEmployment(row) : null,
    sensitive,
    version: row.version,
  }
}

export interface HireInput extends Placement {
  readonly employeeNumber?: string | undefined
  readonly legalName: string
  readonly preferredName?: string | null | undefined
  readonly workEmail?: string | null | undefined
  readonly workPhone?: string | null | undefined
  readonly hireDate: string
  readonly probationEndDate?: string | null | undefined
  readonly workSchedule?: string | null | undefined
  readonly userId?: string | null | undefined
  readonly salary?: SalaryView | null | undefined
  readonly privateData?: PrivateDataView | undefined
}

/** The next free all-digit employee number, four digits at least: 0001, 0002, … */
async function nextEmployeeNumber(db: Kysely<OrgDeps>, companyId: string): Promise<string> {
  const { rows } = await sql<{ highest: string | null }>`
    select max(employee_number::bigint)::text as highest from org_employee
    where company_id = ${companyId} and employee_number ~ '^[0-9]{1,15}$'`.execute(db)
  const next = BigInt(rows[0]?.highest ?? '0') + 1n
  return next.toString().padStart(4, '0')
}

function checkDates(input: { hireDate: string; probationEndDate?: string | null | undefined }) {
  if (!isCalendarDate(input.hireDate)) throw invalidField('org.invalid_date', '/body/hireDate', 'Not a calendar date.')
  if (input.probationEndDate && (!isCalendarDate(input.probationEndDate) || input.probationEndDate < input.hireDate))
    throw invalidField('org.invalid_date', '/body/probationEndDate', 'Probation ends on or after the hire date.')
}

/**
 * Hires a person: the employee record, their first placement (effective on the
 * hire date), and optionally their salary and private data — all or nothing.
 */
export async function hireEmployee(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  key: Buffer,
  input: HireInput,
  now: Date,
  today: string,
): Promise<string> {
  checkDates(input)
  const salary = input.salary ? checkSalary(input.salary, '/body/salary') : null
  const privateData = input.privateData ? checkPrivateData(input.privateData, '/body/privateData', today) : null
  const placement: Placement = {
    employmentType: input.employmentType,
    departmentId: input.departmentId,
    teamId: input.teamId,
    positionId: input.positionId,
    managerId: input.managerId,
    locationId: input.locationId,
  }
  const id = newId()
  try {
    return await inTransaction(db, async (trx) => {
      await checkPlacement(trx, context.companyId, null, placement, '/body')
      const employeeNumber = input.employeeNumber?.trim() || (await nextEmployeeNumber(trx, context.companyId))
      await trx
        .insertInto('org_employee')
        .values({
          company_id: context.companyId,
          id,
          user_id: input.userId ?? null,
          employee_number: employeeNumber,
          legal_name: input.legalName.trim(),
          preferred_name: input.preferredName?.trim() || null,
          work_email: input.workEmail?.trim().toLowerCase() || null,
          work_phone: input.workPhone?.trim() || null,
          hire_date: input.hireDate,
          probation_end_date: input.probationEndDate ?? null,
          work_schedule: input.workSchedule?.trim() || null,
          placement_effective_date: input.hireDate,
          employment_type: placement.employmentType,
          department_id: placement.departmentId,
          team_id: placement.teamId,
          position_id: placement.positionId,
          manager_id: placement.managerId,
          location_id: placement.locationId,
          created_at: now,
          updated_at: now,
        })
        .execute()
      await insertPlacement(trx, {
        companyId: context.companyId,
        employeeId: id,
        effectiveDate: input.hireDate,
        placement,
        reason: 'Hired',
        recordedAt: now,
        recordedBy: context.actorId,
      })
      await recordAudit(trx, context, {
        action: 'org.employee.hired',
        entityType: 'employee',
        entityId: id,
        changes: {
          legalName: { before: null, after: input.legalName.trim() },
          employeeNumber: { before: null, after: employeeNumber },
          hireDate: { before: null, after: input.hireDate },
          ...Object.fromEntries(
            Object.entries(placement).map(([field, value]: [string, string | null]) => [
              field,
              { before: null, after: value },
            ]),
          ),
        },
      })
      if (salary)
        await recordCompensation(trx, context, key, id, { effectiveDate: input.hireDate, salary, reason: 'Hired' }, now)
      if (privateData) await writePrivateData(trx, context, key, id, privateData, now, today, 0)
      return id
    })
  } catch (error) {
    if (isUniqueViolation(error, 'org_employee_company_id_employee_number_key'))
      throw invalidField(
        'org.employee_number_taken',
        '/body/employeeNumber',
        `Employee number ${input.employeeNumber ?? ''} is taken.`,
      )
    if (isUniqueViolation(error, 'org_employee_company_id_user_id_key'))
      throw invalidField('org.user_already_linked', '/body/userId', 'That user already has an employee record here.')
    return mapMissingReference(error, { user_id: '/body/userId' })
  }
}

export interface EmployeeUpdate {
  readonly legalName: string
  readonly preferredName: string | null
  readonly workEmail: string | null
  readonly workPhone: string | null
  readonly probationEndDate: string | null
  readonly workSchedule: string | null
  readonly userId: string | null
  readonly status: 'active' | 'on_leave'
}

/** Changes the record's own fields. Where someone sits changes only through placements (history). */
export async function updateEmployee(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  id: string,
  input: EmployeeUpdate,
  now: Date,
  expectedVersion?: number,
) {
  try {
    await inTransaction(db, async (trx) => {
      const before = await trx
        .selectFrom('org_employee')
        .selectAll()
        .where('company_id', '=', context.companyId)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst()
      if (!before) throw notFound('org.employee_not_found', 'No such employee.')
      assertVersion(before.version, expectedVersion, 'employee')
      if (before.status === 'terminated')
        throw invalidField('org.employee_terminated', '/params/id', 'This person has left; their record is closed.')
      checkDates({ hireDate: before.hire_date, probationEndDate: input.probationEndDate })
      const after = {
        legal_name: input.legalName.trim(),
        preferred_name: input.preferredName?.trim() || null,
        work_email: input.workEmail?.trim().toLowerCase() || null,
        work_phone: input.workPhone?.trim() || null,
        probation_end_date: input.probationEndDate,
        work_schedule: input.workSchedule?.trim() || null,
        user_id: input.userId,
        status: input.status,
      }
      await trx
        .updateTable('org_employee')
        .set((eb) => ({ ...after, updated_at: now, version: eb('version', '+', 1) }))
        .where('company_id', '=', context.companyId)
        .where('id', '=', id)
        .execute()
      const changes: Record<string, { before: unknown; after: unknown }> = {}
      for (const [column, value] of Object.entries(after)) {
        const old = before[column as keyof typeof before]
        if (old !== value)
          changes[column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = { before: old, after: value }
      }
      await recordAudit(trx, context, { action: 'org.employee.updated', entityType: 'employee', entityId: id, changes })
    })
  } catch (error) {
    if (isUniqueViolation(error, 'org_employee_company_id_user_id_key'))
      throw invalidField('org.user_already_linked', '/body/userId', 'That user already has an employee record here.')
    return mapMissingReference(error, { user_id: '/body/userId' })
  }
}

/**
 * Records where a person sits from `effectiveDate` on: a new history row,
 * never an overwrite. Effective today or earlier, it becomes the current
 * placement at once (unless a later-dated one already rules); in the future,
 * the daily job applies it on the day.
 */
export async function changePlacement(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  employeeId: string,
  input: Placement & { effectiveDate: string; reason?: string | undefined },
  now: Date,
  today: string,
) {
  if (!isCalendarDate(input.effectiveDate))
    throw invalidField('org.invalid_date', '/body/effectiveDate', 'Not a calendar date.')
  return inTransaction(db, async (trx) => {
    const current = await currentPlacementOf(trx, context.companyId, employeeId)
    if (current.status === 'terminated')
      throw invalidField('org.employee_terminated', '/params/id', 'This person has left; their record is closed.')
    if (input.effectiveDate < current.hire_date)
      throw invalidField('org.before_hire', '/body/effectiveDate', `The person was hired on ${current.hire_date}.`)
    const placement: Placement = {
      employmentType: input.employmentType,
      departmentId: input.departmentId,
      teamId: input.teamId,
      positionId: input.positionId,
      managerId: input.managerId,
      locationId: input.locationId,
    }
    await checkPlacement(trx, context.companyId, employeeId, placement, '/body')
    const placementId = await insertPlacement(trx, {
      companyId: context.companyId,
      employeeId,
      effectiveDate: input.effectiveDate,
      placement,
      reason: input.reason?.trim() || null,
      recordedAt: now,
      recordedBy: context.actorId,
    })
    const previous: Placement = {
      employmentType: current.employment_type,
      departmentId: current.department_id,
      teamId: current.team_id,
      positionId: current.position_id,
      managerId: current.manager_id,
      locationId: current.location_id,
    }
    const changes: Record<string, { before: unknown; after: unknown }> = {
      effectiveDate: { before: null, after: input.effectiveDate },
    }
    for (const field of Object.keys(placement) as (keyof Placement)[])
      if (previous[field] !== placement[field]) changes[field] = { before: previous[field], after: placement[field] }
    await recordAudit(trx, context, {
      action: 'org.employee.placement_recorded',
      entityType: 'employee',
      entityId: employeeId,
      changes,
    })
    if (input.effectiveDate <= today) await applyDuePlacements(trx, context.companyId, today, now, [employeeId])
    return placementId
  })
}

/**
 * Ends employment on a date with a reason. From that date the person leaves
 * the directory, the org chart and every team or department they led; their
 * records stay for those with reach (and for the law). A date in the future is
 * scheduled: the daily job closes the record on the day.
 */
export async function terminateEmployee(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  employeeId: string,
  input: { terminationDate: string; reason: string },
  now: Date,
  today: string,
  expectedVersion?: number,
) {
  if (!isCalendarDate(input.terminationDate))
    throw invalidField('org.invalid_date', '/body/terminationDate', 'Not a calendar date.')
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('org_employee')
      .select(['status', 'hire_date', 'version', 'termination_date'])
      .where('company_id', '=', context.companyId)
      .where('id', '=', employeeId)
      .forUpdate()
      .executeTakeFirst()
    if (!before) throw notFound('org.employee_not_found', 'No such employee.')
    assertVersion(before.version, expectedVersion, 'employee')
    if (before.status === 'terminated')
      throw invalidField('org.employee_terminated', '/params/id', 'This person has already left.')
    if (input.terminationDate < before.hire_date)
      throw invalidField('org.before_hire', '/body/terminationDate', `The person was hired on ${before.hire_date}.`)
    const effectiveNow = input.terminationDate <= today
    if (effectiveNow) {
      const reports = await trx
        .selectFrom('org_employee')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('company_id', '=', context.companyId)
        .where('manager_id', '=', employeeId)
        .where('status', '<>', 'terminated')
        .executeTakeFirstOrThrow()
      if (reports.n > 0)
        throw invalidField(
          'org.has_reports',
          '/params/id',
          `${String(reports.n)} people report to this person: give them another manager first.`,
        )
    }
    await trx
      .updateTable('org_employee')
      .set((eb) => ({
        termination_date: input.terminationDate,
        termination_reason: input.reason.trim(),
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('company_id', '=', context.companyId)
      .where('id', '=', employeeId)
      .execute()
    await recordAudit(trx, context, {
      action: effectiveNow ? 'org.employee.terminated' : 'org.employee.termination_scheduled',
      entityType: 'employee',
      entityId: employeeId,
      changes: {
        terminationDate: { before: before.termination_date, after: input.terminationDate },
        terminationReason: { before: null, after: input.reason.trim() },
      },
    })
    if (effectiveNow) await applyDueTerminations(trx, context.companyId, today, now, [employeeId])
  })
}

/**
 * Closes the records of people whose termination date has come: status
 * terminated, and they no longer lead a team or head a department. Their
 * reports keep their manager until HR moves them (the record says so).
 * Idempotent; called by `terminateEmployee` and by the daily job.
 */
export async function applyDueTerminations(
  db: Kysely<OrgDeps>,
  companyId: string,
  today: string,
  now: Date,
  employeeIds?: readonly string[],
): Promise<string[]> {
  let query = db
    .updateTable('org_employee')
    .set((eb) => ({ status: 'terminated', updated_at: now, version: eb('version', '+', 1) }))
    .where('company_id', '=', companyId)
    .where('status', '<>', 'terminated')
    .where('termination_date', '<=', today)
  if (employeeIds) query = query.where('id', 'in', employeeIds)
  const closed = (await query.returning('id').execute()).map((r) => r.id)
  if (closed.length === 0) return closed
  await db
    .updateTable('org_team')
    .set((eb) => ({ lead_employee_id: null, version: eb('version', '+', 1) }))
    .where('company_id', '=', companyId)
    .where('lead_employee_id', 'in', closed)
    .execute()
  await db
    .updateTable('org_department')
    .set((eb) => ({ head_employee_id: null, version: eb('version', '+', 1) }))
    .where('company_id', '=', companyId)
    .where('head_employee_id', 'in', closed)
    .execute()
  return closed
}

/** Withdraws a leaving date that has not come yet (a resignation taken back). */
export async function cancelTermination(db: Kysely<OrgDeps>, context: AuditContext, employeeId: string, now: Date) {
  await inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('org_employee')
      .select(['status', 'termination_date', 'termination_reason'])
      .where('company_id', '=', context.companyId)
      .where('id', '=', employeeId)
      .forUpdate()
      .executeTakeFirst()
    if (!before) throw notFound('org.employee_not_found', 'No such employee.')
    if (before.status === 'terminated')
      throw invalidField(
        'org.employee_terminated',
        '/params/id',
        'This person has already left; hire them again instead.',
      )
    if (before.termination_date === null)
      throw invalidField('org.no_termination', '/params/id', 'No leaving date is scheduled.')
    await trx
      .updateTable('org_employee')
      .set((eb) => ({
        termination_date: null,
        termination_reason: null,
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('company_id', '=', context.companyId)
      .where('id', '=', employeeId)
      .execute()
    await recordAudit(trx, context, {
      action: 'org.employee.termination_cancelled',
      entityType: 'employee',
      entityId: employeeId,
      changes: {
        terminationDate: { before: before.termination_date, after: null },
        terminationReason: { before: before.termination_reason, after: null },
      },
    })
  })
}
