import { newId } from '@keel/kernel'
import type { Kysely, Transaction } from 'kysely'
import type { AuditContext } from './audit-context.ts'
import { auditDb, type AuditTables } from './audit.tables.ts'
import { normalize } from './canonical-json.ts'
import { GENESIS_HASH, hashEvent } from './hash-event.ts'

/** `{ field: { before, after } }` for the fields a command changed. */
export type Changes = Readonly<Record<string, { readonly before: unknown; readonly after: unknown }>>

export interface AuditInput {
  readonly action: string
  readonly entityType: string
  readonly entityId: string
  readonly changes?: Changes
}

/**
 * Appends one event to the company's chain. Call it with the transaction of the
 * command it records, so the event exists exactly when the change does. The
 * chain head row is locked, so concurrent writers append one after the other.
 */
export async function recordAudit<DB extends AuditTables>(
  anyTrx: Kysely<DB> | Transaction<DB>,
  context: AuditContext,
  input: AuditInput,
  clock = () => new Date(),
): Promise<void> {
  const trx = auditDb(anyTrx)
  await trx
    .insertInto('audit_chain_head')
    .values({ company_id: context.companyId, last_seq: 0n, last_hash: GENESIS_HASH })
    .onConflict((oc) => oc.column('company_id').doNothing())
    .execute()
  const head = await trx
    .selectFrom('audit_chain_head')
    .select(['last_seq', 'last_hash'])
    .where('company_id', '=', context.companyId)
    .forUpdate()
    .executeTakeFirstOrThrow()
  const event = {
    companyId: context.companyId,
    seq: head.last_seq + 1n,
    id: newId(),
    occurredAt: clock(),
    actorId: context.actorId,
    actorKind: context.actorKind,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    changes: normalize(input.changes ?? {}),
    requestId: context.requestId,
  }
  const hash = hashEvent(head.last_hash, event)
  await trx
    .insertInto('audit_event')
    .values({
      company_id: event.companyId,
      seq: event.seq,
      id: event.id,
      occurred_at: event.occurredAt,
      actor_id: event.actorId,
      actor_kind: event.actorKind,
      action: event.action,
      entity_type: event.entityType,
      entity_id: event.entityId,
      changes: JSON.stringify(event.changes),
      request_id: event.requestId,
      prev_hash: head.last_hash,
      hash,
    })
    .execute()
  await trx
    .updateTable('audit_chain_head')
    .set({ last_seq: event.seq, last_hash: hash })
    .where('company_id', '=', context.companyId)
    .execute()
}
