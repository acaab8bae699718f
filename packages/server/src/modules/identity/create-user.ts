import { conflict, inTransaction, invalidField, isUniqueViolation, newId } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import type { IdentityDeps } from './identity.tables.ts'
import { checkPasswordPolicy, hashPassword } from './passwords.ts'

export interface CreateUserInput {
  readonly email: string
  readonly displayName: string
  /** Absent for an invited user, who sets it from the invitation link. */
  readonly password?: string | undefined
  readonly roleIds: readonly string[]
}

export const normalizeEmail = (email: string): string => email.trim().toLowerCase()

export function checkEmail(email: string, path = '/body/email'): string {
  const normalized = normalizeEmail(email)
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(normalized) || normalized.length > 254)
    throw invalidField('identity.invalid_email', path, 'Enter a valid e-mail address.')
  return normalized
}

/**
 * Adds a person to the company: a new user (or an existing one from another
 * company, joining this one) with a membership and roles.
 */
export async function createUser(
  db: Kysely<IdentityDeps>,
  context: AuditContext,
  input: CreateUserInput,
): Promise<{ userId: string; created: boolean }> {
  const email = checkEmail(input.email)
  const displayName = input.displayName.trim()
  if (displayName.length === 0 || displayName.length > 200)
    throw invalidField('identity.invalid_display_name', '/body/displayName', 'Enter a name of 1 to 200 characters.')
  if (input.password !== undefined)
    checkPasswordPolicy(input.password, '/body/password', [email.split('@')[0] ?? '', displayName])
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password)
  return inTransaction(db, async (trx) => {
    await assertRolesExist(trx, context.companyId, input.roleIds)
    const existing = await trx
      .selectFrom('identity_user')
      .select(['id'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
      .executeTakeFirst()
    const userId = existing?.id ?? newId()
    if (!existing) {
      await trx
        .insertInto('identity_user')
        .values({
          id: userId,
          email,
          display_name: displayName,
          password_hash: passwordHash,
          status: passwordHash ? 'active' : 'invited',
          password_changed_at: passwordHash ? new Date() : null,
        })
        .execute()
    }
    try {
      await trx.insertInto('identity_membership').values({ company_id: context.companyId, user_id: userId }).execute()
    } catch (error) {
      if (isUniqueViolation(error))
        throw conflict('identity.already_member', `${email} already belongs to this company`)
      throw error
    }
    if (input.roleIds.length > 0) {
      await trx
        .insertInto('identity_member_role')
        .values(input.roleIds.map((roleId) => ({ company_id: context.companyId, user_id: userId, role_id: roleId })))
        .execute()
    }
    await recordAudit(trx, context, {
      action: existing ? 'identity.user.joined' : 'identity.user.created',
      entityType: 'user',
      entityId: userId,
      changes: {
        email: { before: null, after: email },
        displayName: { before: null, after: displayName },
        roleIds: { before: null, after: [...input.roleIds].sort() },
      },
    })
    return { userId, created: !existing }
  })
}

/** Role ids from a request must name roles of this company; anything else reads as a bad field. */
export async function assertRolesExist(
  db: Kysely<IdentityDeps>,
  companyId: string,
  roleIds: readonly string[],
): Promise<void> {
  if (roleIds.length === 0) return
  const found = await db
    .selectFrom('identity_role')
    .select('id')
    .where('company_id', '=', companyId)
    .where('id', 'in', roleIds)
    .execute()
  const known = new Set(found.map((r) => r.id))
  const index = roleIds.findIndex((id) => !known.has(id))
  if (index >= 0)
    throw invalidField('identity.unknown_role', `/body/roleIds/${String(index)}`, 'No such role in this company.')
}
