import {
  currencyCode,
  formatDecimalAmount,
  inTransaction,
  invalidField,
  isCalendarDate,
  newId,
  notFound,
  parseDecimalAmount,
} from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import { decryptSecret, encryptSecret } from '../identity/index.ts'
import { isValidIban, normalizeIban } from './iban.ts'
import { assertVersion } from './org-errors.ts'
import type { AddressJson, OrgDeps } from './org.tables.ts'

export interface PrivateDataView {
  readonly dateOfBirth: string | null
  readonly nationalId: string | null
  readonly homeAddress: AddressJson | null
  readonly bankAccount: { holder: string; iban: string; bic?: string } | null
  readonly emergencyContacts: { name: string; relationship: string; phone: string }[]
}

export interface SalaryView {
  readonly amount: string
  readonly currency: string
  readonly period: 'year' | 'month' | 'hour'
}

export const EMPTY_PRIVATE_DATA: PrivateDataView = {
  dateOfBirth: null,
  nationalId: null,
  homeAddress: null,
  bankAccount: null,
  emergencyContacts: [],
}

// The ciphertext is bound to its row: copied onto another person, it no longer opens.
export const privateAad = (companyId: string, employeeId: string) => `org_employee_private:${companyId}:${employeeId}`
const compensationAad = (companyId: string, id: string) => `org_compensation:${companyId}:${id}`

/** Checks and normalises private data; every problem names its field. */
export function checkPrivateData(data: PrivateDataView, basePath: string, today: string): PrivateDataView {
  if (data.dateOfBirth !== null && (!isCalendarDate(data.dateOfBirth) || data.dateOfBirth > today))
    throw invalidField(
      'org.invalid_date',
      `${basePath}/dateOfBirth`,
      'The date of birth must be a real date in the past.',
    )
  if (data.bankAccount && !isValidIban(data.bankAccount.iban))
    throw invalidField(
      'org.invalid_iban',
      `${basePath}/bankAccount/iban`,
      'This IBAN fails its check digits or length.',
    )
  return {
    ...data,
    nationalId: data.nationalId?.trim() || null,
    bankAccount: data.bankAccount ? { ...data.bankAccount, iban: normalizeIban(data.bankAccount.iban) } : null,
  }
}

export async function readPrivateData(
  db: Kysely<OrgDeps>,
  key: Buffer,
  companyId: string,
  employeeId: string,
): Promise<{ data: PrivateDataView; version: number }> {
  const row = await db
    .selectFrom('org_employee_private')
    .select(['sealed', 'version'])
    .where('company_id', '=', companyId)
    .where('employee_id', '=', employeeId)
    .executeTakeFirst()
  if (!row) return { data: EMPTY_PRIVATE_DATA, version: 0 }
  const data = JSON.parse(decryptSecret(key, row.sealed, privateAad(companyId, employeeId))) as PrivateDataView
  return { data, version: row.version }
}

/** Replaces a person's private data. `expectedVersion` 0 means "there is none yet". */
export async function writePrivateData(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  key: Buffer,
  employeeId: string,
  input: PrivateDataView,
  now: Date,
  today: string,
  expectedVersion?: number,
) {
  const data = checkPrivateData(input, '/body', today)
  return inTransaction(db, async (trx) => {
    await assertEmployeeExists(trx, context.companyId, employeeId)
    const before = await readPrivateData(trx, key, context.companyId, employeeId)
    assertVersion(before.version, expectedVersion, 'private data')
    const sealed = encryptSecret(key, JSON.stringify(data), privateAad(context.companyId, employeeId))
    await trx
      .insertInto('org_employee_private')
      .values({ company_id: context.companyId, employee_id: employeeId, sealed, updated_at: now })
      .onConflict((oc) =>
        oc.columns(['company_id', 'employee_id']).doUpdateSet((eb) => ({
          sealed,
          updated_at: now,
          version: eb('org_employee_private.version', '+', 1),
        })),
      )
      .execute()
    // The audit trail says which fields changed, never their values: it is readable by auditors.
    const changed = (Object.keys(data) as (keyof PrivateDataView)[]).filter(
      (field) => JSON.stringify(data[field]) !== JSON.stringify(before.data[field]),
    )
    await recordAudit(trx, context, {
      action: 'org.employee.private_data_changed',
      entityType: 'employee',
      entityId: employeeId,
      changes: Object.fromEntries(changed.map((field) => [field, { before: '(sensitive)', after: '(sensitive)' }])),
    })
    return readPrivateData(trx, key, context.companyId, employeeId)
  })
}

