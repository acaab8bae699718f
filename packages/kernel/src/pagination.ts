import { badRequest } from './errors.ts'

/** An opaque keyset cursor: the sort key of the last row of a page, base64url JSON. */
export const encodeCursor = (position: unknown): string => Buffer.from(JSON.stringify(position)).toString('base64url')

/** Decodes a cursor; a tampered or foreign one is a 400 naming `/querystring/cursor`. */
export function decodeCursor<T>(cursor: string | undefined, check: (value: unknown) => value is T): T | null {
  if (cursor === undefined || cursor === '') return null
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (check(value)) return value
  } catch {
    // fall through to the same error as a wrong shape
  }
  throw badRequest(
    'request.invalid_cursor',
    '/querystring/cursor',
    'This cursor is not valid; start from the first page.',
  )
}

export const DEFAULT_PAGE_SIZE = 50
export const pageSize = (limit: number | undefined) => Math.min(Math.max(limit ?? DEFAULT_PAGE_SIZE, 1), 200)
