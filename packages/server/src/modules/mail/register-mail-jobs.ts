import type { Kysely } from 'kysely'
import type { Job, Jobs } from '../../jobs/index.ts'
import { mailDb, type MailDb, type MailTables } from './mail.tables.ts'
import { smtpSender, type MailTransport, type SendMail } from './mail-transport.ts'
import type { MailSendJob } from './queue-mail.ts'

/**
 * The `mail.send` worker: over SMTP when configured (a failure is recorded and
 * rethrown, so pg-boss retries with backoff), else into the dev outbox.
 */
export async function registerMailJobs<DB extends MailTables>(
  jobs: Jobs,
  anyDb: MailDb<DB>,
  transport: MailTransport,
): Promise<void> {
  const send = transport.smtp ? smtpSender(transport.smtp, transport.from) : undefined
  await jobs.work<MailSendJob>('mail.send', (job) => deliver(mailDb(anyDb), send, job))
}

async function deliver(db: Kysely<MailTables>, send: SendMail | undefined, job: Job<MailSendJob>): Promise<void> {
  const { companyId, messageId } = job.data
  const byId = db.updateTable('mail_message').where('company_id', '=', companyId).where('id', '=', messageId)
  const message = await db
    .selectFrom('mail_message')
    .select(['to_address', 'subject', 'text_body', 'html_body', 'status'])
    .where('company_id', '=', companyId)
    .where('id', '=', messageId)
    .executeTakeFirst()
  // Jobs run at least once: a message already sent (or parked) is not sent again.
  if (!message || message.status !== 'queued') return
  if (!send) {
    await byId.set({ status: 'outbox' }).where('status', '=', 'queued').execute()
    return
  }
  try {
    await send({ to: message.to_address, subject: message.subject, text: message.text_body, html: message.html_body })
  } catch (error) {
    await byId
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        last_error: String(error instanceof Error ? error.message : error).slice(0, 2000),
        // After the last retry nothing will send it: say so instead of leaving it 'queued'.
        status: job.lastAttempt ? 'failed' : 'queued',
      }))
      .execute()
    throw error
  }
  await byId.set((eb) => ({ attempts: eb('attempts', '+', 1), status: 'sent', sent_at: new Date() })).execute()
}
