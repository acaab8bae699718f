import type { ColumnType, Generated, Kysely, Transaction } from 'kysely'
import type { AuditTables } from '../audit/index.ts'
import type { IdentityTables } from '../identity/index.ts'
import type { MailTables } from '../mail/index.ts'
import type { OrgDeps } from '../org/index.ts'

type Timestamp = ColumnType<Date, Date | string, Date | string>
/** A calendar date, 'yyyy-mm-dd' both ways. */
type DateString = string

export type TargetKind = 'company' | 'department' | 'team' | 'location'
export type ReminderItemKind = 'announcement' | 'policy_version'

// Row types for Kysely, named as in SQL. The module's functions speak camelCase.
export interface IntranetTables {
  intranet_announcement: {
    company_id: string
    id: string
    title: string
    body: string
    publish_at: Timestamp
    expires_at: Timestamp | null
    pinned: boolean
    pinned_until: Timestamp | null
    requires_acknowledgement: boolean
    author_user_id: string
    withdrawn_at: Timestamp | null
    version: Generated<number>
    created_at: Timestamp
    updated_at: Timestamp
  }
  intranet_announcement_audience: {
    company_id: string
    announcement_id: string
    position: number
    target_kind: TargetKind
    target_id: string | null
  }
  intranet_announcement_receipt: {
    company_id: string
    announcement_id: string
    user_id: string
    first_read_at: Timestamp
    acknowledged_at: Timestamp | null
  }
  intranet_policy: {
    company_id: string
    id: string
    title: string
    category: string | null
    current_version_id: string | null
    archived_at: Timestamp | null
    version: Generated<number>
    created_at: Timestamp
    updated_at: Timestamp
  }
  intranet_policy_audience: {
    company_id: string
    policy_id: string
    position: number
    target_kind: TargetKind
    target_id: string | null
  }
  intranet_policy_version: {
    company_id: string
    id: string
    policy_id: string
    version_number: number
    body: string
    summary_of_changes: string | null
    effective_date: DateString
    published_at: Timestamp
    published_by: string
  }
  intranet_policy_acknowledgement: {
    company_id: string
    policy_version_id: string
    user_id: string
    acknowledged_at: Timestamp
  }
  intranet_reminder: {
    company_id: string
    item_kind: ReminderItemKind
    item_id: string
    user_id: string
    last_sent_at: Timestamp
    times_sent: Generated<number>
  }
}

/** What intranet's use cases touch: its tables, and org, identity, audit and mail through their functions. */
export type IntranetDeps = IntranetTables & OrgDeps & IdentityTables & AuditTables & MailTables

/** `Kysely<DB>` is invariant in DB: narrow a wider schema (or a transaction) to what intranet needs. */
export const intranetDb = <DB extends IntranetDeps>(db: Kysely<DB> | Transaction<DB>): Kysely<IntranetDeps> =>
  db as unknown as Kysely<IntranetDeps>
