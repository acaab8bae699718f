import { sql, type Kysely } from 'kysely'
import type { OrgDeps } from './org.tables.ts'
import { placementsAsOf } from './placements.ts'

export interface OrgChartNode {
  readonly id: string
  readonly name: string
  readonly position: string | null
  readonly department: string | null
  readonly managerId: string | null
  readonly hasPhoto: boolean
}

/**
 * Everyone employed on `date`, placed as they were on that date, as a flat
 * list: the client nests it by managerId (a person whose manager is not in the
 * list is a root). One query for placements, one for names: it scales with
 * people, not with history.
 */
export async function orgChart(
  db: Kysely<OrgDeps>,
  companyId: string,
  date: string,
  /** External staff see only the people placed in these departments. */
  withinDepartmentIds?: readonly string[],
): Promise<OrgChartNode[]> {
  const [allPlacements, people, positions, departments] = await Promise.all([
    placementsAsOf(db, companyId, date),
    sql<{ id: string; name: string; has_photo: boolean }>`
      select e.id, coalesce(e.preferred_name, e.legal_name) as name,
        exists (select 1 from org_employee_photo ph where ph.company_id = e.company_id and ph.employee_id = e.id) as has_photo
      from org_employee e where e.company_id = ${companyId}`.execute(db),
    db.selectFrom('org_position').select(['id', 'title']).where('company_id', '=', companyId).execute(),
    db.selectFrom('org_department').select(['id', 'name']).where('company_id', '=', companyId).execute(),
  ])
  const placements = withinDepartmentIds
    ? allPlacements.filter((p) => p.department_id !== null && withinDepartmentIds.includes(p.department_id))
    : allPlacements
  const person = new Map(people.rows.map((p) => [p.id, p]))
  const positionTitle = new Map(positions.map((p) => [p.id, p.title]))
  const departmentName = new Map(departments.map((d) => [d.id, d.name]))
  const inPlace = new Set(placements.map((p) => p.employee_id))
  return placements
    .map((p) => ({
      id: p.employee_id,
      name: person.get(p.employee_id)?.name ?? '',
      position: p.position_id ? (positionTitle.get(p.position_id) ?? null) : null,
      department: p.department_id ? (departmentName.get(p.department_id) ?? null) : null,
      managerId: p.manager_id && inPlace.has(p.manager_id) ? p.manager_id : null,
      hasPhoto: person.get(p.employee_id)?.has_photo ?? false,
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
}
