import { type Static, Type } from 'typebox'
import { Instant, Uuid } from './common.ts'
import { CalendarDate } from './org.ts'

// Employee documents and personal-data requests (export, erasure, retention holds).

export const DocumentCategory = Type.Union([
  Type.Literal('contract'),
  Type.Literal('certificate'),
  Type.Literal('identity_document'),
  Type.Literal('payslip_other'),
  Type.Literal('other'),
])
export type DocumentCategory = Static<typeof DocumentCategory>

export const EmployeeDocument = Type.Object({
  id: Uuid,
  employeeId: Uuid,
  category: DocumentCategory,
  title: Type.String(),
  fileName: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.Union([Type.String(), Type.Null()]),
  validUntilDate: Type.Union([CalendarDate, Type.Null()]),
  uploadedBy: Type.Union([Uuid, Type.Null()]),
  uploadedByName: Type.Union([Type.String(), Type.Null()]),
  uploadedAt: Instant,
})
export type EmployeeDocument = Static<typeof EmployeeDocument>
export const EmployeeDocuments = Type.Object({
  items: Type.Array(EmployeeDocument),
  /** The largest file the server accepts, so the browser can refuse bigger ones before sending. */
  maxBytes: Type.Integer(),
  acceptedTypes: Type.Array(Type.String()),
})

/** The file travels as the request body; what it is about travels in the query. */
export const UploadDocumentQuery = Type.Object(
  {
    category: DocumentCategory,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    fileName: Type.String({ minLength: 1, maxLength: 255 }),
    validUntil: Type.Optional(CalendarDate),
  },
  { additionalProperties: false },
)
export const DocumentParams = Type.Object({ id: Uuid, documentId: Uuid })

export const RetentionCategory = Type.Union([
  Type.Literal('payroll'),
  Type.Literal('tax'),
  Type.Literal('contract'),
  Type.Literal('legal_claim'),
])
export type RetentionCategory = Static<typeof RetentionCategory>

export const RetentionHold = Type.Object({
  id: Uuid,
  employeeId: Uuid,
  category: RetentionCategory,
  reason: Type.String(),
  heldUntilDate: Type.Union([CalendarDate, Type.Null()]),
  placedBy: Type.Union([Uuid, Type.Null()]),
  placedAt: Instant,
  releasedAt: Type.Union([Instant, Type.Null()]),
  releasedBy: Type.Union([Uuid, Type.Null()]),
  active: Type.Boolean(),
})
export type RetentionHold = Static<typeof RetentionHold>
export const RetentionHolds = Type.Object({ items: Type.Array(RetentionHold) })
export const RetentionHoldBody = Type.Object(
  {
    category: RetentionCategory,
    reason: Type.String({ minLength: 1, maxLength: 500 }),
    heldUntilDate: Type.Union([CalendarDate, Type.Null()]),
  },
  { additionalProperties: false },
)
export const RetentionHoldParams = Type.Object({ id: Uuid, holdId: Uuid })

export const ErasureQuery = Type.Object(
  { dryRun: Type.Optional(Type.Boolean({ description: 'Only list what would be erased and kept; change nothing.' })) },
  { additionalProperties: false },
)
const ErasureItem = Type.Object({
  item: Type.String(),
  detail: Type.String(),
  hold: Type.Optional(RetentionCategory),
})
export const ErasurePlan = Type.Object({
  employeeId: Uuid,
  dryRun: Type.Boolean(),
  replacementName: Type.String(),
  blockers: Type.Array(Type.Object({ code: Type.String(), detail: Type.String() })),
  erase: Type.Array(ErasureItem),
  keep: Type.Array(ErasureItem),
})
export type ErasurePlan = Static<typeof ErasurePlan>
