import { inTransaction, invalidField, newId, notFound } from '@keel/kernel'
import type { Kysely } from 'kysely'
import type { AuditContext } from '../audit/index.ts'
import { peopleFacts, unitNames } from '../org/index.ts'
import { priorityName, statusOf } from './catalog-documents.ts'
import { chooseAssignee } from './choose-assignee.ts'
import { recordItemChange } from './item-history.ts'
import { listRequestTypes } from './request-types.ts'
import { routeRequest } from './route-request.ts'
import { validateIntake, type SubmittedValue } from './validate-intake.ts'
import type { WorkDeps } from './work.tables.ts'

export interface SubmitRequestInput {
  readonly typeId: string
  readonly title: string
  readonly fields: Readonly<Record<string, SubmittedValue>>
  readonly dueDate?: string | null | undefined
}

/** The words of an item's form answers that a text search should find. */
const searchTextOf = (number: string, title: string, values: Record<string, string | number | null>) =>
  [number, title, ...Object.values(values).filter((v) => typeof v === 'string')].join(' ').toLowerCase().slice(0, 4000)

/**
 * Files a request from the catalog: validates the intake form, routes it
 * (queue, priority), numbers it in its queue, assigns it by the queue's
 * strategy, and records it in the item's history and the audit trail, all in
 * one transaction. The queue row is locked while numbering, so concurrent
 * submissions to one queue get consecutive numbers and a consistent round robin.
 */
export async function submitRequest(
  db: Kysely<WorkDeps>,
  context: AuditContext & { actorId: string },
  input: SubmitRequestInput,
  now: Date,
): Promise<{ id: string; number: string }> {
  const companyId = context.companyId
  const [type] = await listRequestTypes(db, companyId, { ids: [input.typeId] })
  if (!type) throw invalidField('work.unknown_request_type', '/body/typeId', 'No such request type in the catalog.')
  const values = await validateIntake(db, companyId, context.actorId, type.fields, input.fields)
  const [requester] = await peopleFacts(db, companyId, { userIds: [context.actorId] })
  const queues = await db.selectFrom('work_queue').select(['id', 'name']).where('company_id', '=', companyId).execute()
  const departmentIds = type.routingRules.flatMap((r) => (r.requesterDepartmentId ? [r.requesterDepartmentId] : []))
  const units = await unitNames(db, companyId, { departmentIds, teamIds: [] })
  const routing = await routeRequest(
    db,
    companyId,
    type,
    requester?.departmentId ?? null,
    values,
    new Map(queues.map((q) => [q.id, q.name])),
    units.departments,
  )
  const initial = statusOf(type.workflow, type.workflow.initial)
  if (!initial) throw notFound('work.invalid_workflow', 'The request type has no initial status.')
  return inTransaction(db, async (trx) => {
    const queue = await trx
      .updateTable('work_queue')
      .set((eb) => ({ next_number: eb('next_number', '+', 1n) }))
      .where('company_id', '=', companyId)
      .where('id', '=', routing.queueId)
      .returning([
        'id',
        'key',
        'name',
        'strategy',
        'skill_id',
        'skill_min_level',
        'last_assigned_employee_id',
        'next_number',
      ])
      .executeTakeFirst()
    if (!queue) throw notFound('work.queue_not_found', 'The queue this request routes to is gone.')
    const number = queue.next_number - 1n
    const itemNumber = `${queue.key}-${String(number)}`
    const assignment = await chooseAssignee(
      trx,
      companyId,
      {
        id: queue.id,
        name: queue.name,
        strategy: queue.strategy,
        skillId: queue.skill_id,
        skillMinLevel: queue.skill_min_level,
        lastAssignedEmployeeId: queue.last_assigned_employee_id,
      },
      type.requiredSkill,
      now,
    )
    const id = newId()
    await trx
      .insertInto('work_item')
      .values({
        company_id: companyId,
        id,
        number_prefix: queue.key,
        number,
        type_id: type.id,
        queue_id: queue.id,
        title: input.title.trim(),
        requester_user_id: context.actorId,
        requester_employee_id: requester?.employeeId ?? null,
        requester_department_id: requester?.departmentId ?? null,
        requester_team_id: requester?.teamId ?? null,
        status: initial.key,
        status_category: initial.category,
        priority: routing.priority,
        assignee_employee_id: assignment.assignee?.employeeId ?? null,
        assignee_user_id: assignment.assignee?.userId ?? null,
        assignment_explanation: assignment.explanation,
        routing_explanation: routing.explanation,
        due_date: input.dueDate ?? null,
        fields: JSON.stringify(values),
        tags: [],
        time_spent_minutes: 0,
        parent_item_id: null,
        search_text: searchTextOf(itemNumber, input.title.trim(), values),
        created_at: now,
        updated_at: now,
        resolved_at: null,
        closed_at: null,
      })
      .execute()
    const fileIds = type.fields.filter((f) => f.kind === 'attachment' && typeof values[f.key] === 'string')
    for (const field of fileIds)
      await trx
        .updateTable('work_attachment')
        .set({ item_id: id, field_key: field.key })
        .where('company_id', '=', companyId)
        .where('id', '=', String(values[field.key]))
        .execute()
    if (assignment.assignee)
      await trx
        .updateTable('work_queue')
        .set({ last_assigned_employee_id: assignment.assignee.employeeId })
        .where('company_id', '=', companyId)
        .where('id', '=', queue.id)
        .execute()
    await recordItemChange(
      trx,
      context,
      {
        itemId: id,
        kind: 'submitted',
        summary: `Submitted ${type.name} as ${itemNumber}. ${routing.explanation}`,
        changes: {
          number: { before: null, after: itemNumber },
          queue: { before: null, after: queue.name },
          priority: { before: null, after: priorityName(routing.priority) },
          status: { before: null, after: initial.key },
        },
      },
      now,
    )
    await recordItemChange(
      trx,
      { ...context, actorId: null, actorKind: 'system' },
      {
        itemId: id,
        kind: 'assigned',
        summary: assignment.explanation,
        changes: { assignee: { before: null, after: assignment.assignee?.name ?? null } },
      },
      now,
    )
    return { id, number: itemNumber }
  })
}
