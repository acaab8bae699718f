import { inTransaction, invalidField, isUniqueViolation, newId, notFound } from '@keel/kernel'
import { sql, type Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import { assertVersion, mapMissingReference } from './org-errors.ts'
import type { OrgDeps } from './org.tables.ts'

export interface DepartmentView {
  readonly id: string
  readonly name: string
  readonly code: string | null
  readonly parentId: string | null
  readonly head: { id: string; name: string } | null
  readonly archived: boolean
  readonly headcount: number
  readonly version: number
}

export interface DepartmentInput {
  readonly name: string
  readonly code?: string | null | undefined
  readonly parentId?: string | null | undefined
  readonly headEmployeeId?: string | null | undefined
}

function baseQuery(db: Kysely<OrgDeps>, companyId: string) {
  return db
    .selectFrom('org_department as d')
    .leftJoin('org_employee as h', (join) =>
      join.onRef('h.company_id', '=', 'd.company_id').onRef('h.id', '=', 'd.head_employee_id'),
    )
    .select([
      'd.id',
      'd.name',
      'd.code',
      'd.parent_id',
      'd.archived_at',
      'd.version',
      'h.id as head_id',
      sql<string | null>`coalesce(h.preferred_name, h.legal_name)`.as('head_name'),
      sql<number>`(select count(*)::int from org_employee e
        where e.company_id = d.company_id and e.department_id = d.id and e.status <> 'terminated')`.as('headcount'),
    ])
    .where('d.company_id', '=', companyId)
}

const toView = (row: Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number]): DepartmentView => ({
  id: row.id,
  name: row.name,
  code: row.code,
  parentId: row.parent_id,
  head: row.head_id && row.head_name ? { id: row.head_id, name: row.head_name } : null,
  archived: row.archived_at !== null,
  headcount: row.headcount,
  version: row.version,
})

/** Every department, parents before children is not promised: the client nests by parentId. */
export async function listDepartments(db: Kysely<OrgDeps>, companyId: string, includeArchived = false) {
  let query = baseQuery(db, companyId)
  if (!includeArchived) query = query.where('d.archived_at', 'is', null)
  return (await query.orderBy('d.name').execute()).map(toView)
}

export async function getDepartment(db: Kysely<OrgDeps>, companyId: string, id: string): Promise<DepartmentView> {
  const row = await baseQuery(db, companyId).where('d.id', '=', id).executeTakeFirst()
  if (!row) throw notFound('org.department_not_found', 'No such department.')
  return toView(row)
}

/** The department and every department below it. */
export async function departmentSubtree(db: Kysely<OrgDeps>, companyId: string, rootIds: readonly string[]) {
  if (rootIds.length === 0) return []
  const { rows } = await sql<{ id: string }>`
    with recursive tree(id) as (
      select id from org_department where company_id = ${companyId} and id in (${sql.join(rootIds)})
      union
      select d.id from org_department d join tree t on d.parent_id = t.id where d.company_id = ${companyId}
    )
    select id from tree`.execute(db)
  return rows.map((r) => r.id)
}

/** A department may not sit below itself: that would make the tree a loop. */
async function assertNoCycle(db: Kysely<OrgDeps>, companyId: string, id: string, parentId: string | null | undefined) {
  if (!parentId) return
  const below = await departmentSubtree(db, companyId, [id])
  if (below.includes(parentId))
    throw invalidField(
      'org.department_cycle',
      '/body/parentId',
      'A department cannot sit below itself or one of its own sub-departments.',
    )
}

const REFERENCES = { parent_id: '/body/parentId', head_employee_id: '/body/headEmployeeId' }

const nameTaken = (name: string) =>
  invalidField('org.department_name_taken', '/body/name', `A department named ${name} exists.`)

