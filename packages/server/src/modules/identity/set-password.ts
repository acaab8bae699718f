import { inTransaction } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, systemContext } from '../audit/index.ts'
import type { IdentityDeps } from './identity.tables.ts'
import { checkPasswordPolicy, hashPassword } from './passwords.ts'
import { revokeUserSessions } from './sessions.ts'

/**
 * An operator's reset (the CLI): sets a new password — or, with null, removes
 * it so the user must choose one through "Forgot password?" — clears any
 * sign-in lockout and ends every session. An invited user given a password
 * becomes active. Recorded, with the system as actor, in every company the
 * user belongs to. Returns how many companies recorded it.
 */
export async function setPasswordByOperator(
  db: Kysely<IdentityDeps>,
  userId: string,
  password: string | null,
  now: Date,
): Promise<number> {
  const user = await db
    .selectFrom('identity_user')
    .select(['email', 'display_name', 'status'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow()
  if (password !== null) checkPasswordPolicy(password, '/password', [user.email.split('@')[0] ?? '', user.display_name])
  const passwordHash = password === null ? null : await hashPassword(password)
  const activates = passwordHash !== null && user.status === 'invited'
  return inTransaction(db, async (trx) => {
    await trx
      .updateTable('identity_user')
      .set({
        password_hash: passwordHash,
        password_changed_at: now,
        version: (eb) => eb('version', '+', 1),
        ...(activates ? { status: 'active' as const } : {}),
      })
      .where('id', '=', userId)
      .execute()
    await trx
      .deleteFrom('identity_login_failure')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', user.email.toLowerCase()))
      .execute()
    await revokeUserSessions(trx, userId, now)
    const memberships = await trx
      .selectFrom('identity_membership')
      .select('company_id')
      .where('user_id', '=', userId)
      .orderBy('company_id')
      .execute()
    for (const { company_id } of memberships) {
      await recordAudit(trx, systemContext(company_id), {
        action: passwordHash === null ? 'identity.password.removed' : 'identity.password.reset',
        entityType: 'user',
        entityId: userId,
        changes: activates ? { status: { before: 'invited', after: 'active' } } : {},
      })
    }
    return memberships.length
  })
}
