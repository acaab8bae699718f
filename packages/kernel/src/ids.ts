import { uuidv7 } from 'uuidv7'

/** A new time-ordered UUIDv7: ids are generated in the application, never by the database. */
export const newId = (): string => uuidv7()

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** True for any RFC 9562 textual UUID (used before a lookup, so a bad id is a 404, not a 500). */
export const isUuid = (raw: string): boolean => UUID.test(raw)
