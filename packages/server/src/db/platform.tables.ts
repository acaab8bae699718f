import type { ColumnType } from 'kysely'

export interface PlatformTables {
  platform_idempotency_key: {
    company_id: string
    actor_id: string
    key: string
    method: string
    path: string
    request_hash: string
    state: 'in_flight' | 'done'
    response_status: number | null
    response_body: string | null
    response_type: string | null
    created_at: ColumnType<Date, Date | undefined, never>
  }
  keel_migration: { module: string; name: string; checksum: string; applied_at: Date }
}
