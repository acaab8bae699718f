import { invalidField } from '@keel/kernel'
import { unzipSync } from 'fflate'

/**
 * The file types Keel keeps as employee documents, recognised by their bytes,
 * never by the name or the Content-Type a client sends: a renamed .exe stays
 * an .exe. Office documents are ZIP files; what they are is written inside
 * ([Content_Types].xml for Word/Excel, the `mimetype` entry for OpenDocument).
 */
export const DOCUMENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
] as const
export type DocumentType = (typeof DOCUMENT_TYPES)[number]

/** Browsers send files they cannot name as this; the bytes decide. */
export const GENERIC_BINARY = 'application/octet-stream'

const startsWith = (content: Buffer, bytes: readonly number[], at = 0) =>
  bytes.every((byte, i) => content[at + i] === byte)

const ODT_MIMETYPE = 'application/vnd.oasis.opendocument.text'
// Each inner part is small; anything claiming more is not an office document (or is a zip bomb).
const MAX_MANIFEST_BYTES = 1024 * 1024

function officeTypeOf(content: Buffer): DocumentType | null {
  // OpenDocument stores "mimetype" first and uncompressed, so it sits at a fixed offset.
  if (content.subarray(30, 38).toString('latin1') === 'mimetype') {
    return content.subarray(38, 38 + ODT_MIMETYPE.length).toString('latin1') === ODT_MIMETYPE ? ODT_MIMETYPE : null
  }
  let manifest: Uint8Array | undefined
  try {
    manifest = unzipSync(content, {
      filter: (file) => file.name === '[Content_Types].xml' && file.originalSize <= MAX_MANIFEST_BYTES,
    })['[Content_Types].xml']
  } catch {
    return null
  }
  if (!manifest) return null
  const xml = Buffer.from(manifest).toString('utf8')
  if (xml.includes('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'))
    return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
  if (xml.includes('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'))
    return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  return null
}

/** What the bytes are, or null when they are none of the accepted types. */
export function detectDocumentType(content: Buffer): DocumentType | null {
  if (startsWith(content, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf' // %PDF-
  if (startsWith(content, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (startsWith(content, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (content.subarray(0, 4).toString('latin1') === 'RIFF' && content.subarray(8, 12).toString('latin1') === 'WEBP')
    return 'image/webp'
  if (startsWith(content, [0x50, 0x4b, 0x03, 0x04])) return officeTypeOf(content)
  return null
}

/**
 * Checks an upload against the size limit and the accepted types; the type
 * stored is the detected one. Every refusal names the field (`path`).
 */
export function checkDocumentFile(content: Buffer, declaredType: string, maxBytes: number, path: string): DocumentType {
  if (content.length === 0) throw invalidField('org.empty_document', path, 'The file is empty.')
  if (content.length > maxBytes)
    throw invalidField(
      'org.document_too_large',
      path,
      `Documents are at most ${formatMegabytes(maxBytes)}; this file is ${formatMegabytes(content.length)}.`,
    )
  const detected = detectDocumentType(content)
  if (!detected)
    throw invalidField(
      'org.unsupported_document',
      path,
      'Upload a PDF, PNG, JPEG or WebP image, or a Word, Excel or OpenDocument text file.',
    )
  if (declaredType !== GENERIC_BINARY && declaredType !== detected)
    throw invalidField(
      'org.document_type_mismatch',
      path,
      `The file was sent as ${declaredType}, but its content is ${detected}.`,
    )
  return detected
}

export const formatMegabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MB`
