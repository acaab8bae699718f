import { conflict, inTransaction, notFound } from '@keel/kernel'
import { sql, type Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import { assertRolesExist } from './create-user.ts'
import type { IdentityDeps } from './identity.tables.ts'

export interface UserView {
  readonly id: string
  readonly email: string
  readonly displayName: string
  readonly status: 'invited' | 'active' | 'deactivated'
  readonly mfaEnabled: boolean
  /** External staff of an outsourcing firm (identity_membership.external). */
  readonly external: boolean
  readonly roles: { id: string; key: string; name: string }[]
  readonly createdAt: Date
  /** Changes with the user and with their membership here: the ETag. */
  readonly version: number
}

function baseQuery(db: Kysely<IdentityDeps>, companyId: string) {
  return db
    .selectFrom('identity_membership as m')
    .innerJoin('identity_user as u', 'u.id', 'm.user_id')
    .select([
      'u.id',
      'u.email',
      'u.display_name',
      'u.status as user_status',
      'm.status as membership_status',
      'm.external',
      'u.totp_enabled_at',
      'm.created_at',
      sql<number>`u.version + m.version`.as('version'),
      // The roles in the same query: one round trip per user or per page, no N+1.
      sql<
        { id: string; key: string; name: string }[]
      >`coalesce((select json_agg(json_build_object('id', r.id, 'key', r.key, 'name', r.name) order by r.name)
        from identity_member_role mr join identity_role r on r.company_id = mr.company_id and r.id = mr.role_id
        where mr.company_id = m.company_id and mr.user_id = m.user_id), '[]')`.as('roles'),
    ])
    .where('m.company_id', '=', companyId)
}

type UserRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number]

const toUserView = (row: UserRow): UserView => ({
  id: row.id,
  email: row.email,
  displayName: row.display_name,
  status: row.membership_status === 'deactivated' ? 'deactivated' : row.user_status,
  mfaEnabled: row.totp_enabled_at !== null,
  external: row.external,
  roles: row.roles,
  createdAt: row.created_at,
  version: row.version,
})

/** One user of the company, or a `not_found` — also for a user of another company. */
export async function getUser(db: Kysely<IdentityDeps>, companyId: string, userId: string): Promise<UserView> {
  const row = await baseQuery(db, companyId).where('u.id', '=', userId).executeTakeFirst()
  if (!row) throw notFound('identity.user_not_found', 'No such user.')
  return toUserView(row)
}

export interface UserListFilter {
  readonly q?: string | undefined
  readonly status?: 'invited' | 'active' | 'deactivated' | undefined
  /** Only these users (the viewer's reach); undefined for all of the company's. */
  readonly userIds?: readonly string[] | undefined
}

/** Users by e-mail, keyset-paginated: `after` is the last e-mail (and id) of the previous page. */
export async function listUsers(
  db: Kysely<IdentityDeps>,
  companyId: string,
  filter: UserListFilter,
  page: { after: { email: string; id: string } | null; limit: number },
) {
  let query = baseQuery(db, companyId)
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    query = query.where((eb) => eb.or([eb('u.email', 'ilike', pattern), eb('u.display_name', 'ilike', pattern)]))
  }
  if (filter.userIds)
    query = filter.userIds.length > 0 ? query.where('u.id', 'in', filter.userIds) : query.where(sql<boolean>`false`)
  if (filter.status === 'deactivated') query = query.where('m.status', '=', 'deactivated')
  else if (filter.status) query = query.where('m.status', '=', 'active').where('u.status', '=', filter.status)
  if (page.after) {
    const { email, id } = page.after
    query = query.where((eb) =>
      eb.or([eb('u.email', '>', email), eb.and([eb('u.email', '=', email), eb('u.id', '>', id)])]),
    )
  }
  const rows = await query
    .orderBy('u.email')
    .orderBy('u.id')
    .limit(page.limit + 1)
    .execute()
  const items = rows.slice(0, page.limit).map(toUserView)
  const last = items.at(-1)
  return { items, next: rows.length > page.limit && last ? { email: last.email, id: last.id } : null }
}

const assertVersion = (user: UserView, expectedVersion: number | undefined) => {
  if (expectedVersion !== undefined && user.version !== expectedVersion) {
    throw conflict('request.stale', 'This user was changed by someone else; reload and try again.')
  }
}

