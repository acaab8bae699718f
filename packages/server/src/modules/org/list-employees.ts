import { reachCondition, type Reach, type ReachSubject } from '@keel/kernel'
import { sql, type Kysely } from 'kysely'
import {
  EMPLOYEE_REACH_COLUMNS,
  employeeQuery,
  toDirectoryEntry,
  toEmployment,
  type EmployeeRow,
} from './employee-views.ts'
import type { EmployeeStatus, OrgDeps } from './org.tables.ts'

export interface PeopleFilter {
  readonly q?: string | undefined
  readonly departmentId?: string | undefined
  readonly teamId?: string | undefined
  readonly locationId?: string | undefined
  readonly positionId?: string | undefined
  readonly managerId?: string | undefined
}

/** Keyset position: the last row's legal name and id. */
export interface PeopleCursor {
  readonly name: string
  readonly id: string
}

export const isPeopleCursor = (v: unknown): v is PeopleCursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { name?: unknown }).name === 'string' &&
  typeof (v as { id?: unknown }).id === 'string'

function filtered(db: Kysely<OrgDeps>, companyId: string, filter: PeopleFilter, after: PeopleCursor | null) {
  let query = employeeQuery(db, companyId)
  // Every word must appear in the name, e-mail or number: "ada lov" finds Ada Lovelace.
  // The trigram index on search_text serves these ILIKEs.
  const words = (filter.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5)
  for (const word of words) {
    const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    query = query.where(sql<boolean>`e.search_text like ${pattern}`)
  }
  if (filter.departmentId) query = query.where('e.department_id', '=', filter.departmentId)
  if (filter.teamId) query = query.where('e.team_id', '=', filter.teamId)
  if (filter.locationId) query = query.where('e.location_id', '=', filter.locationId)
  if (filter.positionId) query = query.where('e.position_id', '=', filter.positionId)
  if (filter.managerId) query = query.where('e.manager_id', '=', filter.managerId)
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('e.legal_name', '>', after.name),
        eb.and([eb('e.legal_name', '=', after.name), eb('e.id', '>', after.id)]),
      ]),
    )
  }
  return query.orderBy('e.legal_name').orderBy('e.id')
}

function page<T>(rows: EmployeeRow[], limit: number, view: (row: EmployeeRow) => T) {
  const shown = rows.slice(0, limit)
  const last = shown.at(-1)
  return {
    items: shown.map(view),
    next: rows.length > limit && last ? { name: last.legal_name, id: last.id } : null,
  }
}

/** The company directory: everyone active or on leave, as every colleague may see them. */
export async function listDirectory(
  db: Kysely<OrgDeps>,
  companyId: string,
  filter: PeopleFilter,
  cursor: { after: PeopleCursor | null; limit: number },
) {
  const rows = await filtered(db, companyId, filter, cursor.after)
    .where('e.status', '<>', 'terminated')
    .limit(cursor.limit + 1)
    .execute()
  return page(rows, cursor.limit, toDirectoryEntry)
}

/**
 * Employee records with their employment details, only those within the
 * caller's reach (the condition is part of the query: nothing outside it
 * leaves the database). Terminated people are included unless filtered out.
 */
export async function listEmployeeRecords(
  db: Kysely<OrgDeps>,
  companyId: string,
  reach: Reach,
  subject: ReachSubject,
  filter: PeopleFilter & { status?: EmployeeStatus | undefined },
  cursor: { after: PeopleCursor | null; limit: number },
) {
  let query = filtered(db, companyId, filter, cursor.after).where(
    reachCondition(reach, subject, EMPLOYEE_REACH_COLUMNS),
  )
  if (filter.status) query = query.where('e.status', '=', filter.status)
  const rows = await query.limit(cursor.limit + 1).execute()
  return page(rows, cursor.limit, (row) => ({ ...toDirectoryEntry(row), employment: toEmployment(row) }))
}
