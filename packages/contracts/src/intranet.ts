import { type Static, type TSchema, Type } from 'typebox'
import { Instant, Uuid } from './common.ts'

// The intranet: announcements and policies addressed to an audience, read
// receipts and acknowledgements, the compliance view and the home feed.

const CalendarDate = Type.String({ format: 'date', maxLength: 10 })
const Ref = Type.Object({ id: Uuid, name: Type.String() })
const NullableRef = Type.Union([Ref, Type.Null()])
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

/** One target of an audience; `id` names the department (with its subtree), team or location. */
export const AudienceTargetBody = Type.Union([
  Type.Object({ kind: Type.Literal('company') }, { additionalProperties: false }),
  Type.Object(
    {
      kind: Type.Union([Type.Literal('department'), Type.Literal('team'), Type.Literal('location')]),
      id: Uuid,
    },
    { additionalProperties: false },
  ),
])
export type AudienceTargetBody = Static<typeof AudienceTargetBody>
export const AudienceBody = Type.Array(AudienceTargetBody, { minItems: 1, maxItems: 50 })

/** An audience target as shown back: with the name of what it names. */
export const AudienceTarget = Type.Object({
  kind: Type.Union([
    Type.Literal('company'),
    Type.Literal('department'),
    Type.Literal('team'),
    Type.Literal('location'),
  ]),
  id: Nullable(Uuid),
  name: Type.String({ description: "'Everyone' for the company, else the department, team or location name" }),
})
export type AudienceTarget = Static<typeof AudienceTarget>

// ── Announcements ───────────────────────────────────────────────────────────

export const AnnouncementStatus = Type.Union(
  [Type.Literal('scheduled'), Type.Literal('published'), Type.Literal('expired'), Type.Literal('withdrawn')],
  { description: 'scheduled: before publishAt; expired: after expiresAt' },
)
export type AnnouncementStatus = Static<typeof AnnouncementStatus>

export const Announcement = Type.Object({
  id: Uuid,
  title: Type.String(),
  body: Type.String({ description: 'plain text; line breaks are kept' }),
  audience: Type.Array(AudienceTarget),
  publishAt: Instant,
  expiresAt: Nullable(Instant),
  pinned: Type.Boolean({ description: 'pinned now (a pin with a past pinnedUntil no longer counts)' }),
  pinnedUntil: Nullable(Instant),
  requiresAcknowledgement: Type.Boolean(),
  status: AnnouncementStatus,
  author: Ref,
  withdrawnAt: Nullable(Instant),
  /** The caller's own receipt. */
  readAt: Nullable(Instant),
  acknowledgedAt: Nullable(Instant),
  /** Whether its audience includes the caller (a manager may open one that is not for them). */
  addressedToMe: Type.Boolean(),
  version: Type.Integer(),
})
export type Announcement = Static<typeof Announcement>

export const AnnouncementBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.String({ minLength: 1, maxLength: 20000 }),
    audience: AudienceBody,
    publishAt: Type.Optional(Nullable(Instant)),
    expiresAt: Type.Optional(Nullable(Instant)),
    pinned: Type.Optional(Type.Boolean()),
    pinnedUntil: Type.Optional(Nullable(Instant)),
    requiresAcknowledgement: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type AnnouncementBody = Static<typeof AnnouncementBody>

export const AnnouncementListQuery = Type.Object({
  status: Type.Optional(AnnouncementStatus),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
})

/** One row of the managers' list: the announcement with its reach so far. */
export const AnnouncementSummary = Type.Object({
  ...Announcement.properties,
  audienceSize: Type.Integer(),
  readCount: Type.Integer(),
  acknowledgedCount: Type.Integer(),
})
export type AnnouncementSummary = Static<typeof AnnouncementSummary>
export const AnnouncementPage = Type.Object({
  items: Type.Array(AnnouncementSummary),
  nextCursor: Nullable(Type.String()),
})
export type AnnouncementPage = Static<typeof AnnouncementPage>

// ── Policies ────────────────────────────────────────────────────────────────

export const PolicyVersion = Type.Object({
  id: Uuid,
  versionNumber: Type.Integer(),
  body: Type.String(),
  summaryOfChanges: Nullable(Type.String()),
  effectiveDate: CalendarDate,
  publishedAt: Instant,
  publishedBy: Ref,
})
export type PolicyVersion = Static<typeof PolicyVersion>

export const Policy = Type.Object({
  id: Uuid,
  title: Type.String(),
  category: Nullable(Type.String()),
  audience: Type.Array(AudienceTarget),
  archived: Type.Boolean(),
  currentVersion: PolicyVersion,
  /** Every published version, newest first, without their bodies. */
  history: Type.Array(Type.Omit(PolicyVersion, ['body'])),
  /** When the caller acknowledged the current version; null if not (yet). */
  acknowledgedAt: Nullable(Instant),
  /** Whether the current version is addressed to the caller. */
  concernsMe: Type.Boolean(),
  version: Type.Integer(),
})
export type Policy = Static<typeof Policy>

