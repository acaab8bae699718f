import type { RouteHandlerMethod } from 'fastify'
import { withRetries } from '@keel/kernel'
import type { DatabaseHandle } from '../db/connect.ts'
import { withTenant } from '../db/postgres-dialect.ts'

const READS = new Set(['GET', 'HEAD'])

/**
 * Binds every query of a signed-in request to the actor's company
 * (`keel.company_id`, see db/postgres-dialect.ts), so PostgreSQL's row-level
 * security backs up the company filter every query already has.
 *
 * A state-changing request runs in one transaction: handlers set the status
 * and return the body, and the reply is sent after the commit, never before
 * it. A read needs no transaction (each statement sees committed data either
 * way, at READ COMMITTED), which saves it two round trips.
 */
export function inTenantContext(handle: DatabaseHandle, handler: RouteHandlerMethod): RouteHandlerMethod {
  return async function tenantHandler(request, reply) {
    const actor = request.actor
    if (!actor) return handler.call(this, request, reply)
    if (READS.has(request.method)) return withTenant(actor.companyId, async () => handler.call(this, request, reply))
    // A serialization failure or deadlock reruns the whole handler in a new transaction.
    return withRetries(() =>
      withTenant(actor.companyId, () =>
        handle.db.transaction().execute(async (trx) => {
          request.db = trx
          try {
            return await handler.call(this, request, reply)
          } finally {
            request.db = handle.db
          }
        }),
      ),
    )
  }
}
