import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import fastifyCookie from '@fastify/cookie'
import fastifyStatic from '@fastify/static'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { newId, systemClock, type Clock } from '@keel/kernel'
import Fastify, { type FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { Config } from '../config.ts'
import type { DatabaseHandle } from '../db/connect.ts'
import type { Database } from '../db/database.ts'
import { auditRoutes } from '../modules/audit/index.ts'
import { identityDb, identityRoutes, PUBLIC } from '../modules/identity/index.ts'
import { intranetRoutes } from '../modules/intranet/index.ts'
import { orgDb, orgRoutes, peopleDataRoutes, userIdsWithinReach } from '../modules/org/index.ts'
import { externalRoutes, installExternalAccessGate } from '../modules/org/index.ts'
import { mailRoutes } from '../modules/mail/index.ts'
import { workRoutes } from '../modules/work/index.ts'
import { installAuth } from './auth.ts'
import { sessionCache } from './session-cache.ts'
import { installErrorHandler } from './error-handler.ts'
import { installIdempotency } from './idempotency.ts'
import { openApiOptions } from './openapi.ts'
import { problem } from './problem.ts'
import { inTenantContext } from './tenant-context.ts'
import { KEEL_VERSION, systemRoutes } from './system.routes.ts'

export interface AppDeps {
  readonly handle: DatabaseHandle
  readonly config: Config
  readonly secretKey: Buffer
  readonly clock?: Clock
  /** pino options, or false for silence (tests). */
  readonly logger?: boolean | object
  /** Built web assets; served at `/` with an SPA fallback when present. */
  readonly webDistDir?: string
}

export interface RegisteredRoute {
  readonly method: string
  readonly url: string
  readonly access: string | undefined
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with the access it declares: the deny-by-default test walks this. */
    keelRoutes: RegisteredRoute[]
  }
}

const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url))
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/
// How long the embedded mode trusts a resolved session between writes.
const SESSION_CACHE_MAX_AGE_MS = 15_000
/** Notified by identity migration 0002 whenever a cached session could have changed. */
const ACCESS_CHANGED_CHANNEL = 'keel_access_changed'

