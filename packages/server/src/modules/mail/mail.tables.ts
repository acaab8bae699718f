import type { ColumnType, Generated, Kysely, Transaction } from 'kysely'

export interface MailTables {
  mail_message: {
    company_id: string
    id: string
    to_address: string
    subject: string
    text_body: string
    html_body: string | null
    status: 'queued' | 'sent' | 'outbox' | 'failed'
    attempts: Generated<number>
    last_error: string | null
    created_at: ColumnType<Date, Date | undefined, never>
    sent_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  }
}

/**
 * A database or transaction over any schema that holds the mail table. The union
 * matters: TypeScript cannot infer `DB` from a `Transaction<DB>` given as `Kysely<DB>`.
 */
export type MailDb<DB extends MailTables> = Kysely<DB> | Transaction<DB>

/** `Kysely<DB>` is invariant in DB: narrow a wider schema (or a transaction over it) to the mail table. */
export const mailDb = <DB extends MailTables>(db: MailDb<DB>): Kysely<MailTables> => db as unknown as Kysely<MailTables>
