import type { Kysely, Transaction } from 'kysely'

/**
 * Runs `work` in the caller's transaction if there is one, else opens one.
 * This lets one module's use case call another's inside a single transaction
 * while each function stays safe to call on its own.
 */
export async function inTransaction<DB, T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  // A Transaction is a Kysely whose isTransaction is true; Kysely exposes no narrower check.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
  if (db.isTransaction) return work(db as Transaction<DB>)
  return db.transaction().execute(work)
}

/** Postgres error codes a transaction may be retried on (serialization failure, deadlock). */
const RETRYABLE = new Set(['40001', '40P01'])

export const isRetryableDbError = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && RETRYABLE.has(String(error.code))

/**
 * Runs a whole transaction again, a bounded number of times, when Postgres
 * aborts it for a serialization failure or deadlock; those never reach the user as a 500.
 */
export async function withRetries<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work()
    } catch (error) {
      if (attempt >= attempts || !isRetryableDbError(error)) throw error
      await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt + Math.random() * 10))
    }
  }
}

/** True when a Postgres error is a unique violation, optionally of a named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error) || error.code !== '23505') return false
  return constraint === undefined || ('constraint' in error && error.constraint === constraint)
}

/**
 * Appended to a query (`.modifyEnd(sql.raw(PLAN_EACH_CALL))`) whose best plan
 * depends on its parameter values — a LIKE pattern that may be rare or common —
 * so PostgreSQL plans it for each call instead of reusing one generic plan of
 * a prepared statement (see server/src/db/postgres-dialect.ts).
 */
export const PLAN_EACH_CALL = ' /* keel:plan-each-call */'
