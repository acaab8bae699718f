import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { access, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import pg from 'pg'
import { connectPglite, type DatabaseHandle } from '@keel/server/db/connect'
import { migrate } from '@keel/server/db/migrate'
import { openHandle } from '../command.ts'
import { run } from '../main.ts'

export interface CliResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs `keel <argv>` in-process with the given environment and stdin. */
export async function runCli(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  stdin = '',
): Promise<CliResult> {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  const out: Buffer[] = []
  const err: Buffer[] = []
  stdout.on('data', (chunk: Buffer) => out.push(chunk))
  stderr.on('data', (chunk: Buffer) => err.push(chunk))
  const code = await run(argv, { stdout, stderr, stdin: Readable.from(stdin === '' ? [] : [Buffer.from(stdin)]), env })
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }
}

export type Engine = 'pglite' | 'postgres'

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set. */
export const engines = (): Engine[] => (process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'])

/** One Keel installation for a test: the environment that points the CLI at it. */
export interface Installation {
  readonly engine: Engine
  readonly env: Record<string, string>
  /** Opens the installation's database directly (close it before the next CLI run on PGlite). */
  open(): Promise<DatabaseHandle>
  destroy(): Promise<void>
}

// PGlite syncs every query to its data directory (relaxedDurability off); on
// tmpfs that costs nothing, so tests put their data directories there when they can.
async function scratchDir(): Promise<string> {
  try {
    await access('/dev/shm', constants.W_OK)
    return '/dev/shm'
  } catch {
    return tmpdir()
  }
}

// Creating a file-backed PGlite cluster takes seconds; loading a dumped one is
// much faster, so each test file makes its templates once, in memory.
let emptyTemplate: Promise<Blob> | undefined
let migratedTemplate: Promise<Blob> | undefined

async function dumpOf(prepare: (handle: DatabaseHandle) => Promise<void>): Promise<Blob> {
  const handle = await connectPglite('memory://')
  try {
    await prepare(handle)
    return await handle.dumpDataDir()
  } finally {
    await handle.close()
  }
}

const withDatabase = (url: string, database: string) => {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

/**
 * A fresh installation on the engine: empty, or with the schema migrated. On
 * PostgreSQL a new database `keel_cli_<random>` on the TEST_DATABASE_URL server,
 * dropped by `destroy()`; no other database there is touched.
 */
export async function anInstallation(engine: Engine, state: 'empty' | 'migrated' = 'migrated'): Promise<Installation> {
  if (engine === 'pglite') {
    const root = await mkdtemp(path.join(await scratchDir(), 'keel-cli-'))
    const dataDir = path.join(root, 'data')
    const template =
      state === 'empty'
        ? (emptyTemplate ??= dumpOf(async () => undefined))
        : (migratedTemplate ??= dumpOf(async (h) => {
            await migrate(h)
          }))
    await mkdir(dataDir)
    const seeded = await connectPglite(dataDir, await template)
    await seeded.close()
    return {
      engine,
      env: { KEEL_DATA_DIR: dataDir },
      open: () => connectPglite(dataDir),
      destroy: () => rm(root, { recursive: true, force: true }),
    }
  }
  const server = process.env.TEST_DATABASE_URL
  if (!server) throw new Error('PostgreSQL installations need TEST_DATABASE_URL')
  const name = `keel_cli_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: server })
  await admin.connect()
  try {
    await admin.query(`create database ${name}`)
  } finally {
    await admin.end()
  }
  const url = withDatabase(server, name)
  if (state === 'migrated') {
    const handle = await openHandle({ databaseUrl: url, poolSize: 1 })
    try {
      await migrate(handle)
    } finally {
      await handle.close()
    }
  }
  return {
    engine,
    env: { DATABASE_URL: url },
    open: () => openHandle({ databaseUrl: url, poolSize: 2 }),
    async destroy() {
      const cleaner = new pg.Client({ connectionString: server })
      await cleaner.connect()
      try {
        // pg's Pool.end() resolves before its sockets have closed: forcing the drop at once
        // would kill connections that are closing anyway, and their clients throw. Without
        // force, PostgreSQL waits (up to 5 s) for them to go; force only if something still holds on.
        try {
          await cleaner.query(`drop database if exists ${name}`)
        } catch (error) {
          if ((error as { code?: string }).code !== '55006') throw error
          await cleaner.query(`drop database if exists ${name} with (force)`)
        }
      } finally {
        await cleaner.end()
      }
    },
  }
}

/** Opens the installation's database, runs `work`, closes it. */
export async function inDatabase<T>(install: Installation, work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await install.open()
  try {
    return await work(handle)
  } finally {
    await handle.close()
  }
}

export const A_PASSWORD = 'Keel-cli-test-passphrase-42'
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
