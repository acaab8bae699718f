import { type Static, Type } from 'typebox'
import { Instant, Page, PageQuery, Uuid } from './common.ts'

// External firms and staff: outsourcing firms, their contracts and scope,
// external accounts with a sponsor, and periodic access reviews.

const CalendarDate = Type.String({ format: 'date', maxLength: 10 })
const OptionalText = (maxLength: number) => Type.Union([Type.String({ maxLength }), Type.Null()])
const NamedRef = Type.Object({ id: Uuid, name: Type.String() })

// ── Firms ──────────────────────────────────────────────────────────────────

export const ExternalFirm = Type.Object({
  id: Uuid,
  name: Type.String(),
  registrationId: Type.Union([Type.String(), Type.Null()]),
  taxId: Type.Union([Type.String(), Type.Null()]),
  contactName: Type.Union([Type.String(), Type.Null()]),
  contactEmail: Type.Union([Type.String(), Type.Null()]),
  contactPhone: Type.Union([Type.String(), Type.Null()]),
  notes: Type.Union([Type.String(), Type.Null()]),
  archived: Type.Boolean(),
  runningContracts: Type.Integer({ description: 'contracts running today' }),
  activeAccounts: Type.Integer({ description: 'external accounts that may sign in' }),
  version: Type.Integer(),
  createdAt: Instant,
})
export type ExternalFirm = Static<typeof ExternalFirm>

export const ExternalFirmBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    registrationId: Type.Optional(OptionalText(100)),
    taxId: Type.Optional(OptionalText(100)),
    contactName: Type.Optional(OptionalText(200)),
    contactEmail: Type.Optional(OptionalText(254)),
    contactPhone: Type.Optional(OptionalText(50)),
    notes: Type.Optional(OptionalText(4000)),
    archived: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type ExternalFirmBody = Static<typeof ExternalFirmBody>

export const ExternalFirmQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    q: Type.Optional(Type.String({ maxLength: 100, description: 'part of the name' })),
    includeArchived: Type.Optional(Type.Boolean()),
  }),
])
export type ExternalFirmQuery = Static<typeof ExternalFirmQuery>
export const ExternalFirmPage = Page(ExternalFirm)

// ── Contracts ──────────────────────────────────────────────────────────────

export const ContractStatus = Type.Union([Type.Literal('upcoming'), Type.Literal('running'), Type.Literal('ended')])
export type ContractStatus = Static<typeof ContractStatus>

export const FirmContract = Type.Object({
  id: Uuid,
  firmId: Uuid,
  reference: Type.String(),
  startDate: CalendarDate,
  endDate: CalendarDate,
  notes: Type.Union([Type.String(), Type.Null()]),
  departments: Type.Array(NamedRef, { description: 'scope: these departments, each with every department below it' }),
  status: ContractStatus,
  version: Type.Integer(),
})
export type FirmContract = Static<typeof FirmContract>

/** A contract as other screens name it (which queues a firm serves, say). */
export const ContractRef = Type.Object({
  id: Uuid,
  reference: Type.String(),
  firm: NamedRef,
  startDate: CalendarDate,
  endDate: CalendarDate,
})
export type ContractRef = Static<typeof ContractRef>

export const FirmContractBody = Type.Object(
  {
    reference: Type.String({ minLength: 1, maxLength: 100 }),
    startDate: CalendarDate,
    endDate: CalendarDate,
    notes: Type.Optional(OptionalText(4000)),
    departmentIds: Type.Array(Uuid, { maxItems: 50, uniqueItems: true }),
  },
  { additionalProperties: false },
)
export type FirmContractBody = Static<typeof FirmContractBody>

export const FirmParams = Type.Object({ id: Uuid })
export const ContractParams = Type.Object({ id: Uuid, contractId: Uuid })

// ── External accounts ──────────────────────────────────────────────────────

