import { CompiledQuery, type Kysely, type Transaction } from 'kysely'
import type { SqlHandle } from '../db/sql-handle.ts'

/** What pg-boss needs from a database connection (its `IDatabase`, minus the optional parts). */
export interface JobDatabase {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>
}

/**
 * pg-boss's connection for its own work (polling, maintenance, schema install):
 * the handle's `executeSql`, which on PGlite takes its turn in the single
 * connection's queue and runs parameterless multi-statement scripts through `exec`.
 */
export function handleDatabase(handle: SqlHandle): JobDatabase {
  // On PGlite, connect.ts also rolls back a failed BEGIN…COMMIT script in the same turn.
  return { executeSql: (text, values) => handle.executeSql(text, values) }
}

/**
 * pg-boss's connection for one `send()` inside the caller's Kysely transaction,
 * so the job row commits or rolls back with the caller's rows. `send()` issues
 * only single parameterised statements (a queue lookup, then the insert with the
 * job as `$1` JSON), which Kysely runs as-is on both drivers.
 */
export function transactionDatabase<DB>(trx: Kysely<DB> | Transaction<DB>): JobDatabase {
  return {
    async executeSql(text, values) {
      const result = await trx.executeQuery(CompiledQuery.raw(text, values ?? []))
      return { rows: [...result.rows] }
    },
  }
}
