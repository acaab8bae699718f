import { notFound } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { unitNames } from '../org/index.ts'
import { priorityName, type FieldDefinition, type PriorityName, type Workflow } from './catalog-documents.ts'
import type { FieldOperator, WorkDeps } from './work.tables.ts'

export interface RoutingRuleView {
  readonly requesterDepartmentId: string | null
  readonly field: { key: string; operator: FieldOperator; value: string } | null
  readonly queueId: string | null
  readonly priority: PriorityName | null
}

export interface RequestTypeView {
  readonly id: string
  readonly key: string
  readonly name: string
  readonly description: string
  readonly department: { id: string; name: string }
  readonly defaultQueueId: string
  readonly defaultPriority: PriorityName
  readonly requiredSkill: { skillId: string; minLevel: number } | null
  readonly fields: FieldDefinition[]
  readonly workflow: Workflow
  readonly routingRules: RoutingRuleView[]
  readonly archived: boolean
  readonly version: number
}

/** Request types with their forms, workflows and routing rules, by department and name. */
export async function listRequestTypes(
  db: Kysely<WorkDeps>,
  companyId: string,
  filter: { includeArchived?: boolean; ids?: readonly string[] } = {},
): Promise<RequestTypeView[]> {
  let query = db.selectFrom('work_request_type').selectAll().where('company_id', '=', companyId)
  if (!filter.includeArchived) query = query.where('archived_at', 'is', null)
  if (filter.ids) query = filter.ids.length === 0 ? query.where('id', 'is', null) : query.where('id', 'in', filter.ids)
  const types = await query.orderBy('name').execute()
  if (types.length === 0) return []
  const [rules, units] = await Promise.all([
    db
      .selectFrom('work_routing_rule')
      .selectAll()
      .where('company_id', '=', companyId)
      .where(
        'type_id',
        'in',
        types.map((t) => t.id),
      )
      .orderBy('type_id')
      .orderBy('position')
      .execute(),
    unitNames(db, companyId, { departmentIds: types.map((t) => t.department_id), teamIds: [] }),
  ])
  return types
    .map((t) => ({
      id: t.id,
      key: t.key,
      name: t.name,
      description: t.description,
      department: { id: t.department_id, name: units.departments.get(t.department_id) ?? '' },
      defaultQueueId: t.default_queue_id,
      defaultPriority: priorityName(t.default_priority),
      requiredSkill:
        t.required_skill_id === null ? null : { skillId: t.required_skill_id, minLevel: t.required_skill_level ?? 1 },
      fields: t.fields,
      workflow: t.workflow,
      routingRules: rules
        .filter((r) => r.type_id === t.id)
        .map((r) => ({
          requesterDepartmentId: r.when_requester_department_id,
          field:
            r.when_field_key && r.when_field_operator
              ? { key: r.when_field_key, operator: r.when_field_operator, value: r.when_field_value ?? '' }
              : null,
          queueId: r.then_queue_id,
          priority: r.then_priority === null ? null : priorityName(r.then_priority),
        })),
      archived: t.archived_at !== null,
      version: t.version,
    }))
    .sort((a, b) => a.department.name.localeCompare(b.department.name) || a.name.localeCompare(b.name))
}

export async function getRequestType(db: Kysely<WorkDeps>, companyId: string, id: string): Promise<RequestTypeView> {
  const [type] = await listRequestTypes(db, companyId, { includeArchived: true, ids: [id] })
  if (!type) throw notFound('work.request_type_not_found', 'No such request type.')
  return type
}
