import { execFileSync, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { connectPostgres } from '../../packages/server/src/db/connect.ts'

export type Engine = 'pglite' | 'postgres'
export const ENGINES: readonly Engine[] = ['pglite', 'postgres']

/** A fresh, empty database for one benchmark run, and how to throw it away. */
export interface ScratchDatabase {
  readonly engine: Engine
  /** What the server child gets: `--database-url …` or `--data-dir …`. */
  readonly serverArgs: readonly string[]
  /**
   * PostgreSQL on this host only: the same database through the server's Unix
   * socket, as a one-host installation connects (no TCP stack on the way).
   */
  readonly socketServerArgs: readonly string[] | null
  readonly description: string
  drop(): Promise<void>
}

export interface EngineOptions {
  /** The PostgreSQL server, without a database name: a `keel_bench_<random>` database is created on it. */
  readonly postgresServerUrl: string
}

export async function scratchDatabase(engine: Engine, options: EngineOptions): Promise<ScratchDatabase> {
  return engine === 'pglite' ? scratchPglite() : scratchPostgres(options.postgresServerUrl)
}

async function scratchPglite(): Promise<ScratchDatabase> {
  // On disk, as Keel runs embedded by default (not memory://).
  const dir = await mkdtemp(path.join(tmpdir(), 'keel-bench-pglite-'))
  return {
    engine: 'pglite',
    serverArgs: ['--data-dir', dir],
    socketServerArgs: null,
    description: 'PGlite, on-disk data directory, in the server process',
    drop: () => rm(dir, { recursive: true, force: true }),
  }
}

async function scratchPostgres(serverUrl: string): Promise<ScratchDatabase> {
  const base = new URL(serverUrl)
  ensurePostgresRunning(base)
  const name = `keel_bench_${randomBytes(6).toString('hex')}`
  const admin = new URL(base)
  admin.pathname = '/postgres'
  const handle = await connectPostgres(admin.toString(), 1)
  let version: string
  try {
    // The name is ours (hex), safe to inline; CREATE DATABASE takes no parameters.
    await handle.executeSql(`create database ${name}`)
    const row = (await handle.executeSql('show server_version')).rows[0] as { server_version?: string } | undefined
    version = row?.server_version ?? ''
  } finally {
    await handle.close()
  }
  const url = new URL(base)
  url.pathname = `/${name}`
  let dropped = false
  return {
    engine: 'postgres',
    serverArgs: ['--database-url', url.toString()],
    socketServerArgs: socketUrl(base, name),
    description: `PostgreSQL ${version} at ${base.host}, database ${name}`,
    async drop() {
      if (dropped) return
      dropped = true
      const again = await connectPostgres(admin.toString(), 1)
      try {
        await again.executeSql(`drop database if exists ${name} with (force)`)
      } finally {
        await again.close()
      }
    },
  }
}

const SOCKET_DIR = '/var/run/postgresql'

function socketUrl(base: URL, database: string): readonly string[] | null {
  if (base.hostname !== '127.0.0.1' && base.hostname !== 'localhost') return null
  const port = base.port || '5432'
  if (!existsSync(path.join(SOCKET_DIR, `.s.PGSQL.${port}`))) return null
  const user = base.username || 'postgres'
  return ['--database-url', `postgresql://${user}@${encodeURIComponent(SOCKET_DIR)}:${port}/${database}`]
}

/** Starts the local Debian cluster when nothing answers on the benchmark's host and port. */
function ensurePostgresRunning(url: URL): void {
  const host = url.hostname || '127.0.0.1'
  const port = url.port || '5432'
  const ready = () => spawnSync('pg_isready', ['-q', '-h', host, '-p', port], { stdio: 'ignore' }).status === 0
  if (ready()) return
  if (host !== '127.0.0.1' && host !== 'localhost')
    throw new Error(`PostgreSQL at ${host}:${port} is not accepting connections`)
  const versions = readdirSync('/etc/postgresql')
  const version = versions.sort().at(-1)
  if (!version) throw new Error('PostgreSQL is not running and no cluster is configured in /etc/postgresql')
  process.stderr.write(`PostgreSQL is not running; starting cluster ${version}/main\n`)
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' })
  for (let i = 0; i < 30 && !ready(); i++) execFileSync('sleep', ['1'])
  if (!ready()) throw new Error(`PostgreSQL did not come up on ${host}:${port}`)
}
