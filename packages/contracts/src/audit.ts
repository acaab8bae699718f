import { type Static, Type } from 'typebox'
import { Instant, Page, PageQuery, Uuid } from './common.ts'

export const AuditEvent = Type.Object({
  id: Uuid,
  seq: Type.String({ description: 'position in the company chain (decimal string)' }),
  occurredAt: Instant,
  actorId: Type.Union([Uuid, Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  actorKind: Type.Union([
    Type.Literal('user'),
    Type.Literal('token'),
    Type.Literal('system'),
    Type.Literal('anonymous'),
  ]),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.String(),
  changes: Type.Record(Type.String(), Type.Object({ before: Type.Unknown(), after: Type.Unknown() })),
  requestId: Type.Union([Type.String(), Type.Null()]),
})
export type AuditEvent = Static<typeof AuditEvent>
export const AuditEventPage = Page(AuditEvent)
export const AuditEventQuery = Type.Object({
  ...PageQuery.properties,
  action: Type.Optional(Type.String({ maxLength: 100 })),
  entityType: Type.Optional(Type.String({ maxLength: 100 })),
  entityId: Type.Optional(Type.String({ maxLength: 100 })),
  actorId: Type.Optional(Uuid),
  from: Type.Optional(Instant),
  to: Type.Optional(Instant),
})
export type AuditEventQuery = Static<typeof AuditEventQuery>
export const AuditVerifyReply = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  brokenAt: Type.Union([
    Type.Object({ seq: Type.String(), id: Type.Union([Uuid, Type.Null()]), reason: Type.String() }),
    Type.Null(),
  ]),
})
export type AuditVerifyReply = Static<typeof AuditVerifyReply>
