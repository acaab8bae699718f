import { AsyncLocalStorage } from 'node:async_hooks'
import type { Kysely, Transaction } from 'kysely'
import { PgBoss } from 'pg-boss'
import { transactionDatabase, type JobDatabase } from './job-database.ts'
import { assertJobName, type JobName } from './job-name.ts'

export interface EnqueueOptions {
  /** A job id of the caller's choosing (a UUID); the same id twice is one job. */
  readonly id?: string
  /** Not before this instant, or this many seconds from now. */
  readonly startAfter?: Date | number
  /** At most one queued job per key in the queue. */
  readonly singletonKey?: string
  readonly priority?: number
  readonly retryLimit?: number
}

// pg-boss builds its insert from its queue metadata (which table, which policy),
// and a sender that was never started reads that metadata through its own `db`
// on first use and caches it. Pointing that `db` at the caller's transaction
// keeps every statement of an enqueue inside it: on PGlite, any statement
// outside it would wait forever behind the transaction holding the one connection.
// The cache is per process, not per database: it holds only a queue's table
// and policy, which Keel creates the same everywhere; a queue missing from the
// database at hand still fails the insert (and the caller's transaction).
const current = new AsyncLocalStorage<JobDatabase>()
const sender = new PgBoss({
  db: {
    executeSql(text, values) {
      const db = current.getStore()
      if (!db) return Promise.reject(new Error('jobs: the sender runs only inside enqueue()'))
      return db.executeSql(text, values)
    },
  },
})

/**
 * Enqueues a job inside the caller's transaction: the job exists if and only
 * if the transaction commits. Needs the `pgboss` schema and the queue, which
 * `startJobs()` and `jobs.work()` create. Returns the job id, or null when a
 * `singletonKey` job is already queued.
 */
export async function enqueue<DB>(
  trx: Kysely<DB> | Transaction<DB>,
  name: JobName,
  data: object,
  options: EnqueueOptions = {},
): Promise<string | null> {
  assertJobName(name)
  if (!trx.isTransaction) throw new Error(`jobs: enqueue ${name} inside a transaction, so it commits with its cause`)
  const db = transactionDatabase(trx)
  return current.run(db, () =>
    sender.send(name, data, {
      db,
      ...(options.id === undefined ? {} : { id: options.id }),
      ...(options.startAfter === undefined ? {} : { startAfter: options.startAfter }),
      ...(options.singletonKey === undefined ? {} : { singletonKey: options.singletonKey }),
      ...(options.priority === undefined ? {} : { priority: options.priority }),
      ...(options.retryLimit === undefined ? {} : { retryLimit: options.retryLimit }),
    }),
  )
}