/** Replaces the user's roles in the company. `expectedVersion` comes from If-Match. */
export async function setUserRoles(
  db: Kysely<IdentityDeps>,
  context: AuditContext,
  userId: string,
  roleIds: readonly string[],
  expectedVersion?: number,
): Promise<UserView> {
  return inTransaction(db, async (trx) => {
    await trx
      .selectFrom('identity_membership')
      .select('user_id')
      .where('company_id', '=', context.companyId)
      .where('user_id', '=', userId)
      .forUpdate()
      .executeTakeFirst()
    const before = await getUser(trx, context.companyId, userId)
    assertVersion(before, expectedVersion)
    await assertRolesExist(trx, context.companyId, roleIds)
    await trx
      .deleteFrom('identity_member_role')
      .where('company_id', '=', context.companyId)
      .where('user_id', '=', userId)
      .execute()
    if (roleIds.length > 0) {
      await trx
        .insertInto('identity_member_role')
        .values(roleIds.map((roleId) => ({ company_id: context.companyId, user_id: userId, role_id: roleId })))
        .execute()
    }
    await trx
      .updateTable('identity_membership')
      .set({ version: (eb) => eb('version', '+', 1) })
      .where('company_id', '=', context.companyId)
      .where('user_id', '=', userId)
      .execute()
    await recordAudit(trx, context, {
      action: 'identity.user.roles_changed',
      entityType: 'user',
      entityId: userId,
      changes: {
        roles: {
          before: before.roles.map((r) => r.key).sort(),
          after: (await getUser(trx, context.companyId, userId)).roles.map((r) => r.key).sort(),
        },
      },
    })
    return getUser(trx, context.companyId, userId)
  })
}

/**
 * Ends the user's access to this company: their sessions in it and their
 * tokens for it stop working at once. Their other companies are untouched.
 */
export async function deactivateUser(
  db: Kysely<IdentityDeps>,
  context: AuditContext,
  userId: string,
  now: Date,
  expectedVersion?: number,
): Promise<UserView> {
  return inTransaction(db, async (trx) => {
    const before = await getUser(trx, context.companyId, userId)
    assertVersion(before, expectedVersion)
    if (context.actorId === userId) throw conflict('identity.cannot_deactivate_self', 'You cannot deactivate yourself.')
    await trx
      .updateTable('identity_membership')
      .set({ status: 'deactivated', version: (eb) => eb('version', '+', 1) })
      .where('company_id', '=', context.companyId)
      .where('user_id', '=', userId)
      .execute()
    await trx
      .updateTable('identity_session')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('active_company_id', '=', context.companyId)
      .where('revoked_at', 'is', null)
      .execute()
    await trx
      .updateTable('identity_api_token')
      .set({ revoked_at: now })
      .where('company_id', '=', context.companyId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute()
    await recordAudit(trx, context, {
      action: 'identity.user.deactivated',
      entityType: 'user',
      entityId: userId,
      changes: { status: { before: before.status, after: 'deactivated' } },
    })
    return getUser(trx, context.companyId, userId)
  })
}

export async function reactivateUser(
  db: Kysely<IdentityDeps>,
  context: AuditContext,
  userId: string,
  expectedVersion?: number,
): Promise<UserView> {
  return inTransaction(db, async (trx) => {
    const before = await getUser(trx, context.companyId, userId)
    assertVersion(before, expectedVersion)
    await trx
      .updateTable('identity_membership')
      .set({ status: 'active', version: (eb) => eb('version', '+', 1) })
      .where('company_id', '=', context.companyId)
      .where('user_id', '=', userId)
      .execute()
    const after = await getUser(trx, context.companyId, userId)
    await recordAudit(trx, context, {
      action: 'identity.user.reactivated',
      entityType: 'user',
      entityId: userId,
      changes: { status: { before: before.status, after: after.status } },
    })
    return after
  })
}

/** The user's own profile change. */
export async function updateDisplayName(
  db: Kysely<IdentityDeps>,
  context: AuditContext & { actorId: string },
  displayName: string,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('identity_user')
      .select('display_name')
      .where('id', '=', context.actorId)
      .executeTakeFirstOrThrow()
    await trx
      .updateTable('identity_user')
      .set({ display_name: displayName.trim(), version: (eb) => eb('version', '+', 1) })
      .where('id', '=', context.actorId)
      .execute()
    await recordAudit(trx, context, {
      action: 'identity.user.profile_changed',
      entityType: 'user',
      entityId: context.actorId,
      changes: { displayName: { before: before.display_name, after: displayName.trim() } },
    })
  })
}

/** Companies the user may switch to. */
export async function listUserCompanies(db: Kysely<IdentityDeps>, userId: string) {
  return db
    .selectFrom('identity_membership as m')
    .innerJoin('identity_company as c', 'c.id', 'm.company_id')
    .select(['c.id', 'c.name', 'c.slug'])
    .where('m.user_id', '=', userId)
    .where('m.status', '=', 'active')
    .orderBy('c.name')
    .execute()
}
