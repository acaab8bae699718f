import { conflict, inTransaction, invalid, notFound } from '@keel/kernel'
import { sql, type Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import { encryptSecret, eraseUserForCompany, identityDb } from '../identity/index.ts'
import type { DocumentCategory, OrgDeps, RetentionCategory } from './org.tables.ts'
import { EMPTY_PRIVATE_DATA, privateAad, readPrivateData } from './private-data.ts'
import { isHoldActive, listRetentionHolds, type RetentionHoldView } from './retention-holds.ts'

/** What a retention hold can keep from erasure. */
type Keepable = 'compensation' | 'employeeNumber' | 'nationalId' | 'contractDocuments' | 'payslipDocuments'

/**
 * Which hold keeps what. Payroll records (salary history, payslips, the
 * contract they were paid under) and tax records (salary, payslips, the tax
 * identifier) must be kept for years after someone leaves; a contract hold
 * keeps the signed contract. A legal claim keeps everything: it blocks
 * erasure until released. Employee number, hire and termination dates are
 * always kept (they hold the record's shape for headcount history, and say
 * nothing about who the person was on their own); the employee number is
 * replaced unless a hold needs it to match payroll or tax filings.
 */
const KEPT_BY_HOLD: Readonly<Record<RetentionCategory, readonly Keepable[]>> = {
  payroll: ['compensation', 'employeeNumber', 'contractDocuments', 'payslipDocuments'],
  tax: ['compensation', 'employeeNumber', 'nationalId', 'payslipDocuments'],
  contract: ['employeeNumber', 'contractDocuments'],
  legal_claim: [],
}

const KEEPABLE_DOCUMENTS: Partial<Record<DocumentCategory, Keepable>> = {
  contract: 'contractDocuments',
  payslip_other: 'payslipDocuments',
}

export interface ErasureItem {
  readonly item: string
  readonly detail: string
  /** For a kept item: the hold that keeps it. */
  readonly hold?: RetentionCategory
}
export interface ErasurePlan {
  readonly employeeId: string
  readonly replacementName: string
  readonly blockers: { code: string; detail: string }[]
  readonly erase: ErasureItem[]
  readonly keep: ErasureItem[]
}

/** "1 certification", "3 certifications". */
const counted = (n: number, noun: string) => `${String(n)} ${noun}${n === 1 ? '' : 's'}`

const shortId = (id: string) => id.replace(/-/g, '').slice(-8)
export const erasedName = (employeeId: string) => `Erased person #${shortId(employeeId)}`

async function employeeFacts(db: Kysely<OrgDeps>, companyId: string, employeeId: string) {
  const employee = await db
    .selectFrom('org_employee')
    .select(['id', 'status', 'termination_date', 'user_id', 'employee_number'])
    .where('company_id', '=', companyId)
    .where('id', '=', employeeId)
    .executeTakeFirst()
  if (!employee) throw notFound('org.employee_not_found', 'No such employee.')
  const erased = await db
    .selectFrom('org_personal_data_erasure')
    .select('erased_at')
    .where('company_id', '=', companyId)
    .where('employee_id', '=', employeeId)
    .executeTakeFirst()
  const documents = await db
    .selectFrom('org_employee_document')
    .select(['id', 'category'])
    .where('company_id', '=', companyId)
    .where('employee_id', '=', employeeId)
    .where('erased_at', 'is', null)
    .execute()
  const count = (table: 'org_compensation' | 'org_employee_skill' | 'org_certification' | 'org_absence') =>
    db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('company_id', '=', companyId)
      .where('employee_id', '=', employeeId)
      .executeTakeFirstOrThrow()
      .then((row) => Number(row.n))
  const [compensation, skills, certifications, absences] = await Promise.all([
    count('org_compensation'),
    count('org_employee_skill'),
    count('org_certification'),
    count('org_absence'),
  ])
  return { employee, erased, documents, counts: { compensation, skills, certifications, absences } }
}

/** Why each kept thing is kept: the first active hold that keeps it. */
function keptBy(holds: readonly RetentionHoldView[]): Map<Keepable, RetentionHoldView> {
  const kept = new Map<Keepable, RetentionHoldView>()
  for (const hold of holds) for (const what of KEPT_BY_HOLD[hold.category]) if (!kept.has(what)) kept.set(what, hold)
  return kept
}

const because = (hold: RetentionHoldView) =>
  `${hold.category} hold${hold.heldUntilDate ? ` until ${hold.heldUntilDate}` : ''}: ${hold.reason}`

/** What an erasure would do today, and what stands in its way; changes nothing. */
export async function planErasure(
  db: Kysely<OrgDeps>,
  companyId: string,
  employeeId: string,
  today: string,
): Promise<ErasurePlan> {
  const facts = await employeeFacts(db, companyId, employeeId)
  const holds = (await listRetentionHolds(db, companyId, employeeId)).filter((hold) => isHoldActive(hold, today))
  const blockers: { code: string; detail: string }[] = []
  if (facts.erased) blockers.push({ code: 'org.already_erased', detail: 'This person’s data was already erased.' })
  const leaves = facts.employee.termination_date
  if (leaves !== null && leaves >= today)
    blockers.push({
      code: 'org.termination_not_passed',
      detail: `The person leaves on ${leaves}; erase their data after that day.`,
    })
  else if (facts.employee.status !== 'terminated')
    blockers.push({ code: 'org.not_terminated', detail: 'Only the data of people who have left can be erased.' })
  for (const hold of holds.filter((h) => h.category === 'legal_claim'))
    blockers.push({ code: 'org.legal_hold', detail: `A legal claim hold blocks erasure: ${hold.reason}` })

  const kept = keptBy(holds)
  const erase: ErasureItem[] = [
    { item: 'names', detail: `Legal and preferred name become “${erasedName(employeeId)}”.` },
    { item: 'contact', detail: 'Work e-mail and phone.' },
    {
      item: 'employmentText',
      detail: 'Termination reason, work schedule, working hours; reasons written on history rows.',
    },
    { item: 'privateData', detail: 'Date of birth, home address, bank account, emergency contacts.' },
    { item: 'photo', detail: 'The photo.' },
  ]
  const { skills, certifications, absences, compensation } = facts.counts
  if (skills + certifications > 0)
    erase.push({
      item: 'skills',
      detail: `${counted(skills, 'skill level')}, ${counted(certifications, 'certification')}.`,
    })
  if (absences > 0)
    erase.push({ item: 'absences', detail: `The reasons of ${counted(absences, 'absence')} (the dates stay).` })
  const keep: ErasureItem[] = [
    {
      item: 'structure',
      detail: 'Hire and termination dates, and where the person sat over time (department, team, position ids).',
    },
  ]
  const decide = (what: Keepable, item: string, detail: string) => {
    const hold = kept.get(what)
    if (hold) keep.push({ item, detail: `${detail} Kept by the ${because(hold)}`, hold: hold.category })
    else erase.push({ item, detail })
  }
  decide('employeeNumber', 'employeeNumber', `Employee number ${facts.employee.employee_number}.`)
  decide('nationalId', 'nationalId', 'National id (in the private data).')
  if (compensation > 0) decide('compensation', 'compensation', `${counted(compensation, 'salary history row')}.`)
  for (const category of ['contract', 'payslip_other'] as const) {
    const keepable = KEEPABLE_DOCUMENTS[category]
    const n = facts.documents.filter((d) => d.category === category).length
    if (keepable && n > 0)
      decide(keepable, `documents:${category}`, `${counted(n, `${category.replace('_', ' ')} document`)}.`)
  }
  const other = facts.documents.filter((d) => !(d.category in KEEPABLE_DOCUMENTS)).length
  if (other > 0) erase.push({ item: 'documents:other', detail: `The content of ${counted(other, 'other document')}.` })
  if (facts.employee.user_id)
    erase.push({
      item: 'user',
      detail:
        'The sign-in account: access here ends; name and e-mail are replaced unless they work for another company in Keel.',
    })
  return { employeeId, replacementName: erasedName(employeeId), blockers, erase, keep }
}

/**
 * Erases a former employee's personal data, keeping what active retention
 * holds require (see KEPT_BY_HOLD), in one transaction.
 *
 * The audit trail is append-only and hash-chained, so erasure never rewrites
 * it. It is built to need no rewrite: events name people by id, and org
 * records which sensitive fields changed but never their values (private
 * data and salary appear as "(sensitive)", documents by id and category).
 * What older events still say (a name at hire) is kept as the accountability
 * record the law allows, readable only with audit.read; this erasure's own
 * event lists what was erased and kept, by name of the item, never a value.
 */
export async function erasePersonalData(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  key: Buffer,
  employeeId: string,
  now: Date,
  today: string,
): Promise<ErasurePlan> {
  return inTransaction(db, async (trx) => {
    const { companyId } = context
    // Locks the record, so two erasures (or an erasure and an edit) run one after the other.
    await trx
      .selectFrom('org_employee')
      .select('id')
      .where('company_id', '=', companyId)
      .where('id', '=', employeeId)
      .forUpdate()
      .executeTakeFirst()
    const plan = await planErasure(trx, companyId, employeeId, today)
    const [blocker] = plan.blockers
    if (blocker) {
      if (blocker.code === 'org.legal_hold' || blocker.code === 'org.already_erased')
        throw conflict(blocker.code, blocker.detail)
      throw invalid(blocker.code, blocker.detail)
    }
    const keeps = new Set(plan.keep.map((k) => k.item))
    const facts = await employeeFacts(trx, companyId, employeeId)
    // Opens the history tables' narrow erasure exception for this person, until the transaction ends.
    await sql`select set_config('keel.erasing_employee', ${employeeId}, true)`.execute(trx)
    await trx
      .updateTable('org_employee')
      .set((eb) => ({
        legal_name: plan.replacementName,
        preferred_name: null,
        work_email: null,
        work_phone: null,
        termination_reason: null,
        work_schedule: null,
        weekly_hours: null,
        user_id: null,
        ...(keeps.has('employeeNumber')
          ? {}
          : { employee_number: `ERASED-${employeeId.replace(/-/g, '').slice(-24)}` }),
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('company_id', '=', companyId)
      .where('id', '=', employeeId)
      .execute()
    await erasePrivateData(trx, key, companyId, employeeId, keeps.has('nationalId'), now)
    for (const table of ['org_employee_photo', 'org_employee_skill', 'org_certification'] as const)
      await trx.deleteFrom(table).where('company_id', '=', companyId).where('employee_id', '=', employeeId).execute()
    await trx
      .updateTable('org_absence')
      .set({ reason: 'Absence' })
      .where('company_id', '=', companyId)
      .where('employee_id', '=', employeeId)
      .execute()
    for (const table of ['org_placement', 'org_compensation'] as const)
      await trx
        .updateTable(table)
        .set({ reason: null })
        .where('company_id', '=', companyId)
        .where('employee_id', '=', employeeId)
        .where('reason', 'is not', null)
        .execute()
    if (!keeps.has('compensation'))
      await trx
        .deleteFrom('org_compensation')
        .where('company_id', '=', companyId)
        .where('employee_id', '=', employeeId)
        .execute()
    const keptCategories = (['contract', 'payslip_other'] as const).filter((c) => keeps.has(`documents:${c}`))
    const erasedDocuments = facts.documents.filter((d) => !(keptCategories as readonly string[]).includes(d.category))
    if (erasedDocuments.length > 0)
      await trx
        .updateTable('org_employee_document')
        .set({ sealed: null, sha256: null, title: 'Erased document', file_name: 'erased', erased_at: now })
        .where('company_id', '=', companyId)
        .where(
          'id',
          'in',
          erasedDocuments.map((d) => d.id),
        )
        .execute()
    if (facts.employee.user_id)
      await eraseUserForCompany(identityDb(trx), context, facts.employee.user_id, plan.replacementName, now)
    const holdCategories = [...new Set(plan.keep.flatMap((k) => (k.hold ? [k.hold] : [])))]
    await trx
      .insertInto('org_personal_data_erasure')
      .values({
        company_id: companyId,
        employee_id: employeeId,
        erased_at: now,
        erased_by: context.actorId,
        kept_categories: holdCategories,
      })
      .execute()
    await recordAudit(trx, context, {
      action: 'org.employee.personal_data_erased',
      entityType: 'employee',
      entityId: employeeId,
      changes: {
        erased: { before: null, after: plan.erase.map((e) => e.item) },
        kept: { before: null, after: plan.keep.map((k) => k.item) },
        holds: { before: null, after: holdCategories },
      },
    })
    return plan
  })
}

/** Private data goes, except the national id when a tax hold keeps it (re-sealed on its own). */
async function erasePrivateData(
  trx: Kysely<OrgDeps>,
  key: Buffer,
  companyId: string,
  employeeId: string,
  keepNationalId: boolean,
  now: Date,
) {
  const nationalId = keepNationalId ? (await readPrivateData(trx, key, companyId, employeeId)).data.nationalId : null
  if (nationalId === null) {
    await trx
      .deleteFrom('org_employee_private')
      .where('company_id', '=', companyId)
      .where('employee_id', '=', employeeId)
      .execute()
    return
  }
  const sealed = encryptSecret(
    key,
    JSON.stringify({ ...EMPTY_PRIVATE_DATA, nationalId }),
    privateAad(companyId, employeeId),
  )
  await trx
    .updateTable('org_employee_private')
    .set((eb) => ({ sealed, updated_at: now, version: eb('version', '+', 1) }))
    .where('company_id', '=', companyId)
    .where('employee_id', '=', employeeId)
    .execute()
}
