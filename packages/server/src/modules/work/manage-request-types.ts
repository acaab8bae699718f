import { inTransaction, invalidField, isUniqueViolation, newId, notFound } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import {
  checkFieldDefinitions,
  checkWorkflow,
  priorityRank,
  type FieldDefinition,
  type PriorityName,
  type Workflow,
} from './catalog-documents.ts'
import { getRequestType, type RequestTypeView, type RoutingRuleView } from './request-types.ts'
import { assertVersion, mapMissingReference } from './work-errors.ts'
import type { WorkDeps } from './work.tables.ts'

export interface RequestTypeInput {
  readonly key: string
  readonly name: string
  readonly description?: string | undefined
  readonly departmentId: string
  readonly defaultQueueId: string
  readonly defaultPriority: PriorityName
  readonly requiredSkill?: { skillId: string; minLevel: number } | null | undefined
  readonly fields: readonly FieldDefinition[]
  readonly workflow: Workflow
  readonly routingRules: readonly RoutingRuleView[]
  readonly archived?: boolean | undefined
}

const REFERENCES = {
  department_id: '/body/departmentId',
  default_queue_id: '/body/defaultQueueId',
  required_skill_id: '/body/requiredSkill/skillId',
  when_requester_department_id: '/body/routingRules',
  then_queue_id: '/body/routingRules',
}

function checkInput(input: RequestTypeInput) {
  checkFieldDefinitions(input.fields)
  checkWorkflow(input.workflow)
  for (const [index, rule] of input.routingRules.entries()) {
    const at = `/body/routingRules/${String(index)}`
    if (rule.field && !input.fields.some((f) => f.key === rule.field?.key))
      throw invalidField('work.unknown_field', `${at}/field/key`, 'The rule names a field this form does not have.')
    if (rule.queueId === null && rule.priority === null)
      throw invalidField('work.empty_rule', at, 'A rule sets a queue, a priority or both.')
  }
}

async function writeRules(db: Kysely<WorkDeps>, companyId: string, typeId: string, rules: readonly RoutingRuleView[]) {
  await db.deleteFrom('work_routing_rule').where('company_id', '=', companyId).where('type_id', '=', typeId).execute()
  if (rules.length > 0)
    await db
      .insertInto('work_routing_rule')
      .values(
        rules.map((rule, position) => ({
          company_id: companyId,
          type_id: typeId,
          position,
          when_requester_department_id: rule.requesterDepartmentId,
          when_field_key: rule.field?.key ?? null,
          when_field_operator: rule.field?.operator ?? null,
          when_field_value: rule.field?.value ?? null,
          then_queue_id: rule.queueId,
          then_priority: rule.priority === null ? null : priorityRank(rule.priority),
        })),
      )
      .execute()
}

const columnsOf = (input: RequestTypeInput) => ({
  key: input.key,
  name: input.name.trim(),
  description: input.description?.trim() ?? '',
  department_id: input.departmentId,
  default_queue_id: input.defaultQueueId,
  default_priority: priorityRank(input.defaultPriority),
  required_skill_id: input.requiredSkill?.skillId ?? null,
  required_skill_level: input.requiredSkill?.minLevel ?? null,
  fields: JSON.stringify(input.fields),
  workflow: JSON.stringify(input.workflow),
})

const failed = (error: unknown): never => {
  if (isUniqueViolation(error))
    throw invalidField('work.request_type_key_taken', '/body/key', 'Another type has this key.')
  return mapMissingReference(error, REFERENCES)
}

export async function createRequestType(
  db: Kysely<WorkDeps>,
  context: AuditContext,
  input: RequestTypeInput,
  now: Date,
): Promise<RequestTypeView> {
  checkInput(input)
  const id = newId()
  try {
    return await inTransaction(db, async (trx) => {
      await trx
        .insertInto('work_request_type')
        .values({ company_id: context.companyId, id, ...columnsOf(input), archived_at: null, created_at: now })
        .execute()
      await writeRules(trx, context.companyId, id, input.routingRules)
      await recordAudit(trx, context, {
        action: 'work.request_type.created',
        entityType: 'work_request_type',
        entityId: id,
        changes: {
          name: { before: null, after: input.name.trim() },
          fields: { before: null, after: input.fields.length },
        },
      })
      return getRequestType(trx, context.companyId, id)
    })
  } catch (error) {
    return failed(error)
  }
}

export async function updateRequestType(
  db: Kysely<WorkDeps>,
  context: AuditContext,
  id: string,
  input: RequestTypeInput,
  now: Date,
  expectedVersion?: number,
): Promise<RequestTypeView> {
  checkInput(input)
  try {
    return await inTransaction(db, async (trx) => {
      const before = await getRequestType(trx, context.companyId, id)
      assertVersion(before.version, expectedVersion, 'request type')
      const archived = input.archived ?? before.archived
      const updated = await trx
        .updateTable('work_request_type')
        .set((eb) => ({
          ...columnsOf(input),
          archived_at: archived ? (before.archived ? undefined : now) : null,
          version: eb('version', '+', 1),
        }))
        .where('company_id', '=', context.companyId)
        .where('id', '=', id)
        .executeTakeFirst()
      if (updated.numUpdatedRows === 0n) throw notFound('work.request_type_not_found', 'No such request type.')
      await writeRules(trx, context.companyId, id, input.routingRules)
      const after = await getRequestType(trx, context.companyId, id)
      await recordAudit(trx, context, {
        action: 'work.request_type.updated',
        entityType: 'work_request_type',
        entityId: id,
        changes: {
          name: { before: before.name, after: after.name },
          fields: { before: before.fields.map((f) => f.key), after: after.fields.map((f) => f.key) },
          statuses: {
            before: before.workflow.statuses.map((s) => s.key),
            after: after.workflow.statuses.map((s) => s.key),
          },
          routingRules: { before: before.routingRules.length, after: after.routingRules.length },
          archived: { before: before.archived, after: after.archived },
        },
      })
      return after
    })
  } catch (error) {
    return failed(error)
  }
}
