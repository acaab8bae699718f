import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { PageQuery, Problem } from '@keel/contracts/common'
import { OutboxPage } from '@keel/contracts/mail'
import { unauthenticated } from '@keel/kernel'
import { pageSize } from '@keel/kernel'
import { listOutbox } from './list-outbox.ts'

export const mailRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/mail/outbox',
    {
      config: { access: 'mail.outbox.read' },
      schema: {
        tags: ['mail'],
        summary: 'E-mail Keel sent or holds in the dev outbox, newest first',
        querystring: PageQuery,
        response: { 200: OutboxPage, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (request) => {
      if (!request.actor) throw unauthenticated('request.unauthenticated', 'Sign in.')
      const page = await listOutbox(request.db, request.actor.companyId, {
        cursor: request.query.cursor,
        limit: pageSize(request.query.limit),
      })
      return {
        items: page.items.map((m) => ({
          id: m.id,
          to: m.to,
          subject: m.subject,
          textBody: m.textBody,
          status: m.status,
          createdAt: m.createdAt.toISOString(),
          sentAt: m.sentAt?.toISOString() ?? null,
        })),
        nextCursor: page.nextCursor,
      }
    },
  )
}
