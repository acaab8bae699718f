import { inTransaction, invalidField } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import type { IdentityDeps } from './identity.tables.ts'
import { checkPasswordPolicy, hashPassword, verifyPassword } from './passwords.ts'
import { revokeUserSessions } from './sessions.ts'

/** Changes the user's own password and ends their other sessions. */
export async function changePassword(
  db: Kysely<IdentityDeps>,
  context: AuditContext & { actorId: string },
  input: { currentPassword: string; newPassword: string; keepSessionId?: string | undefined },
  now: Date,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const user = await trx
      .selectFrom('identity_user')
      .select(['password_hash', 'email', 'display_name'])
      .where('id', '=', context.actorId)
      .forUpdate()
      .executeTakeFirstOrThrow()
    if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
      throw invalidField('identity.wrong_password', '/body/currentPassword', 'The current password is not right.')
    }
    checkPasswordPolicy(input.newPassword, '/body/newPassword', [user.email.split('@')[0] ?? '', user.display_name])
    await trx
      .updateTable('identity_user')
      .set({
        password_hash: await hashPassword(input.newPassword),
        password_changed_at: now,
        version: (eb) => eb('version', '+', 1),
      })
      .where('id', '=', context.actorId)
      .execute()
    await revokeUserSessions(trx, context.actorId, now, input.keepSessionId)
    await recordAudit(trx, context, {
      action: 'identity.password.changed',
      entityType: 'user',
      entityId: context.actorId,
    })
  })
}
