import type { DocumentCategory } from '../../../api/org-documents.ts'

export const documentCategories: { value: DocumentCategory; label: string }[] = [
  { value: 'contract', label: 'Contract' },
  { value: 'certificate', label: 'Certificate' },
  { value: 'identity_document', label: 'Identity document' },
  { value: 'payslip_other', label: 'Payslip / pay letter' },
  { value: 'other', label: 'Other' },
]

export const categoryLabel = (category: DocumentCategory) =>
  documentCategories.find((c) => c.value === category)?.label ?? category

/** What the server accepts, by extension, for browsers that leave a file's type empty. */
const EXTENSIONS = ['pdf', 'png', 'jpg', 'jpeg', 'webp', 'docx', 'xlsx', 'odt']

export const formatBytes = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MB`
    : bytes >= 1024
      ? `${String(Math.round(bytes / 1024))} KB`
      : `${String(bytes)} bytes`

/**
 * The browser's check before sending: the same limits as the server's, so a
 * 40 MB scan is refused at once rather than after the upload. The server still
 * checks the bytes themselves.
 */
export function checkFileBeforeUpload(
  file: File,
  rules: { maxBytes: number; acceptedTypes: readonly string[] },
): string | null {
  if (file.size === 0) return 'The file is empty.'
  if (file.size > rules.maxBytes)
    return `${file.name} is ${formatBytes(file.size)}; documents are at most ${formatBytes(rules.maxBytes)}.`
  const extension = file.name.split('.').at(-1)?.toLowerCase() ?? ''
  const typeKnown = file.type !== '' && rules.acceptedTypes.includes(file.type)
  if (!typeKnown && !EXTENSIONS.includes(extension))
    return `${file.name} is not a PDF, image, Word, Excel or OpenDocument file.`
  return null
}

/** A title from a file name: no extension, separators as spaces. */
export const titleFromFileName = (name: string) =>
  name
    .replace(/\.[^.]+$/, '')
    .replace(/[_-]+/g, ' ')
    .trim()
    .slice(0, 200)
