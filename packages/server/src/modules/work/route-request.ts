import type { Kysely } from 'kysely'
import { departmentSubtree } from '../org/index.ts'
import { priorityName, priorityRank } from './catalog-documents.ts'
import type { RequestTypeView, RoutingRuleView } from './request-types.ts'
import type { FieldValues, WorkDeps } from './work.tables.ts'

export interface Routing {
  readonly queueId: string
  readonly priority: number
  /** Why this queue and priority, in words the item page shows. */
  readonly explanation: string
}

const asNumber = (value: string | number) => (typeof value === 'number' ? value : Number(value))

/** Whether one field condition holds for the submitted answers (money and numbers compare as numbers). */
export function fieldConditionHolds(rule: NonNullable<RoutingRuleView['field']>, values: FieldValues): boolean {
  const answer = values[rule.key]
  if (answer === undefined || answer === null) return rule.operator === 'not_equals'
  switch (rule.operator) {
    case 'equals':
      return String(answer).toLowerCase() === rule.value.toLowerCase()
    case 'not_equals':
      return String(answer).toLowerCase() !== rule.value.toLowerCase()
    case 'greater_than':
      return asNumber(answer) > Number(rule.value)
    case 'less_than':
      return asNumber(answer) < Number(rule.value)
    case 'contains':
      return String(answer).toLowerCase().includes(rule.value.toLowerCase())
  }
}

const OPERATOR_WORDS = {
  equals: 'is',
  not_equals: 'is not',
  greater_than: 'is over',
  less_than: 'is under',
  contains: 'contains',
} as const

function describe(
  rule: RoutingRuleView,
  index: number,
  type: RequestTypeView,
  departments: ReadonlyMap<string, string>,
) {
  const conditions: string[] = []
  if (rule.requesterDepartmentId)
    conditions.push(`the requester is in ${departments.get(rule.requesterDepartmentId) ?? 'a department'}`)
  if (rule.field) {
    const label = type.fields.find((f) => f.key === rule.field?.key)?.label ?? rule.field.key
    conditions.push(`${label} ${OPERATOR_WORDS[rule.field.operator]} ${rule.field.value}`)
  }
  return `rule ${String(index + 1)}${conditions.length > 0 ? ` (${conditions.join(' and ')})` : ''}`
}

/**
 * Chooses the queue and priority of a new request: the type's routing rules
 * in order, the first matching rule that names a queue choosing the queue and
 * the first that names a priority the priority; the type's defaults
 * otherwise. A department condition also matches departments below it.
 */
export async function routeRequest(
  db: Kysely<WorkDeps>,
  companyId: string,
  type: RequestTypeView,
  requesterDepartmentId: string | null,
  values: FieldValues,
  queueNames: ReadonlyMap<string, string>,
  departmentNames: ReadonlyMap<string, string>,
): Promise<Routing> {
  let queue: { id: string; why: string } | null = null
  let priority: { rank: number; why: string } | null = null
  for (const [index, rule] of type.routingRules.entries()) {
    if (queue && priority) break
    if (rule.requesterDepartmentId) {
      if (!requesterDepartmentId) continue
      const covered = await departmentSubtree(db, companyId, [rule.requesterDepartmentId])
      if (!covered.includes(requesterDepartmentId)) continue
    }
    if (rule.field && !fieldConditionHolds(rule.field, values)) continue
    const why = describe(rule, index, type, departmentNames)
    if (!queue && rule.queueId) queue = { id: rule.queueId, why }
    if (!priority && rule.priority) priority = { rank: priorityRank(rule.priority), why }
  }
  const queueId = queue?.id ?? type.defaultQueueId
  const rank = priority?.rank ?? priorityRank(type.defaultPriority)
  const queueName = queueNames.get(queueId) ?? 'the queue'
  const queuePart = queue
    ? `Routed to ${queueName} by ${queue.why}.`
    : `Routed to ${queueName}, the default queue of ${type.name}.`
  const priorityPart = priority
    ? `Priority ${priorityName(rank)} by ${priority.why}.`
    : `Priority ${priorityName(rank)}, the default of ${type.name}.`
  return { queueId, priority: rank, explanation: `${queuePart} ${priorityPart}` }
}
