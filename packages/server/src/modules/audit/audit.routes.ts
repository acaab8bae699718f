import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AuditEventPage, AuditEventQuery, AuditVerifyReply } from '@keel/contracts/audit'
import { Problem } from '@keel/contracts/common'
import { unauthenticated } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { decodeCursor, encodeCursor, pageSize } from '../../http/pagination.ts'
import type { AuditTables } from './audit.tables.ts'
import { listAuditEvents } from './list-audit-events.ts'
import { verifyAuditChain } from './verify-audit-chain.ts'

export interface AuditRoutesOptions {
  readonly db: Kysely<AuditTables>
  /** Display names for actor ids; audit is a leaf and cannot read users itself. */
  readonly actorNames: (companyId: string, actorIds: readonly string[]) => Promise<ReadonlyMap<string, string>>
}

const errors = { 400: Problem, 401: Problem, 403: Problem }
const isSeqCursor = (v: unknown): v is string => typeof v === 'string' && /^\d{1,19}$/.test(v)

export const auditRoutes: FastifyPluginAsyncTypebox<AuditRoutesOptions> = async (app, { db, actorNames }) => {
  app.get('/audit/events', { config: { access: 'audit.event.read' }, schema: { tags: ['audit'], summary: 'The audit trail, newest first', querystring: AuditEventQuery, response: { 200: AuditEventPage, ...errors } } }, async (request) => {
    const actor = request.actor
    if (!actor) throw unauthenticated('request.unauthenticated', 'Sign in.')
    const query = request.query
    const before = decodeCursor(query.cursor, isSeqCursor)
    const page = await listAuditEvents(
      db,
      actor.companyId,
      { action: query.action, entityType: query.entityType, entityId: query.entityId, actorId: query.actorId, from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined },
      { beforeSeq: before === null ? null : BigInt(before), limit: pageSize(query.limit) },
    )
    const names = await actorNames(actor.companyId, [...new Set(page.items.flatMap((e) => (e.actorId ? [e.actorId] : [])))])
    return {
      items: page.items.map((e) => ({
        ...e,
        seq: e.seq.toString(),
        occurredAt: e.occurredAt.toISOString(),
        actorName: e.actorId ? (names.get(e.actorId) ?? null) : null,
      })),
      nextCursor: page.nextBeforeSeq === null ? null : encodeCursor(page.nextBeforeSeq.toString()),
    }
  })

  app.post('/audit/verify', { config: { access: 'audit.chain.verify' }, schema: { tags: ['audit'], summary: "Verify the company's audit chain", response: { 200: AuditVerifyReply, ...errors } } }, async (request) => {
    const actor = request.actor
    if (!actor) throw unauthenticated('request.unauthenticated', 'Sign in.')
    return verifyAuditChain(db, actor.companyId)
  })
}
