// Outgoing e-mail. Any module queues a message inside its own transaction with
// `queueMail`; the `mail.send` job delivers it over SMTP, or, with no SMTP
// configured, leaves it in the dev outbox that `listOutbox` pages through.
export type { MailDb, MailTables } from './mail.tables.ts'
export { queueMail, type QueueMailInput } from './queue-mail.ts'
export { registerMailJobs } from './register-mail-jobs.ts'
export { listOutbox, MAX_OUTBOX_LIMIT, type OutboxItem, type OutboxPage } from './list-outbox.ts'
export type { MailSmtpConfig, MailTransport } from './mail-transport.ts'
export { mailRoutes } from './mail.routes.ts'
