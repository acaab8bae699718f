import { conflict, inTransaction, invalidField, isUniqueViolation, newId, notFound, type Reach } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import type { IdentityDeps } from './identity.tables.ts'
import { isPermission } from './permissions.ts'

export interface RoleView {
  readonly id: string
  readonly key: string
  readonly name: string
  readonly description: string
  readonly builtin: boolean
  readonly permissions: { permission: string; reach: Reach }[]
  readonly memberCount: number
  readonly version: number
}

export interface RolePermissionInput {
  readonly permission: string
  readonly reach: Reach
}

/** Every role of the company with its grants and member count, in three queries. */
export async function listRoles(db: Kysely<IdentityDeps>, companyId: string, roleId?: string): Promise<RoleView[]> {
  let rolesQuery = db.selectFrom('identity_role').selectAll().where('company_id', '=', companyId)
  if (roleId) rolesQuery = rolesQuery.where('id', '=', roleId)
  const roles = await rolesQuery.orderBy('builtin', 'desc').orderBy('name').execute()
  if (roles.length === 0) return []
  const ids = roles.map((r) => r.id)
  const grants = await db
    .selectFrom('identity_role_permission')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('role_id', 'in', ids)
    .orderBy('permission')
    .execute()
  const counts = await db
    .selectFrom('identity_member_role')
    .select((eb) => ['role_id', eb.fn.countAll<bigint>().as('n')])
    .where('company_id', '=', companyId)
    .where('role_id', 'in', ids)
    .groupBy('role_id')
    .execute()
  return roles.map((role) => ({
    id: role.id,
    key: role.key,
    name: role.name,
    description: role.description,
    builtin: role.builtin,
    permissions: grants.filter((g) => g.role_id === role.id).map((g) => ({ permission: g.permission, reach: g.reach })),
    memberCount: Number(counts.find((c) => c.role_id === role.id)?.n ?? 0),
    version: role.version,
  }))
}

export async function getRole(db: Kysely<IdentityDeps>, companyId: string, roleId: string): Promise<RoleView> {
  const [role] = await listRoles(db, companyId, roleId)
  if (!role) throw notFound('identity.role_not_found', 'No such role.')
  return role
}

function checkPermissions(permissions: readonly RolePermissionInput[]): void {
  const seen = new Set<string>()
  permissions.forEach((grant, index) => {
    if (!isPermission(grant.permission))
      throw invalidField(
        'identity.unknown_permission',
        `/body/permissions/${String(index)}/permission`,
        `Unknown permission ${grant.permission}.`,
      )
    if (seen.has(grant.permission))
      throw invalidField(
        'identity.duplicate_permission',
        `/body/permissions/${String(index)}/permission`,
        `${grant.permission} is listed twice.`,
      )
    seen.add(grant.permission)
  })
}

async function writeGrants(
  trx: Kysely<IdentityDeps>,
  companyId: string,
  roleId: string,
  permissions: readonly RolePermissionInput[],
) {
  await trx
    .deleteFrom('identity_role_permission')
    .where('company_id', '=', companyId)
    .where('role_id', '=', roleId)
    .execute()
  if (permissions.length > 0) {
    await trx
      .insertInto('identity_role_permission')
      .values(
        permissions.map((p) => ({ company_id: companyId, role_id: roleId, permission: p.permission, reach: p.reach })),
      )
      .execute()
  }
}

const grantsOf = (permissions: readonly RolePermissionInput[]) =>
  permissions.map((p) => `${p.permission}:${p.reach}`).sort()

export async function createRole(
  db: Kysely<IdentityDeps>,
  context: AuditContext,
  input: { key: string; name: string; description?: string | undefined; permissions: readonly RolePermissionInput[] },
): Promise<RoleView> {
  checkPermissions(input.permissions)
  const id = newId()
  try {
    return await inTransaction(db, async (trx) => {
      await trx
        .insertInto('identity_role')
        .values({
          company_id: context.companyId,
          id,
          key: input.key,
          name: input.name.trim(),
          description: input.description?.trim() ?? '',
        })
        .execute()
      await writeGrants(trx, context.companyId, id, input.permissions)
      await recordAudit(trx, context, {
        action: 'identity.role.created',
        entityType: 'role',
        entityId: id,
        changes: {
          key: { before: null, after: input.key },
          name: { before: null, after: input.name.trim() },
          permissions: { before: null, after: grantsOf(input.permissions) },
        },
      })
      return getRole(trx, context.companyId, id)
    })
  } catch (error) {
    if (isUniqueViolation(error))
      throw invalidField('identity.role_key_taken', '/body/key', `A role with the key ${input.key} exists.`)
    throw error
  }
}

/** Changes a custom role; built-in roles are fixed. `expectedVersion` comes from If-Match. */
export async function updateRole(
  db: Kysely<IdentityDeps>,
  context: AuditContext,
  roleId: string,
  input: {
    name?: string | undefined
    description?: string | undefined
    permissions?: readonly RolePermissionInput[] | undefined
  },
  expectedVersion?: number,
): Promise<RoleView> {
  if (input.permissions) checkPermissions(input.permissions)
  return inTransaction(db, async (trx) => {
    await trx
      .selectFrom('identity_role')
      .select('id')
      .where('company_id', '=', context.companyId)
      .where('id', '=', roleId)
      .forUpdate()
      .executeTakeFirst()
    const before = await getRole(trx, context.companyId, roleId)
    if (before.builtin)
      throw conflict('identity.builtin_role', 'Built-in roles cannot be changed; duplicate it as a custom role.')
    if (expectedVersion !== undefined && before.version !== expectedVersion)
      throw conflict('request.stale', 'This role was changed by someone else; reload and try again.')
    await trx
      .updateTable('identity_role')
      .set({
        name: input.name?.trim() ?? before.name,
        description: input.description?.trim() ?? before.description,
        version: before.version + 1,
      })
      .where('company_id', '=', context.companyId)
      .where('id', '=', roleId)
      .execute()
    if (input.permissions) await writeGrants(trx, context.companyId, roleId, input.permissions)
    const after = await getRole(trx, context.companyId, roleId)
    const changes: Record<string, { before: unknown; after: unknown }> = {}
    if (after.name !== before.name) changes.name = { before: before.name, after: after.name }
    if (after.description !== before.description)
      changes.description = { before: before.description, after: after.description }
    const grantsBefore = grantsOf(before.permissions)
    const grantsAfter = grantsOf(after.permissions)
    if (JSON.stringify(grantsBefore) !== JSON.stringify(grantsAfter))
      changes.permissions = { before: grantsBefore, after: grantsAfter }
    await recordAudit(trx, context, { action: 'identity.role.updated', entityType: 'role', entityId: roleId, changes })
    return after
  })
}

/** Deletes a custom role nobody holds. */
export async function deleteRole(db: Kysely<IdentityDeps>, context: AuditContext, roleId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const role = await getRole(trx, context.companyId, roleId)
    if (role.builtin) throw conflict('identity.builtin_role', 'Built-in roles cannot be deleted.')
    if (role.memberCount > 0)
      throw conflict(
        'identity.role_in_use',
        `${String(role.memberCount)} people hold this role; take it from them first.`,
      )
    await trx.deleteFrom('identity_role').where('company_id', '=', context.companyId).where('id', '=', roleId).execute()
    await recordAudit(trx, context, {
      action: 'identity.role.deleted',
      entityType: 'role',
      entityId: roleId,
      changes: {
        key: { before: role.key, after: null },
        permissions: { before: grantsOf(role.permissions), after: null },
      },
    })
  })
}
