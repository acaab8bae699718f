import { notFound, unauthenticated } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit } from '../audit/index.ts'
import type { IdentityDeps } from './identity.tables.ts'
import { startSession, type LiveSession, type NewSession, type SessionPolicy } from './sessions.ts'
import { checkSecondFactor } from './totp.ts'
import { recordFailure, assertNotLockedOut, type LockoutPolicy } from './sign-in.ts'

/**
 * The second step of sign-in. A right code replaces the half-open session with
 * a new one (new id), so a token seen before the second factor is worthless.
 */
export async function completeSignIn(
  db: Kysely<IdentityDeps>,
  key: Buffer,
  pending: LiveSession,
  code: string,
  meta: { ip: string; userAgent: string | null },
  policy: SessionPolicy & LockoutPolicy,
  now: Date,
): Promise<NewSession> {
  if (!pending.mfaPending)
    throw unauthenticated('identity.no_pending_sign_in', 'There is no sign-in waiting for a second factor.')
  const user = await db
    .selectFrom('identity_user')
    .select(['email'])
    .where('id', '=', pending.userId)
    .executeTakeFirstOrThrow()
  await assertNotLockedOut(db, user.email, meta.ip, policy, now)
  try {
    const method = await checkSecondFactor(db, key, pending.userId, code, now)
    await db.deleteFrom('identity_session').where('token_hash', '=', pending.tokenHash).execute()
    const session = await startSession(
      db,
      {
        userId: pending.userId,
        companyId: pending.companyId,
        mfaPending: false,
        ip: meta.ip,
        userAgent: meta.userAgent,
      },
      policy,
      now,
    )
    await recordAudit(
      db,
      { companyId: pending.companyId, actorId: pending.userId, actorKind: 'user', requestId: null },
      {
        action: 'identity.session.signed_in',
        entityType: 'user',
        entityId: pending.userId,
        changes: { secondFactor: { before: null, after: method } },
      },
    )
    return session
  } catch (error) {
    await recordFailure(db, user.email, meta.ip, now)
    throw error
  }
}

/** Moves a session to another company the user belongs to; anything else reads as not found. */
export async function switchCompany(db: Kysely<IdentityDeps>, session: LiveSession, companyId: string): Promise<void> {
  const member = await db
    .selectFrom('identity_membership')
    .select('company_id')
    .where('company_id', '=', companyId)
    .where('user_id', '=', session.userId)
    .where('status', '=', 'active')
    .executeTakeFirst()
  if (!member) throw notFound('identity.company_not_found', 'No such company.')
  await db
    .updateTable('identity_session')
    .set({ active_company_id: companyId })
    .where('token_hash', '=', session.tokenHash)
    .execute()
  await recordAudit(
    db,
    { companyId, actorId: session.userId, actorKind: 'user', requestId: null },
    {
      action: 'identity.session.company_switched',
      entityType: 'user',
      entityId: session.userId,
      changes: { companyId: { before: session.companyId, after: companyId } },
    },
  )
}
