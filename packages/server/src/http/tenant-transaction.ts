import type { RouteHandlerMethod } from 'fastify'
import { withRetries } from '@keel/kernel'
import { sql } from 'kysely'
import type { DatabaseHandle } from '../db/connect.ts'

/**
 * Runs a signed-in request's handler in one transaction bound to the actor's
 * company (`keel.company_id`), so PostgreSQL's row-level security backs up the
 * company filter every query already has. Handlers set the status and return
 * the body: the reply is sent after the commit, never before it.
 */
export function inTenantTransaction(handle: DatabaseHandle, handler: RouteHandlerMethod): RouteHandlerMethod {
  return async function tenantHandler(request, reply) {
    const actor = request.actor
    if (!actor) return handler.call(this, request, reply)
    // A serialization failure or deadlock reruns the whole handler in a new transaction.
    return withRetries(() =>
      handle.db.transaction().execute(async (trx) => {
        await sql`select set_config('keel.company_id', ${actor.companyId}, true)`.execute(trx)
        request.db = trx
        try {
          return await handler.call(this, request, reply)
        } finally {
          request.db = handle.db
        }
      }),
    )
  }
}
