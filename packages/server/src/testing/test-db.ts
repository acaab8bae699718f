import { randomBytes } from 'node:crypto'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { inject } from 'vitest'
import { loadConfig } from '../config.ts'
import { connect, connectPglite, type DatabaseHandle } from '../db/connect.ts'
import { migrate } from '../db/migrate.ts'
import { startBackgroundWork } from '../jobs/background-work.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data directory, dumped once by the global setup. */
    pgliteTemplatePath: string | undefined
  }
}

// On PGlite the global setup migrates once per run and dumps the data
// directory to a file; every test copies it into a fresh in-memory database.
// Migrating takes seconds, loading the dump a fraction of one.
let template: Promise<Blob> | undefined

/** Migrations, plus pg-boss's schema and every queue, so tests can enqueue at once. */
async function prepare(handle: DatabaseHandle): Promise<void> {
  await migrate(handle)
  const silent = { info: () => undefined, warn: () => undefined, error: () => undefined }
  const jobs = await startBackgroundWork(handle, loadConfig({ KEEL_RUN_JOBS: 'false' }), silent)
  await jobs.stop()
}

async function migratedTemplate(): Promise<Blob> {
  const handle = await connectPglite('memory://')
  await prepare(handle)
  const dump = await handle.dumpDataDir()
  await handle.close()
  return dump
}

async function loadTemplate(): Promise<Blob> {
  const path = inject('pgliteTemplatePath')
  // Without the global setup (a test run by other means) migrate here instead.
  if (!path) return migratedTemplate()
  return new Blob([await readFile(path)])
}

/** Global setup on PGlite: migrate once and dump to a file; returns its path and a clean-up. */
export async function preparePgliteTemplateFile(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = join(tmpdir(), `keel-test-template-${process.pid}-${randomBytes(4).toString('hex')}.tar`)
  const dump = await migratedTemplate()
  await writeFile(path, new Uint8Array(await dump.arrayBuffer()))
  return { path, remove: () => rm(path, { force: true }) }
}

export const TEMPLATE_DB = 'keel_test_template'

/** The PostgreSQL server under test, when TEST_DATABASE_URL is set; else PGlite. */
export const testDatabaseUrl = (): string | undefined => process.env.TEST_DATABASE_URL || undefined

const withDatabase = (url: string, database: string) => {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

/**
 * A fresh, fully migrated database for one test: an in-memory PGlite copied
 * from a migrated template, or on PostgreSQL a new database made from the
 * template database that the global setup migrated. Nothing is shared.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const url = testDatabaseUrl()
  if (!url) {
    template ??= loadTemplate()
    return connectPglite('memory://', await template)
  }
  const name = `keel_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    // Two copies of one template cannot start at the same instant, and the
    // global setup's connection may still be closing: wait and try again.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${TEMPLATE_DB}`)
        break
      } catch (error) {
        if (attempt >= 40 || !String(error).includes('is being accessed by other users')) throw error
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200))
      }
    }
  } finally {
    await admin.end()
  }
  const handle = await connect({ databaseUrl: withDatabase(url, name), poolSize: 5 })
  return {
    ...handle,
    async close() {
      await handle.close()
      const cleaner = new pg.Client({ connectionString: url })
      await cleaner.connect()
      try {
        // Closed sockets linger for a moment; a forced drop would kill them mid-goodbye.
        for (let attempt = 1; ; attempt++) {
          try {
            await cleaner.query(
              attempt < 20 ? `drop database if exists ${name}` : `drop database if exists ${name} with (force)`,
            )
            break
          } catch (error) {
            if (attempt >= 20 || !String(error).includes('is being accessed by other users')) throw error
            await new Promise((resolve) => setTimeout(resolve, 50))
          }
        }
      } finally {
        await cleaner.end()
      }
    },
  }
}

/** Global setup on PostgreSQL: a migrated template database the tests copy. */
export async function prepareTemplateDatabase(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`)
    await admin.query(`create database ${TEMPLATE_DB}`)
  } finally {
    await admin.end()
  }
  const handle = await connect({ databaseUrl: withDatabase(url, TEMPLATE_DB), poolSize: 1 })
  try {
    await prepare(handle)
  } finally {
    await handle.close()
  }
}
