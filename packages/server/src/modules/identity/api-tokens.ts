import { inTransaction, invalidField, newId, notFound, type Reach } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import type { IdentityDeps } from './identity.tables.ts'
import { loadGrants } from './load-grants.ts'
import { isPermission } from './permissions.ts'
import { hashToken, randomToken } from './secrets.ts'

const TOKEN_PREFIX = 'keel_'

export interface CreateApiTokenInput {
  readonly name: string
  readonly permissions: readonly string[]
  readonly expiresInDays: number
}

const toApiToken = (row: {
  id: string
  name: string
  token_prefix: string
  permissions: string[]
  expires_at: Date
  revoked_at: Date | null
  last_used_at: Date | null
  created_at: Date
}) => ({
  id: row.id,
  name: row.name,
  tokenPrefix: row.token_prefix,
  permissions: row.permissions,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
  lastUsedAt: row.last_used_at,
  createdAt: row.created_at,
})
export type ApiTokenView = ReturnType<typeof toApiToken>

/**
 * A new API token for the acting user, scoped to permissions they hold. The
 * secret is returned once; only its hash is kept.
 */
export async function createApiToken(
  db: Kysely<IdentityDeps>,
  context: AuditContext & { actorId: string },
  input: CreateApiTokenInput,
  now: Date,
) {
  const name = input.name.trim()
  if (name.length === 0) throw invalidField('identity.invalid_token_name', '/body/name', 'Give the token a name.')
  const grants = await loadGrants(db, context.companyId, context.actorId)
  input.permissions.forEach((permission, index) => {
    if (!isPermission(permission))
      throw invalidField(
        'identity.unknown_permission',
        `/body/permissions/${String(index)}`,
        `Unknown permission ${permission}.`,
      )
    if (!grants.has(permission))
      throw invalidField(
        'identity.permission_not_held',
        `/body/permissions/${String(index)}`,
        `You do not hold ${permission} yourself.`,
      )
  })
  const token = TOKEN_PREFIX + randomToken()
  const id = newId()
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('identity_api_token')
      .values({
        company_id: context.companyId,
        id,
        user_id: context.actorId,
        name,
        token_hash: hashToken(token),
        token_prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        permissions: [...input.permissions],
        expires_at: new Date(now.getTime() + input.expiresInDays * 86_400_000),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(trx, context, {
      action: 'identity.api_token.created',
      entityType: 'api_token',
      entityId: id,
      changes: { name: { before: null, after: name }, permissions: { before: null, after: [...input.permissions] } },
    })
    return { token, apiToken: toApiToken(row) }
  })
}

export async function listApiTokens(db: Kysely<IdentityDeps>, companyId: string, userId: string) {
  const rows = await db
    .selectFrom('identity_api_token')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute()
  return rows.map(toApiToken)
}

export async function revokeApiToken(
  db: Kysely<IdentityDeps>,
  context: AuditContext & { actorId: string },
  tokenId: string,
  now: Date,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const result = await trx
      .updateTable('identity_api_token')
      .set({ revoked_at: now })
      .where('company_id', '=', context.companyId)
      .where('id', '=', tokenId)
      .where('user_id', '=', context.actorId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    if (result.numUpdatedRows === 0n) throw notFound('identity.api_token_not_found', 'No such active token.')
    await recordAudit(trx, context, {
      action: 'identity.api_token.revoked',
      entityType: 'api_token',
      entityId: tokenId,
    })
  })
}

export interface TokenActor {
  readonly tokenId: string
  readonly userId: string
  readonly companyId: string
  readonly permissions: readonly string[]
  readonly external: boolean
}

/** The token behind a bearer secret, if it is known, unexpired, unrevoked and its user active. */
export async function resolveApiToken(db: Kysely<IdentityDeps>, bearer: string, now: Date): Promise<TokenActor | null> {
  if (!bearer.startsWith(TOKEN_PREFIX)) return null
  const row = await db
    .selectFrom('identity_api_token as t')
    .innerJoin('identity_user as u', 'u.id', 't.user_id')
    .innerJoin('identity_membership as m', (join) =>
      join.onRef('m.company_id', '=', 't.company_id').onRef('m.user_id', '=', 't.user_id'),
    )
    .select([
      't.id',
      't.user_id',
      't.company_id',
      't.permissions',
      't.expires_at',
      't.revoked_at',
      't.last_used_at',
      'u.status',
      'm.status as membership_status',
      'm.external',
    ])
    .where('t.token_hash', '=', hashToken(bearer))
    .executeTakeFirst()
  if (
    !row ||
    row.revoked_at !== null ||
    row.expires_at.getTime() <= now.getTime() ||
    row.status !== 'active' ||
    row.membership_status !== 'active'
  )
    return null
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
    await db
      .updateTable('identity_api_token')
      .set({ last_used_at: now })
      .where('company_id', '=', row.company_id)
      .where('id', '=', row.id)
      .execute()
  }
  return {
    tokenId: row.id,
    userId: row.user_id,
    companyId: row.company_id,
    permissions: row.permissions,
    external: row.external,
  }
}

/** A token's own scope, cut down to what its user still holds. */
export function tokenGrants(token: TokenActor, userGrants: ReadonlyMap<string, Reach>) {
  const grants = new Map<string, Reach>()
  for (const permission of token.permissions) {
    const reach = userGrants.get(permission)
    if (reach) grants.set(permission, reach)
  }
  return grants
}