async function assertEmployeeExists(db: Kysely<OrgDeps>, companyId: string, employeeId: string) {
  const found = await db
    .selectFrom('org_employee')
    .select('id')
    .where('company_id', '=', companyId)
    .where('id', '=', employeeId)
    .executeTakeFirst()
  if (!found) throw notFound('org.employee_not_found', 'No such employee.')
}

/** Normalises a salary (the currency's decimals, no more). */
export function checkSalary(salary: SalaryView, path: string): SalaryView {
  try {
    const currency = currencyCode(salary.currency)
    const minor = parseDecimalAmount(salary.amount, currency)
    if (minor <= 0n) throw invalidField('org.invalid_salary', `${path}/amount`, 'A salary is more than zero.')
    return { amount: formatDecimalAmount(minor, currency), currency, period: salary.period }
  } catch (error) {
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('money.'))
      throw invalidField(
        String(error.code),
        String(error.code) === 'money.unknown_currency' ? `${path}/currency` : `${path}/amount`,
        error.message,
      )
    throw error
  }
}

/** Appends a salary from a date on: an effective-dated history row, never an overwrite. */
export async function recordCompensation(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  key: Buffer,
  employeeId: string,
  input: { effectiveDate: string; salary: SalaryView; reason?: string | undefined },
  now: Date,
) {
  const salary = checkSalary(input.salary, '/body/salary')
  return inTransaction(db, async (trx) => {
    const employee = await trx
      .selectFrom('org_employee')
      .select(['hire_date'])
      .where('company_id', '=', context.companyId)
      .where('id', '=', employeeId)
      .executeTakeFirst()
    if (!employee) throw notFound('org.employee_not_found', 'No such employee.')
    if (input.effectiveDate < employee.hire_date)
      throw invalidField('org.before_hire', '/body/effectiveDate', `The person was hired on ${employee.hire_date}.`)
    const id = newId()
    await trx
      .insertInto('org_compensation')
      .values({
        company_id: context.companyId,
        id,
        employee_id: employeeId,
        effective_date: input.effectiveDate,
        sealed: encryptSecret(key, JSON.stringify(salary), compensationAad(context.companyId, id)),
        reason: input.reason?.trim() || null,
        recorded_at: now,
        recorded_by: context.actorId,
      })
      .execute()
    await recordAudit(trx, context, {
      action: 'org.employee.compensation_recorded',
      entityType: 'employee',
      entityId: employeeId,
      changes: {
        salary: { before: '(sensitive)', after: '(sensitive)' },
        effectiveDate: { before: null, after: input.effectiveDate },
      },
    })
    return { id, effectiveDate: input.effectiveDate, ...salary }
  })
}

export interface CompensationRow {
  readonly id: string
  readonly effectiveDate: string
  readonly salary: SalaryView
  readonly reason: string | null
  readonly recordedAt: Date
  readonly recordedBy: string | null
}

/** Every salary row of a person, oldest first (by effective date, then as recorded). */
export async function compensationHistory(
  db: Kysely<OrgDeps>,
  key: Buffer,
  companyId: string,
  employeeId: string,
): Promise<CompensationRow[]> {
  const rows = await db
    .selectFrom('org_compensation')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('employee_id', '=', employeeId)
    .orderBy('effective_date')
    .orderBy('recorded_at')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    effectiveDate: row.effective_date,
    salary: JSON.parse(decryptSecret(key, row.sealed, compensationAad(companyId, row.id))) as SalaryView,
    reason: row.reason,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
  }))
}

/** The salary in effect on `date`: the latest row effective on or before it (the latest recorded wins a tie). */
export function salaryAsOf(
  history: readonly CompensationRow[],
  date: string,
): (SalaryView & { effectiveDate: string }) | null {
  let current: CompensationRow | null = null
  for (const row of history) if (row.effectiveDate <= date) current = row
  return current ? { ...current.salary, effectiveDate: current.effectiveDate } : null
}
