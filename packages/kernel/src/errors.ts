/**
 * Expected, user-facing failures. Anything else (a bug, a lost connection)
 * stays a plain `Error` and becomes a 500 with no details leaked.
 */
export type ErrorKind =
  /** The request itself is malformed (a forged cursor, a bad header): 400. */
  | 'bad_request'
  /** Well-formed, but breaks a rule: 422. */
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'precondition_required'
  | 'rate_limited'

/** One bad field: `path` is a JSON pointer into the request (`/body/email`). */
export interface FieldError {
  readonly path: string
  readonly message: string
}

type Details = Readonly<Record<string, string | number | boolean | null>>

export class DomainError extends Error {
  override readonly name = 'DomainError'
  readonly kind: ErrorKind
  /** Stable, dotted and greppable, e.g. `identity.weak_password`. Clients switch on it. */
  readonly code: string
  readonly details: Details
  readonly fieldErrors: readonly FieldError[]

  constructor(
    kind: ErrorKind,
    code: string,
    message: string,
    details: Details = {},
    fieldErrors: readonly FieldError[] = [],
  ) {
    super(message)
    this.kind = kind
    this.code = code
    this.details = details
    this.fieldErrors = fieldErrors
  }
}

export const invalid = (code: string, message: string, fieldErrors: readonly FieldError[] = [], details?: Details) =>
  new DomainError('invalid', code, message, details, fieldErrors)
export const unauthenticated = (code: string, message: string) => new DomainError('unauthenticated', code, message)
export const forbidden = (code: string, message: string, details?: Details) =>
  new DomainError('forbidden', code, message, details)
export const notFound = (code: string, message: string, details?: Details) =>
  new DomainError('not_found', code, message, details)
export const conflict = (code: string, message: string, details?: Details) =>
  new DomainError('conflict', code, message, details)
export const rateLimited = (code: string, message: string, details?: Details) =>
  new DomainError('rate_limited', code, message, details)

/** A malformed request parameter or header, naming it. */
export const badRequest = (code: string, path: string, message: string) =>
  new DomainError('bad_request', code, message, {}, [{ path, message }])

/** An `invalid` error about one field, for the common case. */
export const invalidField = (code: string, path: string, message: string) =>
  new DomainError('invalid', code, message, {}, [{ path, message }])
