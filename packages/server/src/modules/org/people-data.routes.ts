import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParams, Problem } from '@keel/contracts/common'
import {
  DocumentParams,
  EmployeeDocument,
  EmployeeDocuments,
  ErasurePlan,
  ErasureQuery,
  RetentionHold,
  RetentionHoldBody,
  RetentionHoldParams,
  RetentionHolds,
  UploadDocumentQuery,
} from '@keel/contracts/org-documents'
import { invalidField, notFound, type Clock } from '@keel/kernel'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { problem } from '../../http/problem.ts'
import { actorOf, auditContextOf, requirePermission, type Permission } from '../identity/index.ts'
import { companyToday } from './company-profile.ts'
import { DOCUMENT_TYPES, formatMegabytes, GENERIC_BINARY } from './document-file-type.ts'
import {
  deleteEmployeeDocument,
  listEmployeeDocuments,
  readEmployeeDocumentFile,
  recordDocumentDownload,
  uploadEmployeeDocument,
  type DocumentView,
} from './employee-documents.ts'
import { employeeQuery, employeeWithinReach } from './employee-views.ts'
import { erasePersonalData, planErasure } from './erase-person.ts'
import { orgDb, type OrgDeps } from './org.tables.ts'
import { exportPersonalData } from './personal-data-export.ts'
import { orgReachSubject } from './reach-subject.ts'
import {
  isHoldActive,
  listRetentionHolds,
  placeRetentionHold,
  releaseRetentionHold,
  type RetentionHoldView,
} from './retention-holds.ts'

export interface PeopleDataRoutesOptions {
  readonly clock: Clock
  readonly secretKey: Buffer
  /** The largest document accepted, in bytes (KEEL_DOCUMENT_MAX_BYTES, 10 MB by default). */
  readonly documentMaxBytes: number
  readonly userNames: (companyId: string, ids: readonly string[]) => Promise<ReadonlyMap<string, string>>
}

/** A file sent or returned as itself. */
const BinaryFile = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' })
// The upload body as OpenAPI 3.1 describes raw bytes: no JSON type (the parser
// hands over a Buffer, which document-file-type.ts checks by content).
const UploadedFile = Type.Unsafe<Buffer>({
  contentMediaType: 'application/octet-stream',
  description: 'The file itself',
})
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 413: Problem, 422: Problem }

const dbOf = (request: FastifyRequest): Kysely<OrgDeps> => orgDb(request.db)

/** `attachment` with an ASCII fallback and the exact name in RFC 5987 form. */
const attachment = (fileName: string) =>
  `attachment; filename="${fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`

/**
 * HTTP adapter for employee documents, retention holds and personal-data
 * requests. A person outside the caller's reach answers 404, as one that does
 * not exist: documents are sensitive enough that even their existence is not
 * confirmed to a colleague.
 */
