import { conflict, inTransaction, invalidField, isCalendarDate, newId, notFound } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import type { OrgDeps, RetentionCategory } from './org.tables.ts'

/**
 * A retention hold says "the law (or a dispute) needs these records kept":
 * payroll and tax keep salary history and payslips for their statutory
 * period, a contract hold keeps the employment contract, a legal claim keeps
 * everything (erasure is refused until it is released). Later modules (payroll)
 * place holds inside their own transaction with `placeRetentionHold`.
 */
export interface RetentionHoldView {
  readonly id: string
  readonly employeeId: string
  readonly category: RetentionCategory
  readonly reason: string
  readonly heldUntilDate: string | null
  readonly placedBy: string | null
  readonly placedAt: Date
  readonly releasedAt: Date | null
  readonly releasedBy: string | null
}

export interface RetentionHoldInput {
  readonly employeeId: string
  readonly category: RetentionCategory
  readonly reason: string
  /** The last day the records must be kept; null until released. */
  readonly heldUntilDate: string | null
}

/** In force on `today`: not released and not run out. */
export const isHoldActive = (hold: RetentionHoldView, today: string) =>
  hold.releasedAt === null && (hold.heldUntilDate === null || hold.heldUntilDate >= today)

export async function listRetentionHolds(
  db: Kysely<OrgDeps>,
  companyId: string,
  employeeId: string,
): Promise<RetentionHoldView[]> {
  const rows = await db
    .selectFrom('org_retention_hold')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('employee_id', '=', employeeId)
    .orderBy('placed_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    employeeId: row.employee_id,
    category: row.category,
    reason: row.reason,
    heldUntilDate: row.held_until_date,
    placedBy: row.placed_by,
    placedAt: row.placed_at,
    releasedAt: row.released_at,
    releasedBy: row.released_by,
  }))
}

/** Places a hold. Given a transaction (payroll's, when it closes a run), it runs inside it. */
export async function placeRetentionHold(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  input: RetentionHoldInput,
  now: Date,
): Promise<RetentionHoldView> {
  return inTransaction(db, (trx) => insertHold(trx, context, input, now))
}

async function insertHold(
  trx: Kysely<OrgDeps>,
  context: AuditContext,
  input: RetentionHoldInput,
  now: Date,
): Promise<RetentionHoldView> {
  const reason = input.reason.trim()
  if (!reason) throw invalidField('org.invalid_reason', '/body/reason', 'Say why the records are held.')
  if (input.heldUntilDate !== null && !isCalendarDate(input.heldUntilDate))
    throw invalidField('org.invalid_date', '/body/heldUntilDate', 'Not a real date.')
  const employee = await trx
    .selectFrom('org_employee')
    .select('id')
    .where('company_id', '=', context.companyId)
    .where('id', '=', input.employeeId)
    .executeTakeFirst()
  if (!employee) throw notFound('org.employee_not_found', 'No such employee.')
  const id = newId()
  await trx
    .insertInto('org_retention_hold')
    .values({
      company_id: context.companyId,
      id,
      employee_id: input.employeeId,
      category: input.category,
      reason,
      held_until_date: input.heldUntilDate,
      placed_by: context.actorId,
      placed_at: now,
    })
    .execute()
  await recordAudit(trx, context, {
    action: 'org.employee.retention_hold_placed',
    entityType: 'employee',
    entityId: input.employeeId,
    changes: {
      hold: { before: null, after: id },
      category: { before: null, after: input.category },
      heldUntilDate: { before: null, after: input.heldUntilDate },
    },
  })
  const holds = await listRetentionHolds(trx, context.companyId, input.employeeId)
  const placed = holds.find((hold) => hold.id === id)
  if (!placed) throw new Error('the hold just placed is missing')
  return placed
}

/** Releases a hold (the claim settled, the period ended early by law); released holds stay listed. */
export async function releaseRetentionHold(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  employeeId: string,
  holdId: string,
  now: Date,
): Promise<RetentionHoldView> {
  return inTransaction(db, (trx) => markReleased(trx, context, employeeId, holdId, now))
}

async function markReleased(
  trx: Kysely<OrgDeps>,
  context: AuditContext,
  employeeId: string,
  holdId: string,
  now: Date,
): Promise<RetentionHoldView> {
  const released = await trx
    .updateTable('org_retention_hold')
    .set({ released_at: now, released_by: context.actorId })
    .where('company_id', '=', context.companyId)
    .where('employee_id', '=', employeeId)
    .where('id', '=', holdId)
    .where('released_at', 'is', null)
    .returning('category')
    .executeTakeFirst()
  if (!released) {
    const exists = (await listRetentionHolds(trx, context.companyId, employeeId)).some((hold) => hold.id === holdId)
    if (!exists) throw notFound('org.retention_hold_not_found', 'No such retention hold.')
    throw conflict('org.retention_hold_released', 'This hold was already released.')
  }
  await recordAudit(trx, context, {
    action: 'org.employee.retention_hold_released',
    entityType: 'employee',
    entityId: employeeId,
    changes: { hold: { before: holdId, after: null }, category: { before: released.category, after: null } },
  })
  const holds = await listRetentionHolds(trx, context.companyId, employeeId)
  const hold = holds.find((h) => h.id === holdId)
  if (!hold) throw new Error('the hold just released is missing')
  return hold
}
