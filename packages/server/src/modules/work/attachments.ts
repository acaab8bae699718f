import { createHash } from 'node:crypto'
import { invalidField, newId, notFound } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import { itemFor } from './item-access.ts'
import type { WorkViewer } from './work-viewer.ts'
import type { WorkDeps } from './work.tables.ts'

/** What an intake form accepts as a file: documents, images, spreadsheets; at most 10 MB. */
export const ATTACHMENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'text/plain',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

/**
 * Stores a file for an intake form before the form is sent. It belongs to its
 * uploader until a submission names it (validate-intake.ts checks that).
 */
export async function uploadAttachment(
  db: Kysely<WorkDeps>,
  context: AuditContext & { actorId: string },
  file: { fileName: string; contentType: string; content: Buffer },
  now: Date,
) {
  const contentType = file.contentType.toLowerCase()
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(contentType))
    throw invalidField(
      'work.unsupported_file_type',
      '/headers/content-type',
      'Attach a PDF, image, text, CSV, Word or Excel file.',
    )
  if (file.content.length === 0) throw invalidField('work.empty_file', '/body', 'The file is empty.')
  if (file.content.length > MAX_ATTACHMENT_BYTES)
    throw invalidField('work.file_too_large', '/body', 'Files are at most 10 MB.')
  const fileName =
    file.fileName
      .replace(/[/\\\r\n]/g, '_')
      .trim()
      .slice(0, 255) || 'file'
  const id = newId()
  await db
    .insertInto('work_attachment')
    .values({
      company_id: context.companyId,
      id,
      item_id: null,
      field_key: null,
      file_name: fileName,
      content_type: contentType,
      size_bytes: file.content.length,
      sha256: createHash('sha256').update(file.content).digest('hex'),
      content: file.content,
      uploaded_by_user_id: context.actorId,
      created_at: now,
    })
    .execute()
  await recordAudit(db, context, {
    action: 'work.attachment.uploaded',
    entityType: 'work_attachment',
    entityId: id,
    changes: { file: { before: null, after: `${fileName} (${String(file.content.length)} bytes)` } },
  })
  return { id, fileName, contentType, sizeBytes: file.content.length }
}

/** A file, for its uploader (before submission) or anyone who sees its item. */
export async function readAttachment(db: Kysely<WorkDeps>, viewer: WorkViewer, id: string) {
  const file = await db
    .selectFrom('work_attachment')
    .select(['item_id', 'file_name', 'content_type', 'content', 'uploaded_by_user_id'])
    .where('company_id', '=', viewer.companyId)
    .where('id', '=', id)
    .executeTakeFirst()
  if (!file) throw notFound('work.attachment_not_found', 'No such file.')
  if (file.item_id === null) {
    if (file.uploaded_by_user_id !== viewer.userId) throw notFound('work.attachment_not_found', 'No such file.')
  } else await itemFor(db, viewer, file.item_id)
  return { fileName: file.file_name, contentType: file.content_type, content: file.content }
}