export const peopleDataRoutes: FastifyPluginAsyncTypebox<PeopleDataRoutesOptions> = async (app, options) => {
  const { clock, secretKey, documentMaxBytes, userNames } = options
  const today = (request: FastifyRequest) => companyToday(dbOf(request), actorOf(request).companyId, clock.now())

  async function requirePersonInReach(request: FastifyRequest, permission: Permission, employeeId: string) {
    const actor = actorOf(request)
    const reach = requirePermission(actor, permission)
    const db = dbOf(request)
    const row = await employeeQuery(db, actor.companyId).where('e.id', '=', employeeId).executeTakeFirst()
    const subject = row ? await orgReachSubject(db, actor.companyId, actor.userId) : null
    if (!row || !subject || !employeeWithinReach(reach, subject, row))
      throw notFound('org.employee_not_found', 'No such employee.')
  }

  // Documents arrive as the raw file. The parser takes up to the limit; one
  // byte more and Fastify stops reading, answered below as a 413 naming /body.
  app.addContentTypeParser(
    [...DOCUMENT_TYPES, GENERIC_BINARY],
    { parseAs: 'buffer', bodyLimit: documentMaxBytes },
    (_request, body, done) => {
      done(null, body)
    },
  )
  const tooLargeHandler = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error.code !== 'FST_ERR_CTP_BODY_TOO_LARGE') throw error
    const detail = `Documents are at most ${formatMegabytes(documentMaxBytes)}.`
    void reply
      .code(413)
      .type('application/problem+json; charset=utf-8')
      .send(problem(413, 'org.document_too_large', detail, request.id, [{ path: '/body', message: detail }]))
  }

  const withNames = async (companyId: string, documents: DocumentView[]) => {
    const names = await userNames(companyId, [
      ...new Set(documents.flatMap((d) => (d.uploadedBy ? [d.uploadedBy] : []))),
    ])
    return documents.map(({ deletedAt: _deletedAt, erasedAt: _erasedAt, ...d }) => ({
      ...d,
      uploadedAt: d.uploadedAt.toISOString(),
      uploadedByName: d.uploadedBy ? (names.get(d.uploadedBy) ?? null) : null,
    }))
  }

  app.get(
    '/org/employees/:id/documents',
    {
      config: { access: 'hr.document.read' },
      schema: {
        tags: ['org'],
        summary: "A person's documents (yours, or within hr.document.read reach)",
        params: IdParams,
        response: { 200: EmployeeDocuments, ...errors },
      },
    },
    async (request) => {
      await requirePersonInReach(request, 'hr.document.read', request.params.id)
      const { companyId } = actorOf(request)
      const documents = await listEmployeeDocuments(dbOf(request), companyId, request.params.id)
      return {
        items: await withNames(
          companyId,
          documents.filter((d) => d.erasedAt === null),
        ),
        maxBytes: documentMaxBytes,
        acceptedTypes: [...DOCUMENT_TYPES],
      }
    },
  )

  app.post(
    '/org/employees/:id/documents',
    {
      config: { access: 'hr.document.manage' },
      errorHandler: tooLargeHandler,
      schema: {
        tags: ['org'],
        summary:
          'Upload a document (the file is the body; PDF, PNG, JPEG, WebP, DOCX, XLSX or ODT, checked by content)',
        params: IdParams,
        querystring: UploadDocumentQuery,
        consumes: [...DOCUMENT_TYPES, GENERIC_BINARY],
        body: UploadedFile,
        response: { 201: EmployeeDocument, ...errors },
      },
    },
    async (request, reply) => {
      await requirePersonInReach(request, 'hr.document.manage', request.params.id)
      if (!Buffer.isBuffer(request.body))
        throw invalidField('org.unsupported_document', '/body', 'Send the file itself as the request body.')
      const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
      const document = await uploadEmployeeDocument(
        dbOf(request),
        auditContextOf(request),
        secretKey,
        request.params.id,
        {
          category: request.query.category,
          title: request.query.title,
          fileName: request.query.fileName,
          validUntilDate: request.query.validUntil,
          content: request.body,
          contentType,
        },
        documentMaxBytes,
        clock.now(),
      )
      void reply.code(201)
      const [named] = await withNames(actorOf(request).companyId, [document])
      if (!named) throw new Error('the uploaded document is missing')
      return named
    },
  )

  app.get(
    '/org/employees/:id/documents/:documentId/file',
    {
      config: { access: 'hr.document.read' },
      schema: {
        tags: ['org'],
        summary: 'Download a document (always as an attachment)',
        params: DocumentParams,
        response: { 200: BinaryFile, ...errors },
      },
    },
    async (request, reply) => {
      await requirePersonInReach(request, 'hr.document.read', request.params.id)
      const { document, content } = await readEmployeeDocumentFile(
        dbOf(request),
        secretKey,
        actorOf(request).companyId,
        request.params.id,
        request.params.documentId,
      )
      await recordDocumentDownload(dbOf(request), auditContextOf(request), document)
      return reply
        .code(200)
        .type(document.contentType)
        .header('content-disposition', attachment(document.fileName))
        .header('x-content-type-options', 'nosniff')
        .send(content)
    },
  )

  app.delete(
    '/org/employees/:id/documents/:documentId',
    {
      config: { access: 'hr.document.manage' },
      schema: {
        tags: ['org'],
        summary: 'Remove a document from the record (kept, hidden, until the person’s data is erased)',
        params: DocumentParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await requirePersonInReach(request, 'hr.document.manage', request.params.id)
      await deleteEmployeeDocument(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        request.params.documentId,
        clock.now(),
      )
      return reply.code(204).send(null)
    },
  )

  // ── Retention holds ──────────────────────────────────────────────────────

  const holdView = (hold: RetentionHoldView, todayDate: string) => ({
    ...hold,
    placedAt: hold.placedAt.toISOString(),
    releasedAt: hold.releasedAt?.toISOString() ?? null,
    active: isHoldActive(hold, todayDate),
  })

  app.get(
    '/org/employees/:id/retention-holds',
    {
      config: { access: 'hr.retention.manage' },
      schema: {
        tags: ['org'],
        summary: "A person's retention holds, released ones included",
        params: IdParams,
        response: { 200: RetentionHolds, ...errors },
      },
    },
    async (request) => {
      await requirePersonInReach(request, 'hr.retention.manage', request.params.id)
      const todayDate = await today(request)
      const holds = await listRetentionHolds(dbOf(request), actorOf(request).companyId, request.params.id)
      return { items: holds.map((hold) => holdView(hold, todayDate)) }
    },
  )

  app.post(
    '/org/employees/:id/retention-holds',
    {
      config: { access: 'hr.retention.manage', idempotent: true },
      schema: {
        tags: ['org'],
        summary: 'Place a retention hold (payroll, tax, contract: keep those records; legal claim: block erasure)',
        params: IdParams,
        body: RetentionHoldBody,
        response: { 201: RetentionHold, ...errors },
      },
    },
    async (request, reply) => {
      await requirePersonInReach(request, 'hr.retention.manage', request.params.id)
      const hold = await placeRetentionHold(
        dbOf(request),
        auditContextOf(request),
        { employeeId: request.params.id, ...request.body },
        clock.now(),
      )
      void reply.code(201)
      return holdView(hold, await today(request))
    },
  )

  app.post(
    '/org/employees/:id/retention-holds/:holdId/release',
    {
      config: { access: 'hr.retention.manage' },
      schema: {
        tags: ['org'],
        summary: 'Release a retention hold',
        params: RetentionHoldParams,
        response: { 200: RetentionHold, ...errors },
      },
    },
    async (request) => {
      await requirePersonInReach(request, 'hr.retention.manage', request.params.id)
      const hold = await releaseRetentionHold(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        request.params.holdId,
        clock.now(),
      )
      return holdView(hold, await today(request))
    },
  )

  // ── Personal-data requests ───────────────────────────────────────────────

  app.post(
    '/org/employees/:id/personal-data-export',
    {
      config: { access: 'hr.personal_data.export' },
      schema: {
        tags: ['org'],
        summary: 'Export everything Keel holds about a person, as a ZIP (person.json, documents/, README.txt)',
        params: IdParams,
        response: { 200: BinaryFile, ...errors },
      },
    },
    async (request, reply) => {
      await requirePersonInReach(request, 'hr.personal_data.export', request.params.id)
      const { archive, fileName } = await exportPersonalData(
        dbOf(request),
        auditContextOf(request),
        secretKey,
        request.params.id,
        clock.now(),
      )
      // Returned, not sent: on PostgreSQL the reply goes out after the audited transaction commits.
      void reply.code(200).type('application/zip').header('content-disposition', attachment(fileName))
      return Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength)
    },
  )

  app.post(
    '/org/employees/:id/erasure',
    {
      config: { access: 'hr.personal_data.erase' },
      schema: {
        tags: ['org'],
        summary:
          "Erase a former employee's personal data, keeping what retention holds require (?dryRun=true: preview only)",
        params: IdParams,
        querystring: ErasureQuery,
        response: { 200: ErasurePlan, ...errors },
      },
    },
    async (request) => {
      await requirePersonInReach(request, 'hr.personal_data.erase', request.params.id)
      const dryRun = request.query.dryRun === true
      const todayDate = await today(request)
      const plan = dryRun
        ? await planErasure(dbOf(request), actorOf(request).companyId, request.params.id, todayDate)
        : await erasePersonalData(
            dbOf(request),
            auditContextOf(request),
            secretKey,
            request.params.id,
            clock.now(),
            todayDate,
          )
      return { ...plan, dryRun }
    },
  )
}
