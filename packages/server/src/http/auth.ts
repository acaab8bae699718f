import { timingSafeEqual } from 'node:crypto'
import { forbidden, unauthenticated, type Clock } from '@keel/kernel'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import {
  AUTHENTICATED,
  isPermission,
  loadGrants,
  PUBLIC,
  resolveApiToken,
  resolveSession,
  SESSION_COOKIE,
  tokenGrants,
  type IdentityDeps,
  type SessionPolicy,
} from '../modules/identity/index.ts'
import './fastify-types.ts'
import type { SessionCache } from './session-cache.ts'

const CSRF_HEADER = 'x-csrf-token'

export interface AuthOptions {
  readonly db: Kysely<IdentityDeps>
  readonly policy: SessionPolicy
  readonly clock: Clock
  readonly secureCookies: boolean
  /** Resolved sessions remembered between changes (see session-cache.ts). */
  readonly cache?: SessionCache | undefined
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

/**
 * One authorization layer for every route: who is calling (session cookie or
 * bearer token), then what the route declares it needs. A route that declares
 * nothing is refused: deny by default.
 */
export function installAuth(app: FastifyInstance, options: AuthOptions): void {
  app.decorateRequest('actor', null)
  app.decorateRequest('session', null)

  const { cache } = options
  if (cache) {
    // Any state-changing request may change who may do what: forget what was
    // known when it starts, and again when it is done (reads in between are not kept).
    const forget = async (request: FastifyRequest) => {
      if (!SAFE_METHODS.has(request.method)) cache.clear()
    }
    app.addHook('onRequest', forget)
    app.addHook('onResponse', forget)
  }

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access
    if (access === undefined || (access === PUBLIC && !request.url.startsWith('/api/v1/auth/'))) return
    await identify(request, options)
  })

  // Before body validation: an anonymous caller learns nothing about a route's schema.
  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config.access
    if (!request.routeOptions.url) return // 404s fall through to the not-found handler
    if (access === undefined)
      throw forbidden('request.undeclared_access', 'This route declares no permission, so nobody may call it.')
    if (access === PUBLIC) return
    const actor = request.actor
    if (!actor) throw unauthenticated('request.unauthenticated', 'Sign in, or send an API token.')
    if (actor.kind === 'user' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER]
      if (typeof sent !== 'string' || !request.session || !sameSecret(sent, request.session.csrfToken)) {
        throw forbidden('request.csrf', 'The CSRF token is missing or wrong; reload the page.')
      }
    }
    if (access === AUTHENTICATED) return
    if (!isPermission(access) || !actor.grants.has(access)) {
      throw forbidden('request.forbidden', `This needs the permission ${access}.`, { permission: access })
    }
  })
}

async function identify(request: FastifyRequest, { db, policy, clock, cache }: AuthOptions): Promise<void> {
  const now = clock.now()
  const authorization = request.headers.authorization
  if (authorization?.startsWith('Bearer ')) {
    const token = await resolveApiToken(db, authorization.slice(7).trim(), now)
    if (!token) throw unauthenticated('request.invalid_token', 'The API token is unknown, expired or revoked.')
    const userGrants = await loadGrants(db, token.companyId, token.userId)
    request.actor = {
      kind: 'token',
      userId: token.userId,
      companyId: token.companyId,
      sessionId: null,
      tokenId: token.tokenId,
      external: token.external,
      grants: tokenGrants(token, userGrants),
    }
    return
  }
  const cookie = request.cookies[SESSION_COOKIE]
  if (!cookie) return
  let session = cache?.get(cookie, now.getTime())
  if (session === undefined) {
    const generation = cache?.generation() ?? 0
    session = await resolveSession(db, cookie, policy, now)
    if (SAFE_METHODS.has(request.method)) cache?.set(cookie, session, now.getTime(), generation)
  }
  if (!session) return
  request.session = session
  if (session.mfaPending) return
  request.actor = {
    kind: 'user',
    userId: session.userId,
    companyId: session.companyId,
    sessionId: session.id,
    tokenId: null,
    external: session.external,
    grants: session.grants,
  }
}
