import { unauthenticated } from '@keel/kernel'
import type { FastifyRequest } from 'fastify'
import type { AuditContext } from '../audit/index.ts'
import type { Actor } from './actor.ts'

/**
 * The signed-in actor of a request whose route needs one. The auth hook has
 * already refused anonymous callers of such routes; this makes it a type.
 */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated('request.unauthenticated', 'Sign in, or send an API token.')
  return request.actor
}

/** Who does what, for the audit trail: the actor, their company and the request id. */
export function auditContextOf(request: FastifyRequest): AuditContext & { actorId: string } {
  const actor = actorOf(request)
  return { companyId: actor.companyId, actorId: actor.userId, actorKind: actor.kind, requestId: request.id }
}