export async function createDepartment(db: Kysely<OrgDeps>, context: AuditContext, input: DepartmentInput, now: Date) {
  const id = newId()
  try {
    return await inTransaction(db, async (trx) => {
      await trx
        .insertInto('org_department')
        .values({
          company_id: context.companyId,
          id,
          name: input.name.trim(),
          code: input.code?.trim() || null,
          parent_id: input.parentId ?? null,
          head_employee_id: input.headEmployeeId ?? null,
          created_at: now,
        })
        .execute()
      await recordAudit(trx, context, {
        action: 'org.department.created',
        entityType: 'department',
        entityId: id,
        changes: {
          name: { before: null, after: input.name.trim() },
          parentId: { before: null, after: input.parentId ?? null },
          headEmployeeId: { before: null, after: input.headEmployeeId ?? null },
        },
      })
      return getDepartment(trx, context.companyId, id)
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name)
    return mapMissingReference(error, REFERENCES)
  }
}

export async function updateDepartment(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  id: string,
  input: DepartmentInput,
  expectedVersion?: number,
) {
  try {
    return await inTransaction(db, async (trx) => {
      const before = await getDepartment(trx, context.companyId, id)
      assertVersion(before.version, expectedVersion, 'department')
      await assertNoCycle(trx, context.companyId, id, input.parentId)
      const after = {
        name: input.name.trim(),
        code: input.code === undefined ? before.code : input.code?.trim() || null,
        parentId: input.parentId === undefined ? before.parentId : input.parentId,
        headEmployeeId: input.headEmployeeId === undefined ? (before.head?.id ?? null) : input.headEmployeeId,
      }
      await trx
        .updateTable('org_department')
        .set((eb) => ({
          name: after.name,
          code: after.code,
          parent_id: after.parentId,
          head_employee_id: after.headEmployeeId,
          version: eb('version', '+', 1),
        }))
        .where('company_id', '=', context.companyId)
        .where('id', '=', id)
        .execute()
      await recordAudit(trx, context, {
        action: 'org.department.updated',
        entityType: 'department',
        entityId: id,
        changes: {
          name: { before: before.name, after: after.name },
          code: { before: before.code, after: after.code },
          parentId: { before: before.parentId, after: after.parentId },
          headEmployeeId: { before: before.head?.id ?? null, after: after.headEmployeeId },
        },
      })
      return getDepartment(trx, context.companyId, id)
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name)
    return mapMissingReference(error, REFERENCES)
  }
}

/** Archived departments keep their history but take no new placements; only empty ones can be archived. */
export async function setDepartmentArchived(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  id: string,
  archived: boolean,
  now: Date,
) {
  return inTransaction(db, async (trx) => {
    const before = await getDepartment(trx, context.companyId, id)
    if (before.archived === archived) return before
    if (archived) {
      if (before.headcount > 0)
        throw invalidField(
          'org.department_in_use',
          '/params/id',
          `${String(before.headcount)} people are in ${before.name}: move them first.`,
        )
      const live = await trx
        .selectFrom('org_department')
        .select('id')
        .where('company_id', '=', context.companyId)
        .where('parent_id', '=', id)
        .where('archived_at', 'is', null)
        .executeTakeFirst()
      if (live) throw invalidField('org.department_in_use', '/params/id', `${before.name} still has sub-departments.`)
      const team = await trx
        .selectFrom('org_team')
        .select('name')
        .where('company_id', '=', context.companyId)
        .where('department_id', '=', id)
        .where('archived_at', 'is', null)
        .executeTakeFirst()
      if (team)
        throw invalidField('org.department_in_use', '/params/id', `${before.name} still has the team ${team.name}.`)
    }
    await trx
      .updateTable('org_department')
      .set((eb) => ({ archived_at: archived ? now : null, version: eb('version', '+', 1) }))
      .where('company_id', '=', context.companyId)
      .where('id', '=', id)
      .execute()
    await recordAudit(trx, context, {
      action: archived ? 'org.department.archived' : 'org.department.restored',
      entityType: 'department',
      entityId: id,
      changes: { archived: { before: !archived, after: archived } },
    })
    return getDepartment(trx, context.companyId, id)
  })
}
