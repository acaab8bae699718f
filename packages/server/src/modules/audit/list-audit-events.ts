import type { Kysely, Transaction } from 'kysely'
import { auditDb, type AuditTables } from './audit.tables.ts'

export interface AuditEventFilter {
  readonly action?: string | undefined
  readonly entityType?: string | undefined
  readonly entityId?: string | undefined
  readonly actorId?: string | undefined
  readonly from?: Date | undefined
  readonly to?: Date | undefined
  readonly id?: string | undefined
}

export interface AuditEventRow {
  readonly id: string
  readonly seq: bigint
  readonly occurredAt: Date
  readonly actorId: string | null
  readonly actorKind: 'user' | 'token' | 'system' | 'anonymous'
  readonly action: string
  readonly entityType: string
  readonly entityId: string
  readonly changes: Record<string, { before: unknown; after: unknown }>
  readonly requestId: string | null
}

/** Newest first, keyset-paginated on `seq`: `beforeSeq` is the last seq of the previous page. */
export async function listAuditEvents<DB extends AuditTables>(
  anyDb: Kysely<DB> | Transaction<DB>,
  companyId: string,
  filter: AuditEventFilter,
  page: { readonly beforeSeq: bigint | null; readonly limit: number },
): Promise<{ items: AuditEventRow[]; nextBeforeSeq: bigint | null }> {
  const db = auditDb(anyDb)
  let query = db.selectFrom('audit_event').selectAll().where('company_id', '=', companyId)
  if (filter.id) query = query.where('id', '=', filter.id)
  if (filter.action) query = query.where('action', '=', filter.action)
  if (filter.entityType) query = query.where('entity_type', '=', filter.entityType)
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId)
  if (filter.actorId) query = query.where('actor_id', '=', filter.actorId)
  if (filter.from) query = query.where('occurred_at', '>=', filter.from)
  if (filter.to) query = query.where('occurred_at', '<', filter.to)
  if (page.beforeSeq !== null) query = query.where('seq', '<', page.beforeSeq)
  const rows = await query
    .orderBy('seq', 'desc')
    .limit(page.limit + 1)
    .execute()
  const items = rows.slice(0, page.limit).map((row) => ({
    id: row.id,
    seq: row.seq,
    occurredAt: row.occurred_at,
    actorId: row.actor_id,
    actorKind: row.actor_kind,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    changes: row.changes as Record<string, { before: unknown; after: unknown }>,
    requestId: row.request_id,
  }))
  const last = items.at(-1)
  return { items, nextBeforeSeq: rows.length > page.limit && last ? last.seq : null }
}
