import { inTransaction, invalidField, isUniqueViolation, newId, notFound } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import { firmContractRefs, peopleFacts } from '../org/index.ts'
import { assertVersion, mapMissingReference } from './work-errors.ts'
import { getQueue, type QueueView } from './queues.ts'
import type { AssignmentStrategy, WorkDeps } from './work.tables.ts'

export interface QueueInput {
  readonly key: string
  readonly name: string
  readonly departmentId: string
  readonly teamId?: string | null | undefined
  readonly strategy: AssignmentStrategy
  readonly skillId?: string | null | undefined
  readonly skillMinLevel?: number | null | undefined
  readonly memberEmployeeIds: readonly string[]
  /** Outsourcing contracts whose firm works this queue; left as they are when undefined. */
  readonly contractIds?: readonly string[] | undefined
  readonly archived?: boolean | undefined
}

const REFERENCES = {
  department_id: '/body/departmentId',
  team_id: '/body/teamId',
  skill_id: '/body/skillId',
  employee_id: '/body/memberEmployeeIds',
}

async function checkQueueInput(db: Kysely<WorkDeps>, companyId: string, input: QueueInput) {
  if (input.strategy === 'by_skill' && !input.skillId)
    throw invalidField('work.skill_required', '/body/skillId', 'Assignment by skill needs the skill to look for.')
  const people = await peopleFacts(db, companyId, { employeeIds: input.memberEmployeeIds })
  for (const [index, id] of input.memberEmployeeIds.entries()) {
    const person = people.find((p) => p.employeeId === id)
    if (!person?.active)
      throw invalidField(
        'work.unknown_member',
        `/body/memberEmployeeIds/${String(index)}`,
        'No such active employee in this company.',
      )
  }
  if (input.contractIds && input.contractIds.length > 0) {
    const known = new Set((await firmContractRefs(db, companyId, { ids: input.contractIds })).map((c) => c.id))
    for (const [index, id] of input.contractIds.entries())
      if (!known.has(id))
        throw invalidField(
          'work.unknown_contract',
          `/body/contractIds/${String(index)}`,
          "No such contract of this company's outsourcing firms.",
        )
  }
}

/** Names the contracts whose firms work a queue (all of them, replacing what was there). */
async function replaceContracts(
  db: Kysely<WorkDeps>,
  companyId: string,
  queueId: string,
  ids: readonly string[] | undefined,
) {
  if (ids === undefined) return
  await db
    .deleteFrom('work_queue_contract')
    .where('company_id', '=', companyId)
    .where('queue_id', '=', queueId)
    .execute()
  const unique = [...new Set(ids)]
  if (unique.length > 0)
    await db
      .insertInto('work_queue_contract')
      .values(unique.map((contractId) => ({ company_id: companyId, queue_id: queueId, contract_id: contractId })))
      .execute()
}

async function replaceMembers(
  db: Kysely<WorkDeps>,
  companyId: string,
  queueId: string,
  ids: readonly string[],
  now: Date,
) {
  await db.deleteFrom('work_queue_member').where('company_id', '=', companyId).where('queue_id', '=', queueId).execute()
  const unique = [...new Set(ids)]
  if (unique.length > 0)
    await db
      .insertInto('work_queue_member')
      .values(
        unique.map((employeeId) => ({
          company_id: companyId,
          queue_id: queueId,
          employee_id: employeeId,
          added_at: now,
        })),
      )
      .execute()
}

const taken = (error: unknown) => {
  if (isUniqueViolation(error)) {
    const constraint = (error as { constraint?: string }).constraint ?? ''
    throw constraint.includes('key')
      ? invalidField('work.queue_key_taken', '/body/key', 'Another queue has this key.')
      : invalidField('work.queue_name_taken', '/body/name', 'Another queue has this name.')
  }
}

export async function createQueue(
  db: Kysely<WorkDeps>,
  context: AuditContext,
  input: QueueInput,
  now: Date,
): Promise<QueueView> {
  await checkQueueInput(db, context.companyId, input)
  const id = newId()
  try {
    return await inTransaction(db, async (trx) => {
      await trx
        .insertInto('work_queue')
        .values({
          company_id: context.companyId,
          id,
          key: input.key,
          name: input.name.trim(),
          department_id: input.departmentId,
          team_id: input.teamId ?? null,
          strategy: input.strategy,
          skill_id: input.skillId ?? null,
          skill_min_level: input.skillMinLevel ?? null,
          last_assigned_employee_id: null,
          archived_at: null,
          created_at: now,
        })
        .execute()
      await replaceMembers(trx, context.companyId, id, input.memberEmployeeIds, now)
      await replaceContracts(trx, context.companyId, id, input.contractIds)
      const created = await getQueue(trx, context.companyId, id)
      await recordAudit(trx, context, {
        action: 'work.queue.created',
        entityType: 'work_queue',
        entityId: id,
        changes: {
          name: { before: null, after: created.name },
          strategy: { before: null, after: created.strategy },
          members: { before: null, after: created.members.map((m) => m.name) },
          contracts: { before: null, after: created.contracts.map((c) => `${c.firm.name} ${c.reference}`) },
        },
      })
      return created
    })
  } catch (error) {
    taken(error)
    return mapMissingReference(error, REFERENCES)
  }
}

export async function updateQueue(
  db: Kysely<WorkDeps>,
  context: AuditContext,
  id: string,
  input: QueueInput,
  now: Date,
  expectedVersion?: number,
): Promise<QueueView> {
  await checkQueueInput(db, context.companyId, input)
  try {
    return await inTransaction(db, async (trx) => {
      const before = await getQueue(trx, context.companyId, id)
      assertVersion(before.version, expectedVersion, 'queue')
      const archived = input.archived ?? before.archived
      const updated = await trx
        .updateTable('work_queue')
        .set((eb) => ({
          key: input.key,
          name: input.name.trim(),
          department_id: input.departmentId,
          team_id: input.teamId ?? null,
          strategy: input.strategy,
          skill_id: input.skillId ?? null,
          skill_min_level: input.skillMinLevel ?? null,
          archived_at: archived ? (before.archived ? undefined : now) : null,
          version: eb('version', '+', 1),
        }))
        .where('company_id', '=', context.companyId)
        .where('id', '=', id)
        .executeTakeFirst()
      if (updated.numUpdatedRows === 0n) throw notFound('work.queue_not_found', 'No such queue.')
      await replaceMembers(trx, context.companyId, id, input.memberEmployeeIds, now)
      await replaceContracts(trx, context.companyId, id, input.contractIds)
      const after = await getQueue(trx, context.companyId, id)
      await recordAudit(trx, context, {
        action: 'work.queue.updated',
        entityType: 'work_queue',
        entityId: id,
        changes: {
          name: { before: before.name, after: after.name },
          strategy: { before: before.strategy, after: after.strategy },
          members: { before: before.members.map((m) => m.name), after: after.members.map((m) => m.name) },
          contracts: {
            before: before.contracts.map((c) => `${c.firm.name} ${c.reference}`),
            after: after.contracts.map((c) => `${c.firm.name} ${c.reference}`),
          },
          archived: { before: before.archived, after: after.archived },
        },
      })
      return after
    })
  } catch (error) {
    taken(error)
    return mapMissingReference(error, REFERENCES)
  }
}
