import { unauthenticated, type Clock } from '@keel/kernel'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { clearSessionCookie, identityDb, PUBLIC, revokeSession, revokeUserSessions } from '../identity/index.ts'
import { companyToday } from './company-profile.ts'
import { externalScopeGuard } from './external-scope-guard.ts'
import { externalAccountOf, externalScopeOf } from './external-scope.ts'
import { orgDb } from './org.tables.ts'

/** Sign-in replies carry the user and company they signed in to. */
const SIGN_IN_ROUTES = new Set(['/api/v1/auth/login', '/api/v1/auth/mfa', '/api/v1/auth/switch-company'])

interface SignInReply {
  status?: string
  user?: { id?: string }
  company?: { id?: string }
}

async function scopeAt(request: FastifyRequest, companyId: string, userId: string, now: Date) {
  const db = orgDb(request.db)
  // One indexed lookup for everyone; the rest only for external staff.
  if (!(await externalAccountOf(db, companyId, userId))) return null
  return externalScopeOf(db, companyId, userId, await companyToday(db, companyId, now))
}

/**
 * External staff act only while their firm's contract runs. The hourly job
 * `org.expire-external-access` deactivates their membership after the end
 * date, but between the end date and its next run (and whenever the job is
 * late) this gate refuses them at request time: every signed-in request of an
 * external account with no running contract (or one revoked or expired) is
 * answered 401 and its session ended; a sign-in is refused with the reason.
 * For everyone else it costs nothing: identity's membership flag `external`
 * (set when org links an account to a firm) rides on the session. It also puts the scope on
 * the request, for org's routes to cut lists down to it, and answers 404 for
 * a single record outside it (external-scope-guard.ts).
 */
export function installExternalAccessGate(app: FastifyInstance, options: { clock: Clock; secureCookies: boolean }) {
  const { clock, secureCookies } = options
  app.decorateRequest('externalScope', null)

  app.addHook('preValidation', async (request) => {
    const actor = request.actor
    // The membership's external flag rides on the session: the company's own staff cost nothing here.
    if (!actor?.external) return
    // Sign-in, sign-out, invitations and password resets stay reachable; the session check does not.
    const access = request.routeOptions.config.access
    if (access === PUBLIC && request.routeOptions.url !== '/api/v1/auth/session') return
    const now = clock.now()
    const db = orgDb(request.db)
    const scope = await externalScopeOf(db, actor.companyId, actor.userId, await companyToday(db, actor.companyId, now))
    // External staff without a firm (marked so by hand) get nothing: deny by default.
    const refusal = scope ? scope.refusal : 'Your account is external staff of no firm; ask an administrator.'
    if (refusal !== null) {
      if (actor.sessionId) await revokeSession(identityDb(request.db), actor.userId, actor.sessionId, now, request.id)
      throw unauthenticated('org.external_access_ended', refusal)
    }
    request.externalScope = scope
  })
  // After validation: a record by id outside the scope answers 404.
  app.addHook('preHandler', externalScopeGuard)

  app.addHook('preSerialization', async (request, reply, payload: unknown) => {
    if (!SIGN_IN_ROUTES.has(request.routeOptions.url ?? '') || reply.statusCode !== 200) return payload
    const signedIn = payload as SignInReply
    const userId = signedIn.user?.id
    const companyId = signedIn.company?.id
    if (signedIn.status !== 'signed_in' || !userId || !companyId) return payload
    const now = clock.now()
    const scope = await scopeAt(request, companyId, userId, now)
    if (!scope?.refusal) return payload
    // The session just started must not outlive the refusal.
    await revokeUserSessions(identityDb(request.db), userId, now)
    clearSessionCookie(reply, secureCookies)
    throw unauthenticated('org.external_access_ended', scope.refusal)
  })
}
