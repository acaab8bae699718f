import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AuditEvent, AuditEventPage, AuditEventQuery, AuditVerifyReply } from '@keel/contracts/audit'
import { IdParams, Problem } from '@keel/contracts/common'
import { notFound, unauthenticated } from '@keel/kernel'
import { decodeCursor, encodeCursor, pageSize } from '@keel/kernel'
import { listAuditEvents, type AuditEventRow } from './list-audit-events.ts'
import { verifyAuditChain } from './verify-audit-chain.ts'

export interface AuditRoutesOptions {
  /** Display names for actor ids; audit is a leaf and cannot read users itself. */
  readonly actorNames: (companyId: string, actorIds: readonly string[]) => Promise<ReadonlyMap<string, string>>
}

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem }
const isSeqCursor = (v: unknown): v is string => typeof v === 'string' && /^\d{1,19}$/.test(v)

export const auditRoutes: FastifyPluginAsyncTypebox<AuditRoutesOptions> = async (app, { actorNames }) => {
  async function withActorNames(companyId: string, events: readonly AuditEventRow[]) {
    const names = await actorNames(companyId, [...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))])
    return events.map((e) => ({
      ...e,
      seq: e.seq.toString(),
      occurredAt: e.occurredAt.toISOString(),
      actorName: e.actorId ? (names.get(e.actorId) ?? null) : null,
    }))
  }

  app.get(
    '/audit/events',
    {
      config: { access: 'audit.event.read' },
      schema: {
        tags: ['audit'],
        summary: 'The audit trail, newest first',
        querystring: AuditEventQuery,
        response: { 200: AuditEventPage, ...errors },
      },
    },
    async (request) => {
      const actor = request.actor
      if (!actor) throw unauthenticated('request.unauthenticated', 'Sign in.')
      const query = request.query
      const before = decodeCursor(query.cursor, isSeqCursor)
      const page = await listAuditEvents(
        request.db,
        actor.companyId,
        {
          action: query.action,
          entityType: query.entityType,
          entityId: query.entityId,
          actorId: query.actorId,
          from: query.from ? new Date(query.from) : undefined,
          to: query.to ? new Date(query.to) : undefined,
        },
        { beforeSeq: before === null ? null : BigInt(before), limit: pageSize(query.limit) },
      )
      return {
        items: await withActorNames(actor.companyId, page.items),
        nextCursor: page.nextBeforeSeq === null ? null : encodeCursor(page.nextBeforeSeq.toString()),
      }
    },
  )

  app.get(
    '/audit/events/:id',
    {
      config: { access: 'audit.event.read' },
      schema: {
        tags: ['audit'],
        summary: 'One audit event',
        params: IdParams,
        response: { 200: AuditEvent, ...errors },
      },
    },
    async (request) => {
      const actor = request.actor
      if (!actor) throw unauthenticated('request.unauthenticated', 'Sign in.')
      const page = await listAuditEvents(
        request.db,
        actor.companyId,
        { id: request.params.id },
        { beforeSeq: null, limit: 1 },
      )
      const [event] = await withActorNames(actor.companyId, page.items)
      if (!event) throw notFound('audit.event_not_found', 'No such audit event.')
      return event
    },
  )

  app.post(
    '/audit/verify',
    {
      config: { access: 'audit.chain.verify' },
      schema: {
        tags: ['audit'],
        summary: "Verify the company's audit chain",
        response: { 200: AuditVerifyReply, ...errors },
      },
    },
    async (request) => {
      const actor = request.actor
      if (!actor) throw unauthenticated('request.unauthenticated', 'Sign in.')
      return verifyAuditChain(request.db, actor.companyId)
    },
  )
}
