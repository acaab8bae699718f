import { invalidField, newId } from '@keel/kernel'
import { enqueue } from '../../jobs/index.ts'
import { mailDb, type MailDb, type MailTables } from './mail.tables.ts'

export interface QueueMailInput {
  readonly companyId: string
  readonly to: string
  readonly subject: string
  readonly text: string
  readonly html?: string | undefined
}

/** What the `mail.send` job carries: the message is read from `mail_message` when it runs. */
export interface MailSendJob {
  readonly companyId: string
  readonly messageId: string
}

// One address, no display-name syntax: the callers are Keel's own notices to a
// user's stored address, and a newline here would be a header injection.
const ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+$/

/**
 * Records an e-mail and enqueues its delivery in the caller's transaction: it
 * is sent if and only if the transaction commits. Returns the message id.
 */
export async function queueMail<DB extends MailTables>(trx: MailDb<DB>, input: QueueMailInput): Promise<string> {
  const to = input.to.trim()
  if (!ADDRESS.test(to) || to.length > 320) throw invalidField('mail.invalid_address', '/to', 'Not an e-mail address.')
  if (/[\r\n]/.test(input.subject) || input.subject.length > 998) {
    throw invalidField('mail.invalid_subject', '/subject', 'A subject is one line of at most 998 characters.')
  }
  const id = newId()
  await mailDb(trx)
    .insertInto('mail_message')
    .values({
      company_id: input.companyId,
      id,
      to_address: to,
      subject: input.subject,
      text_body: input.text,
      html_body: input.html ?? null,
      status: 'queued',
    })
    .execute()
  const job: MailSendJob = { companyId: input.companyId, messageId: id }
  await enqueue(trx, 'mail.send', job)
  return id
}
