import { decodeCursor, encodeCursor, invalidField } from '@keel/kernel'
import { sql } from 'kysely'
import { mailDb, type MailDb, type MailTables } from './mail.tables.ts'

export interface OutboxItem {
  readonly id: string
  readonly to: string
  readonly subject: string
  readonly textBody: string
  readonly htmlBody: string | null
  readonly status: 'queued' | 'sent' | 'outbox' | 'failed'
  readonly createdAt: Date
  readonly sentAt: Date | null
}

export interface OutboxPage {
  readonly items: OutboxItem[]
  /** Pass back as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null
}

export const MAX_OUTBOX_LIMIT = 200

// The cursor is [created_at to the microsecond as Postgres prints it in UTC, id]:
// a JS Date would drop the microseconds and skip rows.
const isPosition = (value: unknown): value is [string, string] =>
  Array.isArray(value) &&
  value.length === 2 &&
  typeof value[0] === 'string' &&
  /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(value[0]) &&
  typeof value[1] === 'string' &&
  /^[0-9a-f-]{36}$/i.test(value[1])

/**
 * The company's outgoing mail, newest first (`created_at desc, id desc`), one
 * keyset page at a time. Without SMTP this is the dev outbox: messages stay
 * here with status `outbox`, readable by an admin.
 */
export async function listOutbox<DB extends MailTables>(
  anyDb: MailDb<DB>,
  companyId: string,
  page: { readonly cursor?: string | undefined; readonly limit: number },
): Promise<OutboxPage> {
  if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > MAX_OUTBOX_LIMIT) {
    throw invalidField('mail.invalid_limit', '/querystring/limit', `limit is 1 to ${String(MAX_OUTBOX_LIMIT)}.`)
  }
  const position = decodeCursor(page.cursor, isPosition)
  const after = position ? { at: position[0], id: position[1] } : undefined
  let query = mailDb(anyDb)
    .selectFrom('mail_message')
    .select([
      'id',
      'to_address',
      'subject',
      'text_body',
      'html_body',
      'status',
      'created_at',
      'sent_at',
      sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('position_at'),
    ])
    .where('company_id', '=', companyId)
  if (after) {
    query = query.where((eb) =>
      eb(
        eb.refTuple('created_at', 'id'),
        '<',
        eb.tuple(sql<Date>`${after.at}::timestamptz`, sql<string>`${after.id}::uuid`),
      ),
    )
  }
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute()
  const items = rows.slice(0, page.limit).map((row) => ({
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    textBody: row.text_body,
    htmlBody: row.html_body,
    status: row.status,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  }))
  const last = rows[page.limit - 1]
  return {
    items,
    nextCursor: rows.length > page.limit && last ? encodeCursor([last.position_at, last.id]) : null,
  }
}
