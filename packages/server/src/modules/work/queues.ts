import { notFound } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { firmContractRefs, peopleFacts, unitNames, type ContractRef } from '../org/index.ts'
import type { AssignmentStrategy, WorkDeps } from './work.tables.ts'

export interface QueueView {
  readonly id: string
  readonly key: string
  readonly name: string
  readonly department: { id: string; name: string } | null
  readonly team: { id: string; name: string } | null
  readonly strategy: AssignmentStrategy
  readonly skillId: string | null
  readonly skillMinLevel: number | null
  readonly members: { employeeId: string; name: string }[]
  /** Outsourcing contracts whose firm's staff work this queue while the contract runs. */
  readonly contracts: ContractRef[]
  readonly openItems: number
  readonly archived: boolean
  readonly version: number
}

/** The company's queues with their members and how many items wait in each. */
export async function listQueues(
  db: Kysely<WorkDeps>,
  companyId: string,
  filter: { includeArchived?: boolean; ids?: readonly string[] } = {},
): Promise<QueueView[]> {
  let query = db
    .selectFrom('work_queue as q')
    .selectAll('q')
    .select((eb) =>
      eb
        .selectFrom('work_item as i')
        .select(eb.fn.countAll<bigint>().as('n'))
        .whereRef('i.company_id', '=', 'q.company_id')
        .whereRef('i.queue_id', '=', 'q.id')
        .where('i.status_category', 'in', ['new', 'open', 'waiting'])
        .as('open_items'),
    )
    .where('q.company_id', '=', companyId)
  if (!filter.includeArchived) query = query.where('q.archived_at', 'is', null)
  if (filter.ids)
    query = filter.ids.length === 0 ? query.where('q.id', 'is', null) : query.where('q.id', 'in', filter.ids)
  const queues = await query.orderBy('q.name').execute()
  if (queues.length === 0) return []
  const members = await db
    .selectFrom('work_queue_member')
    .select(['queue_id', 'employee_id'])
    .where('company_id', '=', companyId)
    .where(
      'queue_id',
      'in',
      queues.map((q) => q.id),
    )
    .execute()
  const served = await db
    .selectFrom('work_queue_contract')
    .select(['queue_id', 'contract_id'])
    .where('company_id', '=', companyId)
    .where(
      'queue_id',
      'in',
      queues.map((q) => q.id),
    )
    .execute()
  const [people, units, contracts] = await Promise.all([
    peopleFacts(db, companyId, { employeeIds: [...new Set(members.map((m) => m.employee_id))] }),
    unitNames(db, companyId, {
      departmentIds: queues.flatMap((q) => (q.department_id ? [q.department_id] : [])),
      teamIds: queues.flatMap((q) => (q.team_id ? [q.team_id] : [])),
    }),
    firmContractRefs(db, companyId, { ids: [...new Set(served.map((s) => s.contract_id))] }),
  ])
  const nameOf = new Map(people.map((p) => [p.employeeId, p.name]))
  return queues.map((q) => ({
    id: q.id,
    key: q.key,
    name: q.name,
    department: q.department_id ? { id: q.department_id, name: units.departments.get(q.department_id) ?? '' } : null,
    team: q.team_id ? { id: q.team_id, name: units.teams.get(q.team_id) ?? '' } : null,
    strategy: q.strategy,
    skillId: q.skill_id,
    skillMinLevel: q.skill_min_level,
    members: members
      .filter((m) => m.queue_id === q.id)
      .map((m) => ({ employeeId: m.employee_id, name: nameOf.get(m.employee_id) ?? '' }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    contracts: contracts.filter((c) => served.some((s) => s.queue_id === q.id && s.contract_id === c.id)),
    openItems: Number(q.open_items ?? 0n),
    archived: q.archived_at !== null,
    version: q.version,
  }))
}

export async function getQueue(db: Kysely<WorkDeps>, companyId: string, id: string): Promise<QueueView> {
  const [queue] = await listQueues(db, companyId, { includeArchived: true, ids: [id] })
  if (!queue) throw notFound('work.queue_not_found', 'No such queue.')
  return queue
}
