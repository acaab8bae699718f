import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { connect, type DatabaseHandle } from '../db/connect.ts'
import { migrate } from '../db/migrate.ts'

// Test-only. Belongs in src/testing/ once that folder has a shared test database;
// kept here so the jobs and mail tests run on both engines today.

export interface TestDatabase {
  readonly handle: DatabaseHandle
  dispose(): Promise<void>
}

export interface TestEngine {
  readonly name: 'pglite' | 'postgres'
  /** A fresh, migrated database of its own. */
  open(): Promise<TestDatabase>
}

const pglite: TestEngine = {
  name: 'pglite',
  async open() {
    const handle = await connect({ dataDir: 'memory://' })
    await migrate(handle)
    return { handle, dispose: () => handle.close() }
  },
}

/** A database created for the caller on the server at `url`, dropped by `dispose()`. */
function postgres(url: string): TestEngine {
  return {
    name: 'postgres',
    async open() {
      const name = `keel_test_${randomBytes(6).toString('hex')}`
      const admin = new pg.Client({ connectionString: url })
      await admin.connect()
      try {
        await admin.query(`create database ${name}`)
      } finally {
        await admin.end()
      }
      const databaseUrl = new URL(url)
      databaseUrl.pathname = `/${name}`
      const handle = await connect({ databaseUrl: databaseUrl.toString(), poolSize: 4 })
      await migrate(handle)
      return {
        handle,
        async dispose() {
          await handle.close()
          const dropper = new pg.Client({ connectionString: url })
          await dropper.connect()
          try {
            await dropper.query(`drop database if exists ${name} with (force)`)
          } finally {
            await dropper.end()
          }
        },
      }
    },
  }
}

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL names a server. */
export function testEngines(): TestEngine[] {
  const url = process.env.TEST_DATABASE_URL
  return url ? [pglite, postgres(url)] : [pglite]
}

/** Polls `check` until it returns true; fails the test after `timeoutMs`. */
export async function waitFor(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${String(timeoutMs)} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** A logger that keeps quiet unless a test fails loudly on its own. */
export const silentLogger = { info() {}, warn() {}, error() {} }
