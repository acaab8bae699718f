import { inTransaction, invalidField } from '@keel/kernel'
import type { Kysely } from 'kysely'
import type { AuditContext } from '../audit/index.ts'
import { peopleFacts, workingStatesAt } from '../org/index.ts'
import { chooseAssignee } from './choose-assignee.ts'
import { itemFor } from './item-access.ts'
import { recordItemChange } from './item-history.ts'
import { getRequestType } from './request-types.ts'
import { saveItem } from './save-item.ts'
import { assertVersion } from './work-errors.ts'
import type { WorkViewer } from './work-viewer.ts'
import type { WorkDeps } from './work.tables.ts'

export type AssignInput = { readonly employeeId: string | null } | { readonly automatic: true }

/**
 * Assigns an item: to a named member of its queue (someone absent now cannot
 * be given work; off shift is noted), to nobody, or automatically by the
 * queue's strategy. The explanation is stored on the item and in its history.
 */
export async function assignItem(
  db: Kysely<WorkDeps>,
  context: AuditContext,
  viewer: WorkViewer,
  id: string,
  input: AssignInput,
  now: Date,
  actorName: string,
  expectedVersion?: number,
) {
  return inTransaction(db, async (transaction) => {
    const trx: Kysely<WorkDeps> = transaction
    const item = await itemFor(trx, viewer, id, 'work')
    assertVersion(item.version, expectedVersion, 'item')
    const queue = await trx
      .selectFrom('work_queue')
      .select(['id', 'name', 'strategy', 'skill_id', 'skill_min_level', 'last_assigned_employee_id'])
      .where('company_id', '=', viewer.companyId)
      .where('id', '=', item.queue_id)
      .forUpdate()
      .executeTakeFirstOrThrow()
    let assignee: { employeeId: string; userId: string | null; name: string } | null
    let explanation: string
    if ('automatic' in input) {
      if (queue.strategy === 'manual')
        throw invalidField('work.manual_queue', '/body/automatic', `${queue.name} assigns by hand: choose a member.`)
      const type = await getRequestType(trx, viewer.companyId, item.type_id)
      const chosen = await chooseAssignee(
        trx,
        viewer.companyId,
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
      assignee = chosen.assignee
      explanation = chosen.explanation
    } else if (input.employeeId === null) {
      assignee = null
      explanation = `Unassigned by ${actorName}.`
    } else {
      const employeeId = input.employeeId
      const member = await trx
        .selectFrom('work_queue_member')
        .select('employee_id')
        .where('company_id', '=', viewer.companyId)
        .where('queue_id', '=', queue.id)
        .where('employee_id', '=', employeeId)
        .executeTakeFirst()
      const [person] = await peopleFacts(trx, viewer.companyId, { employeeIds: [employeeId] })
      if (!member || !person?.active)
        throw invalidField(
          'work.not_a_member',
          '/body/employeeId',
          `Only members of ${queue.name} can be assigned its items.`,
        )
      const state = (await workingStatesAt(trx, viewer.companyId, [employeeId], now)).get(employeeId)
      if (state === 'absent')
        throw invalidField(
          'work.assignee_absent',
          '/body/employeeId',
          `${person.name} is absent now; choose someone else.`,
        )
      assignee = { employeeId, userId: person.userId, name: person.name }
      explanation = `Assigned to ${person.name} by ${actorName} by hand${state === 'off_shift' ? ` (${person.name} is off shift now)` : ''}.`
    }
    await saveItem(
      trx,
      item,
      {
        assignee_employee_id: assignee?.employeeId ?? null,
        assignee_user_id: assignee?.userId ?? null,
        assignment_explanation: explanation,
      },
      now,
    )
    if (assignee)
      await trx
        .updateTable('work_queue')
        .set({ last_assigned_employee_id: assignee.employeeId })
        .where('company_id', '=', viewer.companyId)
        .where('id', '=', queue.id)
        .execute()
    const [before] = item.assignee_employee_id
      ? await peopleFacts(trx, viewer.companyId, { employeeIds: [item.assignee_employee_id] })
      : []
    await recordItemChange(
      trx,
      context,
      {
        itemId: id,
        kind: 'assigned',
        summary: explanation,
        changes: { assignee: { before: before?.name ?? null, after: assignee?.name ?? null } },
      },
      now,
    )
  })
}
