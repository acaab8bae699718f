import type { ColumnType, Kysely, Transaction } from 'kysely'

type Json = ColumnType<unknown, string, never>

export interface AuditTables {
  audit_event: {
    company_id: string
    seq: bigint
    id: string
    occurred_at: ColumnType<Date, Date, never>
    actor_id: string | null
    actor_kind: 'user' | 'token' | 'system' | 'anonymous'
    action: string
    entity_type: string
    entity_id: string
    changes: Json
    request_id: string | null
    prev_hash: string
    hash: string
  }
  audit_chain_head: { company_id: string; last_seq: bigint; last_hash: string }
}

/** `Kysely<DB>` is invariant in DB: narrow a wider schema (or a transaction over it) to the audit tables. */
export const auditDb = <DB extends AuditTables>(db: Kysely<DB> | Transaction<DB>): Kysely<AuditTables> =>
  db as unknown as Kysely<AuditTables>