export const PolicySummary = Type.Object({
  id: Uuid,
  title: Type.String(),
  category: Nullable(Type.String()),
  archived: Type.Boolean(),
  currentVersion: Type.Object({
    id: Uuid,
    versionNumber: Type.Integer(),
    effectiveDate: CalendarDate,
    publishedAt: Instant,
  }),
  concernsMe: Type.Boolean(),
  acknowledgedAt: Nullable(Instant),
})
export type PolicySummary = Static<typeof PolicySummary>
export const PolicyList = Type.Object({ items: Type.Array(PolicySummary) })

export const PolicyBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    category: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
    audience: AudienceBody,
    body: Type.String({ minLength: 1, maxLength: 100000, description: 'the text of version 1' }),
    effectiveDate: CalendarDate,
  },
  { additionalProperties: false },
)
export type PolicyBody = Static<typeof PolicyBody>

export const UpdatePolicyBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    category: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
    audience: AudienceBody,
    archived: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type UpdatePolicyBody = Static<typeof UpdatePolicyBody>

export const PolicyVersionBody = Type.Object(
  {
    body: Type.String({ minLength: 1, maxLength: 100000 }),
    summaryOfChanges: Type.String({ minLength: 1, maxLength: 2000 }),
    effectiveDate: CalendarDate,
  },
  { additionalProperties: false },
)
export type PolicyVersionBody = Static<typeof PolicyVersionBody>

export const AcknowledgePolicyBody = Type.Object(
  { versionId: Type.String({ format: 'uuid', maxLength: 36, description: 'the version read (the current one)' }) },
  { additionalProperties: false },
)

export const PolicyVersionParams = Type.Object({ id: Uuid, versionId: Uuid })

export const Receipt = Type.Object({ readAt: Nullable(Instant), acknowledgedAt: Nullable(Instant) })
export type Receipt = Static<typeof Receipt>

// ── Compliance ──────────────────────────────────────────────────────────────

export const ComplianceQuery = Type.Object({
  status: Type.Optional(
    Type.Union([Type.Literal('pending'), Type.Literal('acknowledged'), Type.Literal('all')], { default: 'pending' }),
  ),
  departmentId: Type.Optional(Uuid),
  teamId: Type.Optional(Uuid),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'part of a name' })),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
})
export type ComplianceQuery = Static<typeof ComplianceQuery>

export const ComplianceRow = Type.Object({
  employeeId: Uuid,
  name: Type.String(),
  department: NullableRef,
  team: NullableRef,
  readAt: Nullable(Instant),
  acknowledgedAt: Nullable(Instant),
})
export type ComplianceRow = Static<typeof ComplianceRow>

/** Counts and people within the caller's intranet.compliance.read reach. */
export const Compliance = Type.Object({
  audienceSize: Type.Integer(),
  readCount: Nullable(Type.Integer({ description: 'null for policies (only acknowledgement counts there)' })),
  acknowledgedCount: Type.Integer(),
  pendingCount: Type.Integer(),
  reach: Type.Union([Type.Literal('own'), Type.Literal('team'), Type.Literal('department'), Type.Literal('company')]),
  items: Type.Array(ComplianceRow),
  nextCursor: Nullable(Type.String()),
})
export type Compliance = Static<typeof Compliance>

// ── Home feed ───────────────────────────────────────────────────────────────

export const PolicyAwaiting = Type.Object({
  policyId: Uuid,
  title: Type.String(),
  category: Nullable(Type.String()),
  versionId: Uuid,
  versionNumber: Type.Integer(),
  summaryOfChanges: Nullable(Type.String()),
  effectiveDate: CalendarDate,
  publishedAt: Instant,
})
export type PolicyAwaiting = Static<typeof PolicyAwaiting>

export const FeedQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
})

export const Feed = Type.Object({
  /** Pinned announcements, on the first page only. */
  pinned: Type.Array(Announcement),
  /** The rest, newest first, a page at a time. */
  announcements: Type.Array(Announcement),
  nextCursor: Nullable(Type.String()),
  /** Current policy versions addressed to the caller and not yet acknowledged by them. */
  policiesAwaiting: Type.Array(PolicyAwaiting),
  unreadCount: Type.Integer({ description: 'announcements the caller has not opened' }),
  awaitingAcknowledgementCount: Type.Integer({ description: 'announcements and policy versions to acknowledge' }),
})
export type Feed = Static<typeof Feed>
