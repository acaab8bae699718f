import { notFound } from '@keel/kernel'
import { sql, type Kysely } from 'kysely'
import type { OrgDeps } from './org.tables.ts'
import { compensationHistory } from './private-data.ts'

export interface HistoryEventView {
  readonly kind: 'placement' | 'compensation'
  readonly effectiveDate: string
  readonly recordedAt: Date
  readonly recordedBy: { id: string; name: string } | null
  readonly reason: string | null
  readonly changes: { field: string; before: string | null; after: string | null }[]
  readonly future: boolean
}

const PLACEMENT_FIELDS = [
  ['employmentType', 'employment_type'],
  ['department', 'department_id'],
  ['team', 'team_id'],
  ['position', 'position_id'],
  ['manager', 'manager_id'],
  ['location', 'location_id'],
] as const

/**
 * A person's timeline: every placement (and, with `withCompensation`, every
 * salary) in effective-date order, each with what changed from the row before
 * it — names, not ids — who recorded it and why.
 */
export async function employeeHistory(
  db: Kysely<OrgDeps>,
  key: Buffer,
  companyId: string,
  employeeId: string,
  today: string,
  options: { withCompensation: boolean; userNames: (ids: readonly string[]) => Promise<ReadonlyMap<string, string>> },
): Promise<HistoryEventView[]> {
  const exists = await db
    .selectFrom('org_employee')
    .select('id')
    .where('company_id', '=', companyId)
    .where('id', '=', employeeId)
    .executeTakeFirst()
  if (!exists) throw notFound('org.employee_not_found', 'No such employee.')
  const placements = await db
    .selectFrom('org_placement')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('employee_id', '=', employeeId)
    .orderBy('effective_date')
    .orderBy('recorded_at')
    .orderBy('id')
    .execute()
  // Names of everything the rows point at, in one query.
  const { rows: named } = await sql<{ id: string; name: string }>`
    select id, name from org_department where company_id = ${companyId}
    union all select id, name from org_team where company_id = ${companyId}
    union all select id, title from org_position where company_id = ${companyId}
    union all select id, name from org_location where company_id = ${companyId}
    union all select id, coalesce(preferred_name, legal_name) from org_employee where company_id = ${companyId}
      and id in (select manager_id from org_placement where company_id = ${companyId} and employee_id = ${employeeId} and manager_id is not null)`.execute(
    db,
  )
  const names = new Map(named.map((r) => [r.id, r.name]))
  const label = (field: string, value: string | null) =>
    value === null ? null : field === 'employmentType' ? value : (names.get(value) ?? value)

  const events: (Omit<HistoryEventView, 'recordedBy'> & { recordedById: string | null })[] = []
  let previous: (typeof placements)[number] | null = null
  for (const row of placements) {
    const changes = PLACEMENT_FIELDS.flatMap(([field, column]) => {
      const before = previous ? previous[column] : null
      const after = row[column]
      return previous && before === after ? [] : [{ field, before: label(field, before), after: label(field, after) }]
    }).filter((c) => previous !== null || c.after !== null)
    events.push({
      kind: 'placement',
      effectiveDate: row.effective_date,
      recordedAt: row.recorded_at,
      recordedById: row.recorded_by,
      reason: row.reason,
      changes,
      future: row.effective_date > today,
    })
    previous = row
  }
  if (options.withCompensation) {
    let before: string | null = null
    for (const row of await compensationHistory(db, key, companyId, employeeId)) {
      const after = `${row.salary.amount} ${row.salary.currency} per ${row.salary.period}`
      events.push({
        kind: 'compensation',
        effectiveDate: row.effectiveDate,
        recordedAt: row.recordedAt,
        recordedById: row.recordedBy,
        reason: row.reason,
        changes: [{ field: 'salary', before, after }],
        future: row.effectiveDate > today,
      })
      before = after
    }
  }
  events.sort((a, b) =>
    a.effectiveDate === b.effectiveDate
      ? a.recordedAt.getTime() - b.recordedAt.getTime()
      : a.effectiveDate < b.effectiveDate
        ? -1
        : 1,
  )
  const recorders = await options.userNames([
    ...new Set(events.flatMap((e) => (e.recordedById ? [e.recordedById] : []))),
  ])
  return events.map(({ recordedById, ...event }) => ({
    ...event,
    recordedBy: recordedById ? { id: recordedById, name: recorders.get(recordedById) ?? 'Unknown user' } : null,
  }))
}
