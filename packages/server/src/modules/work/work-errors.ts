import { conflict, invalidField } from '@keel/kernel'

const isForeignKeyViolation = (error: unknown): error is { code: string; constraint?: string } =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === '23503'

/**
 * Turns a foreign-key violation into a 422 naming the field that pointed
 * nowhere. Every reference includes company_id, so another company's id fails
 * here exactly like an id that does not exist.
 */
export function mapMissingReference(error: unknown, fields: Readonly<Record<string, string>>): never {
  if (isForeignKeyViolation(error)) {
    const constraint = error.constraint ?? ''
    for (const [column, path] of Object.entries(fields))
      if (constraint.includes(column))
        throw invalidField(
          'work.unknown_reference',
          path,
          `No such record in this company for ${path.split('/').at(-1) ?? column}.`,
        )
  }
  throw error
}

export const assertVersion = (actual: number, expected: number | undefined, what: string) => {
  if (expected !== undefined && actual !== expected)
    throw conflict('request.stale', `This ${what} was changed by someone else; reload and try again.`)
}
