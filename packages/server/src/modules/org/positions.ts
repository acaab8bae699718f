import { inTransaction, invalidField, isUniqueViolation, newId, notFound } from '@keel/kernel'
import { sql, type Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import { assertVersion, mapMissingReference } from './org-errors.ts'
import type { OrgDeps } from './org.tables.ts'

export interface PositionView {
  readonly id: string
  readonly title: string
  readonly department: { id: string; name: string } | null
  readonly archived: boolean
  readonly headcount: number
  readonly version: number
}

export interface PositionInput {
  readonly title: string
  readonly departmentId?: string | null | undefined
}

function baseQuery(db: Kysely<OrgDeps>, companyId: string) {
  return db
    .selectFrom('org_position as p')
    .leftJoin('org_department as d', (join) =>
      join.onRef('d.company_id', '=', 'p.company_id').onRef('d.id', '=', 'p.department_id'),
    )
    .select([
      'p.id',
      'p.title',
      'p.archived_at',
      'p.version',
      'd.id as department_id',
      'd.name as department_name',
      sql<number>`(select count(*)::int from org_employee e
        where e.company_id = p.company_id and e.position_id = p.id and e.status <> 'terminated')`.as('headcount'),
    ])
    .where('p.company_id', '=', companyId)
}

const toView = (row: Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number]): PositionView => ({
  id: row.id,
  title: row.title,
  department: row.department_id && row.department_name ? { id: row.department_id, name: row.department_name } : null,
  archived: row.archived_at !== null,
  headcount: row.headcount,
  version: row.version,
})

export async function listPositions(db: Kysely<OrgDeps>, companyId: string, includeArchived = false) {
  let query = baseQuery(db, companyId)
  if (!includeArchived) query = query.where('p.archived_at', 'is', null)
  return (await query.orderBy('p.title').execute()).map(toView)
}

export async function getPosition(db: Kysely<OrgDeps>, companyId: string, id: string): Promise<PositionView> {
  const row = await baseQuery(db, companyId).where('p.id', '=', id).executeTakeFirst()
  if (!row) throw notFound('org.position_not_found', 'No such position.')
  return toView(row)
}

const REFERENCES = { department_id: '/body/departmentId' }
const titleTaken = (title: string) =>
  invalidField('org.position_title_taken', '/body/title', `A position titled ${title} exists.`)

export async function createPosition(db: Kysely<OrgDeps>, context: AuditContext, input: PositionInput, now: Date) {
  const id = newId()
  try {
    return await inTransaction(db, async (trx) => {
      await trx
        .insertInto('org_position')
        .values({
          company_id: context.companyId,
          id,
          title: input.title.trim(),
          department_id: input.departmentId ?? null,
          created_at: now,
        })
        .execute()
      await recordAudit(trx, context, {
        action: 'org.position.created',
        entityType: 'position',
        entityId: id,
        changes: {
          title: { before: null, after: input.title.trim() },
          departmentId: { before: null, after: input.departmentId ?? null },
        },
      })
      return getPosition(trx, context.companyId, id)
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw titleTaken(input.title)
    return mapMissingReference(error, REFERENCES)
  }
}

export async function updatePosition(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  id: string,
  input: PositionInput,
  expectedVersion?: number,
) {
  try {
    return await inTransaction(db, async (trx) => {
      const before = await getPosition(trx, context.companyId, id)
      assertVersion(before.version, expectedVersion, 'position')
      const departmentId = input.departmentId === undefined ? (before.department?.id ?? null) : input.departmentId
      await trx
        .updateTable('org_position')
        .set((eb) => ({ title: input.title.trim(), department_id: departmentId, version: eb('version', '+', 1) }))
        .where('company_id', '=', context.companyId)
        .where('id', '=', id)
        .execute()
      await recordAudit(trx, context, {
        action: 'org.position.updated',
        entityType: 'position',
        entityId: id,
        changes: {
          title: { before: before.title, after: input.title.trim() },
          departmentId: { before: before.department?.id ?? null, after: departmentId },
        },
      })
      return getPosition(trx, context.companyId, id)
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw titleTaken(input.title)
    return mapMissingReference(error, REFERENCES)
  }
}

export async function setPositionArchived(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  id: string,
  archived: boolean,
  now: Date,
) {
  return inTransaction(db, async (trx) => {
    const before = await getPosition(trx, context.companyId, id)
    if (before.archived === archived) return before
    if (archived && before.headcount > 0)
      throw invalidField(
        'org.position_in_use',
        '/params/id',
        `${String(before.headcount)} people hold ${before.title}: move them first.`,
      )
    await trx
      .updateTable('org_position')
      .set((eb) => ({ archived_at: archived ? now : null, version: eb('version', '+', 1) }))
      .where('company_id', '=', context.companyId)
      .where('id', '=', id)
      .execute()
    await recordAudit(trx, context, {
      action: archived ? 'org.position.archived' : 'org.position.restored',
      entityType: 'position',
      entityId: id,
      changes: { archived: { before: !archived, after: archived } },
    })
    return getPosition(trx, context.companyId, id)
  })
}
