import { PGlite, types } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { Kysely } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import pg from 'pg'
import type { Database } from './database.ts'
import { lockDataDir } from './data-dir-lock.ts'
import { listenPostgres, type ListenHandlers } from './listen.ts'
import { preparingClient } from './pglite-prepared.ts'
import { keelPostgresDialect } from './postgres-dialect.ts'
import type { SqlHandle } from './sql-handle.ts'

export type DatabaseKind = SqlHandle['kind']

/** What the rest of Keel needs from a database, whichever engine is behind it. */
export interface DatabaseHandle extends SqlHandle {
  readonly db: Kysely<Database>
  /** Follows NOTIFYs on `channel` committed by any connection (see listen.ts); resolves to a stop function. */
  listen(channel: string, handlers: ListenHandlers): Promise<() => Promise<void>>
}

// The same runtime types on both engines: int8 as bigint (money never becomes
// a float), numeric as string, date as 'yyyy-mm-dd' string, timestamps as Date.
const parseInt8 = (raw: string) => BigInt(raw)
const keepString = (raw: string) => raw

let pgParsersInstalled = false
function installPgParsers(): void {
  if (pgParsersInstalled) return
  pg.types.setTypeParser(pg.types.builtins.INT8, parseInt8)
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, keepString)
  pg.types.setTypeParser(pg.types.builtins.DATE, keepString)
  pgParsersInstalled = true
}

export const pgliteParsers = { [types.INT8]: parseInt8, [types.NUMERIC]: keepString, [types.DATE]: keepString }

export interface ConnectOptions {
  readonly databaseUrl?: string | undefined
  /** PGlite data directory; `memory://` for an in-memory database. */
  readonly dataDir?: string | undefined
  /** Start PGlite from a dumped data directory (tests copy a migrated template). */
  readonly loadDataDir?: Blob | undefined
  readonly poolSize?: number
}

/** PostgreSQL when a URL is given, else embedded PGlite. */
export async function connect(options: ConnectOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return connectPostgres(options.databaseUrl, options.poolSize ?? 10)
  return connectPglite(options.dataDir ?? 'memory://', options.loadDataDir)
}

export async function connectPglite(dataDir: string, loadDataDir?: Blob): Promise<DatabaseHandle> {
  const unlock = dataDir.startsWith('memory://') ? async () => undefined : await lockDataDir(dataDir)
  // relaxedDurability: false — each query's writes reach the data directory
  // before its result returns, so a killed process keeps every committed
  // transaction (see docs/operations.md, "Embedded durability").
  const client = await PGlite.create({
    dataDir,
    relaxedDurability: false,
    parsers: pgliteParsers,
    // The directory's fuzzy name search (org migration 0001).
    extensions: { pg_trgm },
    ...(loadDataDir ? { loadDataDir } : {}),
  }).catch(async (error: unknown) => {
    await unlock()
    throw error
  })
  // The app's queries go through prepared statements (pglite-prepared.ts); raw SQL below does not.
  const prepared = preparingClient(client)
  const db = new Kysely<Database>({ dialect: new PGliteDialect(prepared as unknown as PGlite) })
  return {
    db,
    kind: 'pglite',
    // PGlite has one connection. Kysely's driver queues every user of it, so raw
    // SQL takes its turn through the same queue: otherwise a pg-boss poll could
    // run inside a request's open transaction.
    executeSql: (text, values) =>
      db.connection().execute(async () => {
        // pg-boss sends parameterless multi-statement scripts; `query` takes one statement.
        if (!values || values.length === 0) {
          try {
            const results = await client.exec(text)
            return { rows: results.flatMap((r) => r.rows) }
          } catch (error) {
            // A pooled driver throws away a connection whose script failed between
            // BEGIN and COMMIT; PGlite has only this one, which would otherwise stay
            // in an aborted transaction and refuse every later query of the app.
            if (/\bbegin\b/i.test(text)) await client.exec('rollback').catch(() => undefined)
            throw error
          }
        }
        const result = await client.query(text, values)
        return { rows: result.rows }
      }),
    runScript: (script) =>
      db.connection().execute(async () => {
        await client.transaction(async (tx) => {
          await tx.exec(script)
        })
        // A migration or a restore may have changed what a prepared statement refers to.
        await prepared.forget()
      }),
    dumpDataDir: () => db.connection().execute(async () => client.dumpDataDir('none')),
    // One process owns the data directory, so nothing is ever missed.
    async listen(channel, handlers) {
      const unlisten = await client.listen(channel, () => {
        handlers.onNotify()
      })
      handlers.onListening(true)
      return async () => {
        handlers.onListening(false)
        if (!client.closed) await unlisten()
      }
    },
    async close() {
      await db.destroy()
      if (!client.closed) await client.close()
      await unlock()
    },
  }
}

export async function connectPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  installPgParsers()
  const pool = new pg.Pool({ connectionString: url, max: poolSize })
  // An idle connection can fail (server restart, admin command); the pool drops
  // it and the next query opens a new one. Unhandled, the event would end the process.
  pool.on('error', (error) => {
    process.emitWarning(`PostgreSQL connection lost: ${error.message}`)
  })
  const db = new Kysely<Database>({ dialect: keelPostgresDialect(pool) })
  return {
    db,
    kind: 'postgres',
    async executeSql(text, values) {
      // Not pool.query: its callback runs in the async context of whoever
      // released the connection, which would lend that request's company
      // (postgres-dialect.ts) to this query. An awaited checkout keeps ours.
      const client = await pool.connect()
      let failure: Error | undefined
      try {
        // A multi-statement text (no values) answers with one result per statement.
        const result = (await client.query(text, values)) as
          pg.QueryResult<Record<string, unknown>> | pg.QueryResult<Record<string, unknown>>[]
        return { rows: Array.isArray(result) ? result.flatMap((r) => r.rows) : result.rows }
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error))
        throw error
      } finally {
        // As pool.query does: a connection whose query failed is not reused.
        client.release(failure)
      }
    },
    async runScript(script) {
      const conn = await pool.connect()
      try {
        await conn.query('begin')
        await conn.query(script)
        await conn.query('commit')
      } catch (error) {
        await conn.query('rollback')
        throw error
      } finally {
        conn.release()
      }
    },
    dumpDataDir() {
      return Promise.reject(new Error('dumpDataDir is PGlite only'))
    },
    listen(channel, handlers) {
      return Promise.resolve(listenPostgres(url, channel, handlers))
    },
    async close() {
      await db.destroy()
      // Kysely ends the pool only when it ran a query itself; raw-SQL-only users would leave it open.
      if (!pool.ended) await pool.end()
    },
  }
}
