import { createHash } from 'node:crypto'
import { inTransaction, invalidField, isCalendarDate, newId, notFound } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import { openBytes, sealBytes } from '../identity/index.ts'
import { checkDocumentFile } from './document-file-type.ts'
import type { DocumentCategory, OrgDeps } from './org.tables.ts'

/**
 * Documents are stored encrypted (AES-256-GCM, the same installation key as
 * private data) rather than as plain bytea: a contract or a passport scan is
 * at least as sensitive as a bank account, and a database dump or backup
 * should not hand them out. The SHA-256 of the plaintext is kept beside it,
 * so an export or a download can show that the file is the one uploaded.
 */
const documentAad = (companyId: string, documentId: string) => `org_employee_document:${companyId}:${documentId}`

export interface DocumentView {
  readonly id: string
  readonly employeeId: string
  readonly category: DocumentCategory
  readonly title: string
  readonly fileName: string
  readonly contentType: string
  readonly sizeBytes: number
  readonly sha256: string | null
  readonly validUntilDate: string | null
  readonly uploadedBy: string | null
  readonly uploadedAt: Date
  readonly deletedAt: Date | null
  readonly erasedAt: Date | null
}

export interface DocumentUpload {
  readonly category: DocumentCategory
  readonly title: string
  readonly fileName: string
  readonly validUntilDate?: string | undefined
  readonly content: Buffer
  readonly contentType: string
}

/** A file name as shown and offered for download: no path, no control characters. */
const cleanFileName = (name: string) =>
  Array.from(name.split(/[\\/]/).at(-1) ?? '')
    .filter((c) => c.charCodeAt(0) >= 0x20 && c !== '\x7f' && c !== '"')
    .join('')
    .trim()
    .slice(0, 255)

export async function uploadEmployeeDocument(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  key: Buffer,
  employeeId: string,
  upload: DocumentUpload,
  maxBytes: number,
  now: Date,
): Promise<DocumentView> {
  const contentType = checkDocumentFile(upload.content, upload.contentType, maxBytes, '/body')
  const title = upload.title.trim()
  if (!title) throw invalidField('org.invalid_title', '/querystring/title', 'Give the document a title.')
  const fileName = cleanFileName(upload.fileName)
  if (!fileName) throw invalidField('org.invalid_file_name', '/querystring/fileName', 'The file needs a name.')
  if (upload.validUntilDate !== undefined && !isCalendarDate(upload.validUntilDate))
    throw invalidField('org.invalid_date', '/querystring/validUntil', 'Not a real date.')
  const id = newId()
  return inTransaction(db, async (trx) => {
    const employee = await trx
      .selectFrom('org_employee')
      .select('id')
      .where('company_id', '=', context.companyId)
      .where('id', '=', employeeId)
      .executeTakeFirst()
    if (!employee) throw notFound('org.employee_not_found', 'No such employee.')
    await trx
      .insertInto('org_employee_document')
      .values({
        company_id: context.companyId,
        id,
        employee_id: employeeId,
        category: upload.category,
        title,
        file_name: fileName,
        content_type: contentType,
        size_bytes: upload.content.length,
        sha256: createHash('sha256').update(upload.content).digest('hex'),
        sealed: sealBytes(key, upload.content, documentAad(context.companyId, id)),
        valid_until_date: upload.validUntilDate ?? null,
        uploaded_by: context.actorId,
        uploaded_at: now,
      })
      .execute()
    // Category and size only: titles and file names can carry personal details.
    await recordAudit(trx, context, {
      action: 'org.employee.document_uploaded',
      entityType: 'employee',
      entityId: employeeId,
      changes: {
        document: { before: null, after: id },
        category: { before: null, after: upload.category },
        sizeBytes: { before: null, after: upload.content.length },
      },
    })
    return getDocument(trx, context.companyId, employeeId, id)
  })
}

