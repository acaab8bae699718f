import { createHash } from 'node:crypto'
import { canonicalJson } from './canonical-json.ts'

export const GENESIS_HASH = '0'.repeat(64)

/** The fields of an event that its hash covers: everything but the hashes themselves. */
export interface HashedFields {
  readonly companyId: string
  readonly seq: bigint
  readonly id: string
  readonly occurredAt: Date
  readonly actorId: string | null
  readonly actorKind: string
  readonly action: string
  readonly entityType: string
  readonly entityId: string
  readonly changes: unknown
  readonly requestId: string | null
}

/** hash = sha256(prev_hash ‖ canonical event). */
export function hashEvent(prevHash: string, event: HashedFields): string {
  const canonical = canonicalJson([
    event.companyId,
    event.seq.toString(),
    event.id,
    event.occurredAt.toISOString(),
    event.actorId,
    event.actorKind,
    event.action,
    event.entityType,
    event.entityId,
    event.changes,
    event.requestId,
  ])
  return createHash('sha256').update(prevHash).update(canonical).digest('hex')
}
