import type { Kysely } from 'kysely'
import { peopleFacts, peopleWithSkill, skillNames, workingStatesAt, type PersonFacts } from '../org/index.ts'
import type { AssignmentStrategy, WorkDeps } from './work.tables.ts'

export interface AssignmentQueue {
  readonly id: string
  readonly name: string
  readonly strategy: AssignmentStrategy
  readonly skillId: string | null
  readonly skillMinLevel: number | null
  readonly lastAssignedEmployeeId: string | null
}

export interface Assignment {
  readonly assignee: { employeeId: string; userId: string | null; name: string } | null
  /** Why this person (or nobody), in words the item page shows. */
  readonly explanation: string
}

const STRATEGY_WORDS: Record<AssignmentStrategy, string> = {
  manual: 'by hand',
  round_robin: 'round robin',
  least_loaded: 'least loaded',
  by_skill: 'skill',
}

const byName = (a: PersonFacts, b: PersonFacts) =>
  a.name.localeCompare(b.name) || a.employeeId.localeCompare(b.employeeId)

/** Open items (new, open or waiting) assigned to each of the people, across all queues. */
async function openItemCounts(db: Kysely<WorkDeps>, companyId: string, employeeIds: readonly string[]) {
  if (employeeIds.length === 0) return new Map<string, number>()
  const rows = await db
    .selectFrom('work_item')
    .select(['assignee_employee_id', (eb) => eb.fn.countAll<bigint>().as('n')])
    .where('company_id', '=', companyId)
    .where('assignee_employee_id', 'in', employeeIds)
    .where('status_category', 'in', ['new', 'open', 'waiting'])
    .groupBy('assignee_employee_id')
    .execute()
  return new Map(rows.map((r) => [r.assignee_employee_id ?? '', Number(r.n)]))
}

const plural = (n: number, word: string) => `${String(n)} ${word}${n === 1 ? '' : 's'}`

/**
 * Chooses who gets a new item of a queue, by the queue's strategy, among its
 * members who work right now: anyone absent (leave, sickness) or outside
 * their working hours at `now` is passed over, and the explanation says so.
 * By skill, only members with the required skill at the required level count
 * (the type's requirement, else the queue's), the most skilled first, then
 * the least loaded. Manual queues assign nobody: a worker triages.
 */
export async function chooseAssignee(
  db: Kysely<WorkDeps>,
  companyId: string,
  queue: AssignmentQueue,
  requiredSkill: { skillId: string; minLevel: number } | null,
  now: Date,
): Promise<Assignment> {
  if (queue.strategy === 'manual')
    return { assignee: null, explanation: `${queue.name} assigns by hand: the item waits in the queue for triage.` }
  const memberIds = (
    await db
      .selectFrom('work_queue_member')
      .select('employee_id')
      .where('company_id', '=', companyId)
      .where('queue_id', '=', queue.id)
      .execute()
  ).map((m) => m.employee_id)
  let candidates = (await peopleFacts(db, companyId, { employeeIds: memberIds })).filter((p) => p.active).sort(byName)
  const notes: string[] = []
  const skill =
    queue.strategy === 'by_skill'
      ? (requiredSkill ?? (queue.skillId ? { skillId: queue.skillId, minLevel: queue.skillMinLevel ?? 1 } : null))
      : null
  const levels = new Map<string, number>()
  let skillLabel = ''
  if (skill) {
    const [holders, names] = await Promise.all([
      peopleWithSkill(db, companyId, skill.skillId, skill.minLevel),
      skillNames(db, companyId, [skill.skillId]),
    ])
    for (const h of holders) levels.set(h.employeeId, h.level)
    skillLabel = `${names.get(skill.skillId) ?? 'the skill'} at level ${String(skill.minLevel)} or higher`
    const lacking = candidates.filter((c) => !levels.has(c.employeeId))
    if (lacking.length > 0)
      notes.push(`${lacking.map((c) => c.name).join(', ')} ${lacking.length === 1 ? 'lacks' : 'lack'} ${skillLabel}`)
    candidates = candidates.filter((c) => levels.has(c.employeeId))
  }
  const states = await workingStatesAt(
    db,
    companyId,
    candidates.map((c) => c.employeeId),
    now,
  )
  const away = candidates.filter((c) => states.get(c.employeeId) !== 'working')
  for (const person of away)
    notes.push(`${person.name} is ${states.get(person.employeeId) === 'absent' ? 'absent' : 'off shift'} now`)
  const available = candidates.filter((c) => states.get(c.employeeId) === 'working')
  const skipped = notes.length > 0 ? ` Passed over: ${notes.join('; ')}.` : ''
  if (available.length === 0)
    return {
      assignee: null,
      explanation: `Nobody in ${queue.name} could take it now, so it waits in the queue.${skipped}`,
    }
  const loads = await openItemCounts(
    db,
    companyId,
    available.map((c) => c.employeeId),
  )
  const load = (p: PersonFacts) => loads.get(p.employeeId) ?? 0
  let chosen: PersonFacts
  let reason: string
  switch (queue.strategy) {
    case 'round_robin': {
      const previous = lastPerson(candidates, queue.lastAssignedEmployeeId)
      chosen = (available.find((c) => byName(c, previous) > 0) ?? available[0]) as PersonFacts
      reason = 'the next in turn'
      break
    }
    case 'least_loaded': {
      chosen = [...available].sort((a, b) => load(a) - load(b) || byName(a, b))[0] as PersonFacts
      const others = available.filter((c) => c !== chosen).map((c) => `${c.name} ${String(load(c))}`)
      reason = `${plural(load(chosen), 'open item')}${others.length > 0 ? ` (others: ${others.join(', ')})` : ''}`
      break
    }
    case 'by_skill': {
      const level = (p: PersonFacts) => levels.get(p.employeeId) ?? 0
      chosen = [...available].sort((a, b) => level(b) - level(a) || load(a) - load(b) || byName(a, b))[0] as PersonFacts
      reason = `${skillLabel}: level ${String(level(chosen))}, ${plural(load(chosen), 'open item')}`
      break
    }
  }
  return {
    assignee: { employeeId: chosen.employeeId, userId: chosen.userId, name: chosen.name },
    explanation: `Assigned to ${chosen.name} by ${STRATEGY_WORDS[queue.strategy]} in ${queue.name}: ${reason}.${skipped}`,
  }
}

/** The person last assigned, to order round robin after them; a stand-in sorting before everyone when unknown. */
function lastPerson(candidates: readonly PersonFacts[], id: string | null): PersonFacts {
  return (
    candidates.find((c) => c.employeeId === id) ?? {
      employeeId: id ?? '',
      userId: null,
      name: '',
      departmentId: null,
      teamId: null,
      active: false,
    }
  )
}