const toView = (row: {
  id: string
  employee_id: string
  category: DocumentCategory
  title: string
  file_name: string
  content_type: string
  size_bytes: number
  sha256: string | null
  valid_until_date: string | null
  uploaded_by: string | null
  uploaded_at: Date
  deleted_at: Date | null
  erased_at: Date | null
}): DocumentView => ({
  id: row.id,
  employeeId: row.employee_id,
  category: row.category,
  title: row.title,
  fileName: row.file_name,
  contentType: row.content_type,
  sizeBytes: row.size_bytes,
  sha256: row.sha256,
  validUntilDate: row.valid_until_date,
  uploadedBy: row.uploaded_by,
  uploadedAt: row.uploaded_at,
  deletedAt: row.deleted_at,
  erasedAt: row.erased_at,
})

const METADATA = [
  'id',
  'employee_id',
  'category',
  'title',
  'file_name',
  'content_type',
  'size_bytes',
  'sha256',
  'valid_until_date',
  'uploaded_by',
  'uploaded_at',
  'deleted_at',
  'erased_at',
] as const

async function getDocument(db: Kysely<OrgDeps>, companyId: string, employeeId: string, documentId: string) {
  const row = await db
    .selectFrom('org_employee_document')
    .select(METADATA)
    .where('company_id', '=', companyId)
    .where('employee_id', '=', employeeId)
    .where('id', '=', documentId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  if (!row) throw notFound('org.document_not_found', 'No such document.')
  return toView(row)
}

/**
 * A person's documents, newest first. Deleted ones are hidden unless
 * `includeDeleted` (the personal-data export lists everything still held).
 */
export async function listEmployeeDocuments(
  db: Kysely<OrgDeps>,
  companyId: string,
  employeeId: string,
  options: { includeDeleted: boolean } = { includeDeleted: false },
): Promise<DocumentView[]> {
  let query = db
    .selectFrom('org_employee_document')
    .select(METADATA)
    .where('company_id', '=', companyId)
    .where('employee_id', '=', employeeId)
  if (!options.includeDeleted) query = query.where('deleted_at', 'is', null)
  const rows = await query.orderBy('uploaded_at', 'desc').orderBy('id', 'desc').execute()
  return rows.map(toView)
}

/** The file of a document that is neither deleted nor erased, decrypted. */
export async function readEmployeeDocumentFile(
  db: Kysely<OrgDeps>,
  key: Buffer,
  companyId: string,
  employeeId: string,
  documentId: string,
  options: { includeDeleted: boolean } = { includeDeleted: false },
): Promise<{ document: DocumentView; content: Buffer }> {
  let query = db
    .selectFrom('org_employee_document')
    .select([...METADATA, 'sealed'])
    .where('company_id', '=', companyId)
    .where('employee_id', '=', employeeId)
    .where('id', '=', documentId)
  if (!options.includeDeleted) query = query.where('deleted_at', 'is', null)
  const row = await query.executeTakeFirst()
  if (!row?.sealed) throw notFound('org.document_not_found', 'No such document.')
  return { document: toView(row), content: openBytes(key, row.sealed, documentAad(companyId, documentId)) }
}

/**
 * Removes a document from view. The row and its encrypted content stay until
 * the person's data is erased: a deletion by mistake can be traced and
 * undone by an operator, and the audit trail still points at something.
 */
export async function deleteEmployeeDocument(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  employeeId: string,
  documentId: string,
  now: Date,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const document = await getDocument(trx, context.companyId, employeeId, documentId)
    await trx
      .updateTable('org_employee_document')
      .set({ deleted_at: now, deleted_by: context.actorId })
      .where('company_id', '=', context.companyId)
      .where('id', '=', documentId)
      .execute()
    await recordAudit(trx, context, {
      action: 'org.employee.document_deleted',
      entityType: 'employee',
      entityId: employeeId,
      changes: { document: { before: documentId, after: null }, category: { before: document.category, after: null } },
    })
  })
}

/** Who opened which document: reading a contract or a passport scan is itself worth a trace. */
export async function recordDocumentDownload(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  document: DocumentView,
): Promise<void> {
  await inTransaction(db, (trx) =>
    recordAudit(trx, context, {
      action: 'org.employee.document_downloaded',
      entityType: 'employee',
      entityId: document.employeeId,
      changes: { document: { before: null, after: document.id }, category: { before: null, after: document.category } },
    }),
  )
}
