import { type Static, Type } from 'typebox'
import { Instant, Page, Uuid } from './common.ts'

export const OutboxMessage = Type.Object({
  id: Uuid,
  to: Type.String(),
  subject: Type.String(),
  textBody: Type.String(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('sent'), Type.Literal('outbox'), Type.Literal('failed')]),
  createdAt: Instant,
  sentAt: Type.Union([Instant, Type.Null()]),
})
export type OutboxMessage = Static<typeof OutboxMessage>
export const OutboxPage = Page(OutboxMessage)