export const ExternalAccountStatus = Type.Union([
  Type.Literal('active'),
  Type.Literal('expired'),
  Type.Literal('revoked'),
])
export type ExternalAccountStatus = Static<typeof ExternalAccountStatus>

export const ExternalAccount = Type.Object({
  id: Uuid,
  userId: Uuid,
  email: Type.String(),
  displayName: Type.String(),
  signInStatus: Type.Union([Type.Literal('invited'), Type.Literal('active'), Type.Literal('deactivated')]),
  firm: NamedRef,
  sponsor: NamedRef,
  status: ExternalAccountStatus,
  endedAt: Type.Union([Instant, Type.Null()]),
  endReason: Type.Union([Type.String(), Type.Null()]),
  lastReviewedAt: Type.Union([Instant, Type.Null()]),
  createdAt: Instant,
  version: Type.Integer(),
})
export type ExternalAccount = Static<typeof ExternalAccount>

export const InviteExternalBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    firmId: Uuid,
    sponsorEmployeeId: Uuid,
  },
  { additionalProperties: false },
)
export type InviteExternalBody = Static<typeof InviteExternalBody>

export const ExternalAccountBody = Type.Object({ sponsorEmployeeId: Uuid }, { additionalProperties: false })
export const RevokeExternalBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
)

export const ExternalAccountQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    firmId: Type.Optional(Uuid),
    sponsorEmployeeId: Type.Optional(Uuid),
    status: Type.Optional(ExternalAccountStatus),
  }),
])
export type ExternalAccountQuery = Static<typeof ExternalAccountQuery>
export const ExternalAccountPage = Page(ExternalAccount)

// ── Access reviews ─────────────────────────────────────────────────────────

export const AccessDecision = Type.Union([Type.Literal('confirm'), Type.Literal('revoke')])
export type AccessDecision = Static<typeof AccessDecision>

export const AccessReview = Type.Object({
  id: Uuid,
  periodStart: CalendarDate,
  periodEnd: CalendarDate,
  dueDate: CalendarDate,
  createdAt: Instant,
  closedAt: Type.Union([Instant, Type.Null()]),
  overdue: Type.Boolean({ description: 'open after its due date' }),
  items: Type.Integer(),
  decided: Type.Integer(),
  confirmed: Type.Integer(),
  revoked: Type.Integer(),
})
export type AccessReview = Static<typeof AccessReview>
export const AccessReviewPage = Page(AccessReview)

export const AccessReviewItem = Type.Object({
  id: Uuid,
  reviewId: Uuid,
  dueDate: CalendarDate,
  account: Type.Object({
    id: Uuid,
    email: Type.String(),
    displayName: Type.String(),
    status: ExternalAccountStatus,
    lastReviewedAt: Type.Union([Instant, Type.Null()]),
  }),
  firm: NamedRef,
  sponsor: NamedRef,
  decision: Type.Union([AccessDecision, Type.Null()]),
  decidedBy: Type.Union([NamedRef, Type.Null()]),
  decidedAt: Type.Union([Instant, Type.Null()]),
  comment: Type.Union([Type.String(), Type.Null()]),
})
export type AccessReviewItem = Static<typeof AccessReviewItem>

export const AccessReviewDetail = Type.Object({ ...AccessReview.properties, entries: Type.Array(AccessReviewItem) })
export type AccessReviewDetail = Static<typeof AccessReviewDetail>

export const StartAccessReviewBody = Type.Object(
  { dueDate: Type.Optional(CalendarDate) },
  { additionalProperties: false },
)
export const AccessDecisionBody = Type.Object(
  { decision: AccessDecision, comment: Type.Optional(OptionalText(1000)) },
  { additionalProperties: false },
)
export type AccessDecisionBody = Static<typeof AccessDecisionBody>

export const MyAccessReviews = Type.Object({
  open: Type.Integer({ description: 'items still waiting for your decision' }),
  items: Type.Array(AccessReviewItem),
})
export type MyAccessReviews = Static<typeof MyAccessReviews>
