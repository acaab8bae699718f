import type { Kysely } from 'kysely'
import type { Database } from '../db/database.ts'
import type { Actor, LiveSession, RouteAccess } from '../modules/identity/index.ts'

// What Keel adds to Fastify's request and route config. Declared once, here.
declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route declares who may call it; a route without it is refused (deny by default). */
    access?: RouteAccess
    /** Creating POSTs honour `Idempotency-Key`. */
    idempotent?: boolean
  }
  interface FastifyRequest {
    actor: Actor | null
    /** The cookie session, also while it waits for the second factor. */
    session: LiveSession | null
    /**
     * The database for this request's work. On PostgreSQL, a signed-in
     * request's handler runs in one transaction bound to the active company,
     * so row-level security backs up every query's company filter.
     */
    db: Kysely<Database>
  }
}

export {}
