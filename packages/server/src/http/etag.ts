import { DomainError } from '@keel/kernel'
import type { FastifyReply, FastifyRequest } from 'fastify'

/** Strong ETag from a record's version number. */
export const etagFor = (version: number): string => `"${String(version)}"`

export const setEtag = (reply: FastifyReply, version: number) => reply.header('etag', etagFor(version))

/**
 * The version an `If-Match` header expects, or undefined when there is none.
 * A malformed one is a 412: the client sent a precondition we cannot check.
 */
export function expectedVersion(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match']
  if (header === undefined || header === '*') return undefined
  const match = /^(?:W\/)?"(\d+)"$/.exec(header.trim())
  if (!match?.[1])
    throw new DomainError('precondition_failed', 'request.bad_if_match', 'If-Match must be an ETag this API sent.')
  return Number(match[1])
}
