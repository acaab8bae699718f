import { createHash } from 'node:crypto'
import { badRequest, conflict, DomainError } from '@keel/kernel'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { PlatformTables } from '../db/platform.tables.ts'
import { canonicalJson } from '../modules/audit/index.ts'

const HEADER = 'idempotency-key'
// A request that never finished (the process died) frees its key after this long.
const IN_FLIGHT_EXPIRY_MS = 5 * 60_000

interface Claim {
  readonly companyId: string
  readonly actorId: string
  readonly key: string
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyClaim: Claim | null
  }
}

/**
 * `Idempotency-Key` on creating POSTs, scoped to company + actor: the first
 * response is stored and replayed; the same key with another body is a 422;
 * a key whose first request is still running is a 409.
 */
export function installIdempotency(app: FastifyInstance, db: Kysely<PlatformTables>): void {
  app.decorateRequest('idempotencyClaim', null)

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers[HEADER]
    if (!request.routeOptions.config.idempotent || key === undefined || !request.actor) return
    if (typeof key !== 'string' || key.length < 1 || key.length > 255) {
      throw badRequest(
        'request.bad_idempotency_key',
        '/headers/idempotency-key',
        'An Idempotency-Key is 1 to 255 characters.',
      )
    }
    const claim = { companyId: request.actor.companyId, actorId: request.actor.userId, key }
    const requestHash = createHash('sha256')
      .update(
        `${request.method} ${request.routeOptions.url ?? ''} ${canonicalJson(request.params)} ${canonicalJson(request.body ?? null)}`,
      )
      .digest('hex')
    await db
      .deleteFrom('platform_idempotency_key')
      .where('company_id', '=', claim.companyId)
      .where('actor_id', '=', claim.actorId)
      .where('key', '=', key)
      .where('state', '=', 'in_flight')
      .where('created_at', '<', new Date(Date.now() - IN_FLIGHT_EXPIRY_MS))
      .execute()
    const inserted = await db
      .insertInto('platform_idempotency_key')
      .values({
        company_id: claim.companyId,
        actor_id: claim.actorId,
        key,
        method: request.method,
        path: request.url,
        request_hash: requestHash,
        state: 'in_flight',
        response_status: null,
        response_body: null,
        response_type: null,
      })
      .onConflict((oc) => oc.columns(['company_id', 'actor_id', 'key']).doNothing())
      .executeTakeFirst()
    if (inserted.numInsertedOrUpdatedRows === 1n) {
      request.idempotencyClaim = claim
      return
    }
    const first = await db
      .selectFrom('platform_idempotency_key')
      .selectAll()
      .where('company_id', '=', claim.companyId)
      .where('actor_id', '=', claim.actorId)
      .where('key', '=', key)
      .executeTakeFirst()
    if (!first)
      throw conflict(
        'request.idempotency_in_flight',
        'A request with this Idempotency-Key is being processed; retry shortly.',
      )
    if (first.request_hash !== requestHash) {
      throw new DomainError(
        'invalid',
        'request.idempotency_key_reused',
        'This Idempotency-Key was used with a different request.',
      )
    }
    if (first.state === 'in_flight')
      throw conflict(
        'request.idempotency_in_flight',
        'A request with this Idempotency-Key is being processed; retry shortly.',
      )
    return reply
      .code(first.response_status ?? 200)
      .header('idempotency-replayed', 'true')
      .type(first.response_type ?? 'application/json; charset=utf-8')
      .send(first.response_body ?? '')
  })

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotencyClaim
    if (!claim) return payload
    request.idempotencyClaim = null
    const where = db
      .updateTable('platform_idempotency_key')
      .where('company_id', '=', claim.companyId)
      .where('actor_id', '=', claim.actorId)
      .where('key', '=', claim.key)
    if (reply.statusCode >= 200 && reply.statusCode < 300) {
      const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : ''
      const type = reply.getHeader('content-type')
      await where
        .set({
          state: 'done',
          response_status: reply.statusCode,
          response_body: body,
          response_type: typeof type === 'string' ? type : null,
        })
        .execute()
    } else {
      // A failed request did nothing: the client may retry with the same key.
      await db
        .deleteFrom('platform_idempotency_key')
        .where('company_id', '=', claim.companyId)
        .where('actor_id', '=', claim.actorId)
        .where('key', '=', claim.key)
        .execute()
    }
    return payload
  })
}
