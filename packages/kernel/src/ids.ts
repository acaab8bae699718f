import { uuidv7 } from 'uuidv7'

/** A new time-ordered UUIDv7: ids are generated in the application, never by the database. */
export const newId = (): string => uuidv7()