/** Builds the whole app without listening, so tests drive it with `inject()`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { handle, config, secretKey } = deps
  const clock = deps.clock ?? systemClock
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id']
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : newId()
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.decorate('keelRoutes', [] as RegisteredRoute[])
  app.decorateRequest('db', null as unknown as Kysely<Database>)
  app.addHook('onRequest', async (request) => {
    request.db = handle.db
  })
  app.addHook('onRoute', (route) => {
    // Outside /api/v1 live only public things registered by plugins: the web
    // app's files and the API reference. Inside it, a route must declare access.
    if (!route.url.startsWith('/api/v1') && route.config?.access === undefined)
      route.config = { ...route.config, access: PUBLIC }
    if (handle.kind === 'postgres' && route.url.startsWith('/api/v1') && !route.url.startsWith('/api/v1/auth/')) {
      route.handler = inTenantContext(handle, route.handler)
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    for (const method of methods) app.keelRoutes.push({ method, url: route.url, access: route.config?.access })
  })

  installErrorHandler(app)
  app.addHook('onSend', async (request, reply, payload) => {
    void reply.header('x-request-id', request.id)
    void reply.header('x-content-type-options', 'nosniff')
    void reply.header('referrer-policy', 'same-origin')
    if (!request.url.startsWith('/api/docs')) {
      void reply.header('x-frame-options', 'DENY')
      void reply.header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
      )
    }
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store')
    return payload
  })

  await app.register(fastifyCookie)
  const secureCookies = config.publicUrl.startsWith('https://')
  const policy = {
    idleTimeoutMs: config.sessionIdleTimeoutMs,
    absoluteTimeoutMs: config.sessionAbsoluteTimeoutMs,
    maxFailures: config.loginMaxFailures,
    windowMs: config.loginLockoutMs,
    maxFailuresPerIp: Math.max(50, config.loginMaxFailures * 10),
  }
  const identity = identityDb(handle.db)
  const cache = sessionCache(SESSION_CACHE_MAX_AGE_MS)
  const stopListening = await handle.listen(ACCESS_CHANGED_CHANNEL, {
    onNotify: () => {
      cache.clear()
    },
    onListening: (listening) => {
      cache.setEnabled(listening)
    },
  })
  app.addHook('onClose', stopListening)
  installAuth(app, { db: identity, policy, clock, secureCookies, cache })
  installExternalAccessGate(app, { clock, secureCookies })
  installIdempotency(app, handle.db)

  await app.register(fastifySwagger, openApiOptions(KEEL_VERSION))
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true },
  })

  // Display names of a company's users, for modules that show who did something.
  const userNames = async (companyId: string, ids: readonly string[]): Promise<ReadonlyMap<string, string>> => {
    if (ids.length === 0) return new Map()
    const rows = await identity
      .selectFrom('identity_user as u')
      .innerJoin('identity_membership as m', 'm.user_id', 'u.id')
      .select(['u.id', 'u.display_name'])
      .where('m.company_id', '=', companyId)
      .where('u.id', 'in', ids)
      .execute()
    return new Map(rows.map((r) => [r.id, r.display_name]))
  }

  await app.register(systemRoutes, { prefix: '/api', handle })
  await app.register(
    async (api) => {
      // Registered one by one, not auto-loaded: the list of modules is greppable.
      await api.register(identityRoutes, {
        clock,
        policy,
        secretKey,
        publicUrl: config.publicUrl,
        secureCookies,
        usersWithinReach: (request, reach) =>
          request.actor
            ? userIdsWithinReach(orgDb(request.db), request.actor.companyId, request.actor.userId, reach)
            : Promise.resolve([]),
      })
      await api.register(auditRoutes, { actorNames: userNames })
      await api.register(mailRoutes)
      await api.register(orgRoutes, {
        clock,
        secretKey,
        userNames,
        companyName: async (companyId) => {
          const row = await identity
            .selectFrom('identity_company')
            .select('name')
            .where('id', '=', companyId)
            .executeTakeFirst()
          return row?.name ?? ''
        },
      })
      await api.register(externalRoutes, { clock, publicUrl: config.publicUrl })
      await api.register(intranetRoutes, { clock, userNames })
      await api.register(workRoutes, { clock, userNames })
      await api.register(peopleDataRoutes, {
        clock,
        secretKey,
        userNames,
        documentMaxBytes: config.documentMaxBytes,
      })
    },
    { prefix: '/api/v1' },
  )

  app.get('/api/openapi.json', { config: { access: PUBLIC }, schema: { hide: true } }, async () => app.swagger())

  await serveWeb(app, deps.webDistDir ?? DEFAULT_WEB_DIST)
  return app
}

/** The built web app at `/`; unknown non-API paths get index.html so client-side routes load. */
async function serveWeb(app: FastifyInstance, distDir: string): Promise<void> {
  const indexFile = `${distDir}/index.html`
  const hasWeb = existsSync(indexFile)
  if (hasWeb) await app.register(fastifyStatic, { root: distDir, prefix: '/', wildcard: false, index: false })
  const indexHtml = hasWeb ? await readFile(indexFile, 'utf8') : null
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/'
    if (request.method === 'GET' && !path.startsWith('/api') && indexHtml !== null) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml)
    }
    if (request.method === 'GET' && path === '/' && indexHtml === null) {
      return reply
        .type('text/plain; charset=utf-8')
        .send('Keel is running. The web app is not built: run `npm run build:web`. The API reference is at /api/docs.')
    }
    return reply
      .code(404)
      .type('application/problem+json; charset=utf-8')
      .send(problem(404, 'request.no_such_route', `No route ${request.method} ${path}`, request.id))
  })
}
