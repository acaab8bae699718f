import type { ColumnType, Generated, Kysely, Transaction } from 'kysely'
import type { AuditTables } from '../audit/index.ts'
import type { MailTables } from '../mail/index.ts'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type CreatedAt = ColumnType<Date, Date | string | undefined, never>

// Row types for Kysely. Column names match SQL exactly (snake_case); the
// module's public functions speak camelCase and never leak these types.
export interface IdentityTables {
  identity_company: { id: string; name: string; slug: string; created_at: CreatedAt }
  identity_user: {
    id: string
    email: string
    display_name: string
    password_hash: string | null
    status: 'invited' | 'active' | 'deactivated'
    totp_secret_enc: string | null
    totp_enabled_at: Timestamp | null
    totp_last_step: bigint | null
    password_changed_at: Timestamp | null
    created_at: CreatedAt
    version: Generated<number>
  }
  identity_membership: {
    company_id: string
    user_id: string
    status: Generated<'active' | 'deactivated'>
    external: Generated<boolean>
    created_at: CreatedAt
    version: Generated<number>
  }
  identity_role: {
    company_id: string
    id: string
    key: string
    name: string
    description: Generated<string>
    builtin: Generated<boolean>
    created_at: CreatedAt
    version: Generated<number>
  }
  identity_role_permission: {
    company_id: string
    role_id: string
    permission: string
    reach: 'own' | 'team' | 'department' | 'company'
  }
  identity_member_role: { company_id: string; user_id: string; role_id: string }
  identity_session: {
    token_hash: string
    id: string
    user_id: string
    active_company_id: string
    csrf_token: string
    mfa_pending: boolean
    created_at: Timestamp
    last_seen_at: Timestamp
    expires_at: Timestamp
    ip: string | null
    user_agent: string | null
    revoked_at: Timestamp | null
  }
  identity_recovery_code: { user_id: string; code_hash: string; used_at: Timestamp | null }
  identity_api_token: {
    company_id: string
    id: string
    user_id: string
    name: string
    token_hash: string
    token_prefix: string
    permissions: string[]
    expires_at: Timestamp
    revoked_at: Timestamp | null
    last_used_at: Timestamp | null
    created_at: CreatedAt
  }
  identity_invitation: {
    company_id: string
    id: string
    user_id: string
    token_hash: string
    invited_by: string
    expires_at: Timestamp
    accepted_at: Timestamp | null
    created_at: CreatedAt
  }
  identity_password_reset: {
    token_hash: string
    user_id: string
    expires_at: Timestamp
    used_at: Timestamp | null
    created_at: CreatedAt
  }
  identity_login_failure: { id: string; email: string; ip: string; failed_at: Timestamp }
}

/** What identity's use cases touch: its own tables, plus audit and mail through their public functions. */
export type IdentityDeps = IdentityTables & AuditTables & MailTables

/** `Kysely<DB>` is invariant in DB: narrow a wider schema (or a transaction over it) to what identity needs. */
export const identityDb = <DB extends IdentityDeps>(db: Kysely<DB> | Transaction<DB>): Kysely<IdentityDeps> =>
  db as unknown as Kysely<IdentityDeps>
