import { inTransaction, invalidField, isUniqueViolation, newId, notFound } from '@keel/kernel'
import { sql, type Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import { assertVersion, mapMissingReference } from './org-errors.ts'
import type { OrgDeps } from './org.tables.ts'

export interface TeamView {
  readonly id: string
  readonly name: string
  readonly department: { id: string; name: string }
  readonly lead: { id: string; name: string } | null
  readonly archived: boolean
  readonly headcount: number
  readonly version: number
}

export interface TeamInput {
  readonly name: string
  readonly departmentId: string
  readonly leadEmployeeId?: string | null | undefined
}

function baseQuery(db: Kysely<OrgDeps>, companyId: string) {
  return db
    .selectFrom('org_team as t')
    .innerJoin('org_department as d', (join) =>
      join.onRef('d.company_id', '=', 't.company_id').onRef('d.id', '=', 't.department_id'),
    )
    .leftJoin('org_employee as l', (join) =>
      join.onRef('l.company_id', '=', 't.company_id').onRef('l.id', '=', 't.lead_employee_id'),
    )
    .select([
      't.id',
      't.name',
      't.archived_at',
      't.version',
      'd.id as department_id',
      'd.name as department_name',
      'l.id as lead_id',
      sql<string | null>`coalesce(l.preferred_name, l.legal_name)`.as('lead_name'),
      sql<number>`(select count(*)::int from org_employee e
        where e.company_id = t.company_id and e.team_id = t.id and e.status <> 'terminated')`.as('headcount'),
    ])
    .where('t.company_id', '=', companyId)
}

const toView = (row: Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number]): TeamView => ({
  id: row.id,
  name: row.name,
  department: { id: row.department_id, name: row.department_name },
  lead: row.lead_id && row.lead_name ? { id: row.lead_id, name: row.lead_name } : null,
  archived: row.archived_at !== null,
  headcount: row.headcount,
  version: row.version,
})

export async function listTeams(
  db: Kysely<OrgDeps>,
  companyId: string,
  filter: { departmentId?: string | undefined; includeArchived?: boolean | undefined } = {},
) {
  let query = baseQuery(db, companyId)
  if (!filter.includeArchived) query = query.where('t.archived_at', 'is', null)
  if (filter.departmentId) query = query.where('t.department_id', '=', filter.departmentId)
  return (await query.orderBy('d.name').orderBy('t.name').execute()).map(toView)
}

export async function getTeam(db: Kysely<OrgDeps>, companyId: string, id: string): Promise<TeamView> {
  const row = await baseQuery(db, companyId).where('t.id', '=', id).executeTakeFirst()
  if (!row) throw notFound('org.team_not_found', 'No such team.')
  return toView(row)
}

const REFERENCES = { department_id: '/body/departmentId', lead_employee_id: '/body/leadEmployeeId' }
const nameTaken = (name: string) =>
  invalidField('org.team_name_taken', '/body/name', `The department already has a team named ${name}.`)

export async function createTeam(db: Kysely<OrgDeps>, context: AuditContext, input: TeamInput, now: Date) {
  const id = newId()
  try {
    return await inTransaction(db, async (trx) => {
      await trx
        .insertInto('org_team')
        .values({
          company_id: context.companyId,
          id,
          department_id: input.departmentId,
          name: input.name.trim(),
          lead_employee_id: input.leadEmployeeId ?? null,
          created_at: now,
        })
        .execute()
      await recordAudit(trx, context, {
        action: 'org.team.created',
        entityType: 'team',
        entityId: id,
        changes: {
          name: { before: null, after: input.name.trim() },
          departmentId: { before: null, after: input.departmentId },
          leadEmployeeId: { before: null, after: input.leadEmployeeId ?? null },
        },
      })
      return getTeam(trx, context.companyId, id)
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name)
    return mapMissingReference(error, REFERENCES)
  }
}

export async function updateTeam(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  id: string,
  input: TeamInput,
  expectedVersion?: number,
) {
  try {
    return await inTransaction(db, async (trx) => {
      const before = await getTeam(trx, context.companyId, id)
      assertVersion(before.version, expectedVersion, 'team')
      const leadEmployeeId = input.leadEmployeeId === undefined ? (before.lead?.id ?? null) : input.leadEmployeeId
      await trx
        .updateTable('org_team')
        .set((eb) => ({
          name: input.name.trim(),
          department_id: input.departmentId,
          lead_employee_id: leadEmployeeId,
          version: eb('version', '+', 1),
        }))
        .where('company_id', '=', context.companyId)
        .where('id', '=', id)
        .execute()
      await recordAudit(trx, context, {
        action: 'org.team.updated',
        entityType: 'team',
        entityId: id,
        changes: {
          name: { before: before.name, after: input.name.trim() },
          departmentId: { before: before.department.id, after: input.departmentId },
          leadEmployeeId: { before: before.lead?.id ?? null, after: leadEmployeeId },
        },
      })
      return getTeam(trx, context.companyId, id)
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name)
    return mapMissingReference(error, REFERENCES)
  }
}

export async function setTeamArchived(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  id: string,
  archived: boolean,
  now: Date,
) {
  return inTransaction(db, async (trx) => {
    const before = await getTeam(trx, context.companyId, id)
    if (before.archived === archived) return before
    if (archived && before.headcount > 0)
      throw invalidField(
        'org.team_in_use',
        '/params/id',
        `${String(before.headcount)} people are in ${before.name}: move them first.`,
      )
    await trx
      .updateTable('org_team')
      .set((eb) => ({ archived_at: archived ? now : null, version: eb('version', '+', 1) }))
      .where('company_id', '=', context.companyId)
      .where('id', '=', id)
      .execute()
    await recordAudit(trx, context, {
      action: archived ? 'org.team.archived' : 'org.team.restored',
      entityType: 'team',
      entityId: id,
      changes: { archived: { before: !archived, after: archived } },
    })
    return getTeam(trx, context.companyId, id)
  })
}
