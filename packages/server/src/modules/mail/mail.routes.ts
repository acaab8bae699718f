import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { PageQuery, Problem } from '@keel/contracts/common'
import { OutboxPage } from '@keel/contracts/mail'
import { unauthenticated } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { pageSize } from '@keel/kernel'
import type { MailTables } from './mail.tables.ts'
import { listOutbox } from './list-outbox.ts'

export const mailRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<MailTables> }> = async (app, { db }) => {
  app.get('/mail/outbox', { config: { access: 'mail.outbox.read' }, schema: { tags: ['mail'], summary: 'E-mail Keel sent or holds in the dev outbox, newest first', querystring: PageQuery, response: { 200: OutboxPage, 400: Problem, 401: Problem, 403: Problem } } }, async (request) => {
    if (!request.actor) throw unauthenticated('request.unauthenticated', 'Sign in.')
    const page = await listOutbox(db, request.actor.companyId, { cursor: request.query.cursor, limit: pageSize(request.query.limit) })
    return {
      items: page.items.map((m) => ({ id: m.id, to: m.to, subject: m.subject, textBody: m.textBody, status: m.status, createdAt: m.createdAt.toISOString(), sentAt: m.sentAt?.toISOString() ?? null })),
      nextCursor: page.nextCursor,
    }
  })
}
