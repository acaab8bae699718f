/**
 * The raw-SQL side of a database handle, with no schema types: what pg-boss
 * and maintenance code need. Kept apart from `connect.ts` so that the job
 * runner does not depend on every module's tables.
 */
export interface SqlHandle {
  readonly kind: 'pglite' | 'postgres'
  /** Raw SQL for pg-boss and maintenance: every statement's rows. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>
  /** Runs a multi-statement SQL script in one transaction: all of it or none. */
  runScript(sql: string): Promise<void>
  /** PGlite only: the whole data directory as a tarball (test templates, backups). */
  dumpDataDir(): Promise<Blob>
  close(): Promise<void>
}
