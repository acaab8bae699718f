import { inTransaction, newId, widerReach, type Reach } from '@keel/kernel'
import { sql, type Kysely } from 'kysely'
import { recordAudit } from '../audit/index.ts'
import type { IdentityDeps } from './identity.tables.ts'
import { hashToken, randomToken } from './secrets.ts'

export interface SessionPolicy {
  readonly idleTimeoutMs: number
  readonly absoluteTimeoutMs: number
}

export interface NewSession {
  /** Goes into the cookie; only its hash is stored. */
  readonly token: string
  readonly id: string
  readonly csrfToken: string
}

export interface StartSessionInput {
  readonly userId: string
  readonly companyId: string
  readonly mfaPending: boolean
  readonly ip: string | null
  readonly userAgent: string | null
}

/** A new server-side session with a fresh random id (never reused across sign-ins). */
export async function startSession(
  db: Kysely<IdentityDeps>,
  input: StartSessionInput,
  policy: SessionPolicy,
  now: Date,
): Promise<NewSession> {
  const token = randomToken()
  const session = { token, id: newId(), csrfToken: randomToken() }
  await db
    .insertInto('identity_session')
    .values({
      token_hash: hashToken(token),
      id: session.id,
      user_id: input.userId,
      active_company_id: input.companyId,
      csrf_token: session.csrfToken,
      mfa_pending: input.mfaPending,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + policy.absoluteTimeoutMs),
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 500) ?? null,
    })
    .execute()
  return session
}

export interface LiveSession {
  readonly id: string
  readonly tokenHash: string
  readonly userId: string
  readonly companyId: string
  readonly csrfToken: string
  readonly mfaPending: boolean
  /** The membership is external staff's (identity_membership.external). */
  readonly external: boolean
  /** The user's grants in the session's company (empty while the second factor is pending). */
  readonly grants: ReadonlyMap<string, Reach>
}

// Writing last_seen_at on every request would turn every read into a write.
const TOUCH_EVERY_MS = 60_000

/**
 * The session behind a cookie token, or null when it is unknown, revoked, past
 * its absolute lifetime, idle too long, or its user is no longer active.
 */
export async function resolveSession(
  db: Kysely<IdentityDeps>,
  token: string,
  policy: SessionPolicy,
  now: Date,
): Promise<LiveSession | null> {
  const tokenHash = hashToken(token)
  // One round trip on the hot path of every request: the session, its user
  // and membership, and the grants of the membership's roles.
  const row = await db
    .selectFrom('identity_session as s')
    .innerJoin('identity_user as u', 'u.id', 's.user_id')
    .innerJoin('identity_membership as m', (join) =>
      join.onRef('m.user_id', '=', 's.user_id').onRef('m.company_id', '=', 's.active_company_id'),
    )
    .select([
      's.id',
      's.user_id',
      's.active_company_id',
      's.csrf_token',
      's.mfa_pending',
      's.last_seen_at',
      's.expires_at',
      's.revoked_at',
      'u.status',
      'm.status as membership_status',
      'm.external',
    ])
    .select(
      sql<[string, Reach][] | null>`(select json_agg(json_build_array(rp.permission, rp.reach))
        from identity_member_role mr
        join identity_role_permission rp on rp.company_id = mr.company_id and rp.role_id = mr.role_id
        where mr.company_id = s.active_company_id and mr.user_id = s.user_id)`.as('grants'),
    )
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst()
  if (!row || row.revoked_at !== null || row.status !== 'active' || row.membership_status !== 'active') return null
  const idleDeadline = row.last_seen_at.getTime() + policy.idleTimeoutMs
  if (row.expires_at.getTime() <= now.getTime() || idleDeadline <= now.getTime()) return null
  if (now.getTime() - row.last_seen_at.getTime() >= TOUCH_EVERY_MS) {
    await db.updateTable('identity_session').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute()
  }
  const grants = new Map<string, Reach>()
  if (!row.mfa_pending) {
    for (const [permission, reach] of row.grants ?? []) {
      const held = grants.get(permission)
      grants.set(permission, held ? widerReach(held, reach) : reach)
    }
  }
  return {
    id: row.id,
    tokenHash,
    userId: row.user_id,
    companyId: row.active_company_id,
    csrfToken: row.csrf_token,
    mfaPending: row.mfa_pending,
    external: row.external,
    grants,
  }
}

/**
 * Ends one session of a user (a no-op for another user's session id) and
 * records it in the audit trail of the company the session was in.
 */
export async function revokeSession(
  db: Kysely<IdentityDeps>,
  userId: string,
  sessionId: string,
  now: Date,
  requestId: string | null = null,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const revoked = await trx
      .updateTable('identity_session')
      .set({ revoked_at: now })
      .where('id', '=', sessionId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .returning('active_company_id')
      .executeTakeFirst()
    if (!revoked) return false
    await recordAudit(
      trx,
      { companyId: revoked.active_company_id, actorId: userId, actorKind: 'user', requestId },
      { action: 'identity.session.ended', entityType: 'session', entityId: sessionId },
    )
    return true
  })
}

/** Ends every session of a user, optionally keeping the one they are using. */
export async function revokeUserSessions(
  db: Kysely<IdentityDeps>,
  userId: string,
  now: Date,
  keepSessionId?: string,
): Promise<void> {
  let query = db
    .updateTable('identity_session')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
  if (keepSessionId) query = query.where('id', '!=', keepSessionId)
  await query.execute()
}

/** Session clean-up job: drops sessions that can no longer be used, and old sign-in failures. */
export async function purgeExpiredSessions(
  db: Kysely<IdentityDeps>,
  policy: SessionPolicy,
  now: Date,
): Promise<{ sessions: number; failures: number }> {
  const idleCutoff = new Date(now.getTime() - policy.idleTimeoutMs)
  const sessions = await db
    .deleteFrom('identity_session')
    .where((eb) =>
      eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleCutoff), eb('revoked_at', 'is not', null)]),
    )
    .executeTakeFirst()
  const failures = await db
    .deleteFrom('identity_login_failure')
    .where('failed_at', '<', new Date(now.getTime() - 24 * 3600_000))
    .executeTakeFirst()
  return { sessions: Number(sessions.numDeletedRows), failures: Number(failures.numDeletedRows) }
}

export async function listUserSessions(db: Kysely<IdentityDeps>, userId: string, now: Date, policy: SessionPolicy) {
  const rows = await db
    .selectFrom('identity_session')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('mfa_pending', '=', false)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', new Date(now.getTime() - policy.idleTimeoutMs))
    .orderBy('last_seen_at', 'desc')
    .limit(200)
    .execute()
  return rows
}
