import { newId, rateLimited, unauthenticated } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit } from '../audit/index.ts'
import { normalizeEmail } from './create-user.ts'
import type { IdentityDeps } from './identity.tables.ts'
import { verifyPassword } from './passwords.ts'
import { startSession, type NewSession, type SessionPolicy } from './sessions.ts'

export interface LockoutPolicy {
  /** Failed attempts for one e-mail within the window that lock it. */
  readonly maxFailures: number
  readonly windowMs: number
  /** Failed attempts from one address within the window before it is throttled. */
  readonly maxFailuresPerIp: number
}

export interface SignInInput {
  readonly email: string
  readonly password: string
  readonly ip: string
  readonly userAgent: string | null
}

export interface SignedIn extends NewSession {
  readonly userId: string
  readonly companyId: string
  readonly mfaRequired: boolean
}

/**
 * Checks a password and opens a session: a full one, or one waiting for the
 * second factor when the user has TOTP on. Repeated failures lock the e-mail
 * (even for the right password) and throttle the address for the window.
 */
export async function signIn(
  db: Kysely<IdentityDeps>,
  input: SignInInput,
  policy: SessionPolicy & LockoutPolicy,
  now: Date,
): Promise<SignedIn> {
  const email = normalizeEmail(input.email)
  await assertNotLockedOut(db, email, input.ip, policy, now)
  const user = await db
    .selectFrom('identity_user')
    .select(['id', 'password_hash', 'status', 'totp_enabled_at'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
    .executeTakeFirst()
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password)
  if (!user || !passwordOk || user.status !== 'active') {
    await recordFailure(db, email, input.ip, now)
    throw unauthenticated('identity.invalid_credentials', 'The e-mail or password is not right.')
  }
  const membership = await db
    .selectFrom('identity_membership')
    .select('company_id')
    .where('user_id', '=', user.id)
    .where('status', '=', 'active')
    .orderBy('created_at')
    .orderBy('company_id')
    .executeTakeFirst()
  if (!membership) throw unauthenticated('identity.invalid_credentials', 'The e-mail or password is not right.')
  await clearFailures(db, email)
  const mfaRequired = user.totp_enabled_at !== null
  const session = await startSession(
    db,
    {
      userId: user.id,
      companyId: membership.company_id,
      mfaPending: mfaRequired,
      ip: input.ip,
      userAgent: input.userAgent,
    },
    policy,
    now,
  )
  if (!mfaRequired) {
    await recordAudit(
      db,
      { companyId: membership.company_id, actorId: user.id, actorKind: 'user', requestId: null },
      { action: 'identity.session.signed_in', entityType: 'user', entityId: user.id },
    )
  }
  return { ...session, userId: user.id, companyId: membership.company_id, mfaRequired }
}

export async function assertNotLockedOut(
  db: Kysely<IdentityDeps>,
  email: string,
  ip: string,
  policy: LockoutPolicy,
  now: Date,
): Promise<void> {
  const since = new Date(now.getTime() - policy.windowMs)
  const byEmail = await db
    .selectFrom('identity_login_failure')
    .select((eb) => [eb.fn.countAll<bigint>().as('n'), eb.fn.max<Date | null>('failed_at').as('last')])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
    .where('failed_at', '>', since)
    .executeTakeFirstOrThrow()
  if (Number(byEmail.n) >= policy.maxFailures && byEmail.last) {
    const until = new Date(new Date(byEmail.last).getTime() + policy.windowMs)
    throw rateLimited('identity.locked_out', `Too many failed sign-ins. Try again after ${until.toISOString()}.`, {
      retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)),
    })
  }
  const byIp = await db
    .selectFrom('identity_login_failure')
    .select((eb) => eb.fn.countAll<bigint>().as('n'))
    .where('ip', '=', ip)
    .where('failed_at', '>', since)
    .executeTakeFirstOrThrow()
  if (Number(byIp.n) >= policy.maxFailuresPerIp) {
    throw rateLimited('identity.rate_limited', 'Too many failed sign-ins from this address. Try again later.', {
      retryAfterSeconds: Math.ceil(policy.windowMs / 1000),
    })
  }
}

export async function recordFailure(db: Kysely<IdentityDeps>, email: string, ip: string, now: Date): Promise<void> {
  await db.insertInto('identity_login_failure').values({ id: newId(), email, ip, failed_at: now }).execute()
}

const clearFailures = async (db: Kysely<IdentityDeps>, email: string) => {
  await db
    .deleteFrom('identity_login_failure')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
    .execute()
}
