import {
  currencyCode,
  DomainError,
  formatDecimalAmount,
  invalid,
  isCalendarDate,
  parseDecimalAmount,
  type FieldError,
} from '@keel/kernel'
import type { Kysely } from 'kysely'
import { peopleFacts } from '../org/index.ts'
import type { FieldDefinition } from './catalog-documents.ts'
import type { FieldValues, WorkDeps } from './work.tables.ts'

export type SubmittedValue = string | number | boolean | null

const DEFAULT_MAX_LENGTH = { text: 500, long_text: 10_000 } as const
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const isBlank = (value: SubmittedValue | undefined) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '')

/** A money answer in minor units, or the reason it is not one. */
function moneyOf(value: SubmittedValue, field: FieldDefinition): bigint | string {
  if (typeof value !== 'string') return 'Enter an amount such as 1250.00.'
  const currency = currencyCode(field.currency ?? 'EUR')
  try {
    return parseDecimalAmount(value.trim(), currency)
  } catch (error) {
    if (error instanceof DomainError) return `Enter an amount in ${currency}, such as 1250.00.`
    throw error
  }
}

/** Checks one answer that is not blank; returns the value to store, or a message. */
function checkValue(field: FieldDefinition, value: SubmittedValue): { ok: string | number } | { problem: string } {
  switch (field.kind) {
    case 'text':
    case 'long_text': {
      if (typeof value !== 'string') return { problem: 'Enter text.' }
      const max = field.maxLength ?? DEFAULT_MAX_LENGTH[field.kind]
      if (value.trim().length > max) return { problem: `At most ${String(max)} characters.` }
      return { ok: value.trim() }
    }
    case 'number': {
      const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN
      if (!Number.isFinite(number)) return { problem: 'Enter a number.' }
      if (field.min !== undefined && number < Number(field.min)) return { problem: `At least ${field.min}.` }
      if (field.max !== undefined && number > Number(field.max)) return { problem: `At most ${field.max}.` }
      return { ok: number }
    }
    case 'money': {
      const minor = moneyOf(value, field)
      if (typeof minor === 'string') return { problem: minor }
      const currency = currencyCode(field.currency ?? 'EUR')
      if (field.min !== undefined && minor < parseDecimalAmount(field.min, currency))
        return { problem: `At least ${field.min} ${currency}.` }
      if (field.max !== undefined && minor > parseDecimalAmount(field.max, currency))
        return { problem: `At most ${field.max} ${currency}.` }
      return { ok: formatDecimalAmount(minor, currency) }
    }
    case 'date':
      return typeof value === 'string' && isCalendarDate(value)
        ? { ok: value }
        : { problem: 'Enter a date (yyyy-mm-dd).' }
    case 'choice':
      return typeof value === 'string' && (field.options ?? []).includes(value)
        ? { ok: value }
        : { problem: `Choose one of: ${(field.options ?? []).join(', ')}.` }
    case 'person':
    case 'attachment':
      // Whether the id names someone (something) is checked against the database below.
      return typeof value === 'string' && UUID.test(value)
        ? { ok: value.toLowerCase() }
        : { problem: 'Not a valid id.' }
  }
}

/**
 * Validates a submitted intake form against its definition: required answers
 * present, each of its kind and within its bounds, people active employees of
 * the company, files uploaded by the requester and not used elsewhere. Every
 * problem is reported at once, at `/body/fields/<key>`; nothing is written.
 */
export async function validateIntake(
  db: Kysely<WorkDeps>,
  companyId: string,
  requesterUserId: string,
  definitions: readonly FieldDefinition[],
  submitted: Readonly<Record<string, SubmittedValue>>,
): Promise<FieldValues> {
  const problems: FieldError[] = []
  const values: FieldValues = {}
  const at = (key: string) => `/body/fields/${key}`
  for (const key of Object.keys(submitted))
    if (!definitions.some((d) => d.key === key))
      problems.push({ path: at(key), message: 'This form has no such field.' })
  for (const field of definitions) {
    const value = submitted[field.key]
    if (value === undefined || isBlank(value)) {
      if (field.required) problems.push({ path: at(field.key), message: `${field.label} is required.` })
      continue
    }
    const checked = checkValue(field, value)
    if ('problem' in checked) problems.push({ path: at(field.key), message: checked.problem })
    else values[field.key] = checked.ok
  }
  const idsOf = (kind: FieldDefinition['kind']) =>
    definitions.filter((d) => d.kind === kind && typeof values[d.key] === 'string').map((d) => d.key)
  const personKeys = idsOf('person')
  if (personKeys.length > 0) {
    const people = await peopleFacts(db, companyId, { employeeIds: personKeys.map((k) => String(values[k])) })
    for (const key of personKeys)
      if (!people.some((p) => p.active && p.employeeId === values[key]))
        problems.push({ path: at(key), message: 'No such colleague.' })
  }
  const fileKeys = idsOf('attachment')
  if (fileKeys.length > 0) {
    const files = await db
      .selectFrom('work_attachment')
      .select(['id'])
      .where('company_id', '=', companyId)
      .where(
        'id',
        'in',
        fileKeys.map((k) => String(values[k])),
      )
      .where('uploaded_by_user_id', '=', requesterUserId)
      .where('item_id', 'is', null)
      .execute()
    for (const key of fileKeys)
      if (!files.some((f) => f.id === values[key]))
        problems.push({ path: at(key), message: 'Upload the file again: this one is not yours or is already used.' })
  }
  if (problems.length > 0) throw invalid('work.invalid_intake', 'Some answers on the form need attention.', problems)
  return values
}
