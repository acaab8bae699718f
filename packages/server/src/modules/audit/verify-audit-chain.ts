import type { Kysely, Transaction } from 'kysely'
import { auditDb, type AuditTables } from './audit.tables.ts'
import { GENESIS_HASH, hashEvent } from './hash-event.ts'

export interface ChainVerdict {
  readonly ok: boolean
  readonly checked: number
  /** The first event at which the chain no longer holds, and why. */
  readonly brokenAt: { readonly seq: string; readonly id: string | null; readonly reason: string } | null
}

const BATCH = 1000

/**
 * Walks a company's chain in order and recomputes every hash. An altered event
 * fails its own hash, a removed one leaves a gap in `seq` (or a short chain
 * against the head), a reordered one fails the hash of its new position.
 */
export async function verifyAuditChain<DB extends AuditTables>(
  anyDb: Kysely<DB> | Transaction<DB>,
  companyId: string,
  onProgress?: (checked: number) => void,
): Promise<ChainVerdict> {
  const db = auditDb(anyDb)
  let expectedSeq = 1n
  let prevHash = GENESIS_HASH
  let checked = 0
  for (;;) {
    const rows = await db
      .selectFrom('audit_event')
      .selectAll()
      .where('company_id', '=', companyId)
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(BATCH)
      .execute()
    for (const row of rows) {
      const seq = row.seq
      const broken = (reason: string): ChainVerdict => ({
        ok: false,
        checked,
        brokenAt: { seq: seq.toString(), id: row.id, reason },
      })
      if (seq !== expectedSeq) {
        return {
          ok: false,
          checked,
          brokenAt: { seq: expectedSeq.toString(), id: null, reason: `event ${expectedSeq.toString()} is missing` },
        }
      }
      if (row.prev_hash !== prevHash) return broken('its link to the previous event does not match')
      const recomputed = hashEvent(prevHash, {
        companyId: row.company_id,
        seq,
        id: row.id,
        occurredAt: row.occurred_at,
        actorId: row.actor_id,
        actorKind: row.actor_kind,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        changes: row.changes,
        requestId: row.request_id,
      })
      if (recomputed !== row.hash) return broken('its content does not match its hash')
      prevHash = row.hash
      expectedSeq = seq + 1n
      checked++
    }
    onProgress?.(checked)
    if (rows.length < BATCH) break
  }
  const head = await db
    .selectFrom('audit_chain_head')
    .select(['last_seq', 'last_hash'])
    .where('company_id', '=', companyId)
    .executeTakeFirst()
  const lastSeq = head ? head.last_seq : 0n
  if (lastSeq !== expectedSeq - 1n || (head && head.last_hash !== prevHash)) {
    return {
      ok: false,
      checked,
      brokenAt: {
        seq: expectedSeq.toString(),
        id: null,
        reason: `the chain ends at ${(expectedSeq - 1n).toString()} but its head says ${lastSeq.toString()}`,
      },
    }
  }
  return { ok: true, checked, brokenAt: null }
}

/** How many events a company's chain holds (for progress bars), from its head. */
export async function auditChainLength<DB extends AuditTables>(
  anyDb: Kysely<DB> | Transaction<DB>,
  companyId: string,
): Promise<number> {
  const head = await auditDb(anyDb)
    .selectFrom('audit_chain_head')
    .select('last_seq')
    .where('company_id', '=', companyId)
    .executeTakeFirst()
  return head ? Number(head.last_seq) : 0
}
