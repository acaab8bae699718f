import { mkdir } from 'node:fs/promises'
import type { Readable, Writable } from 'node:stream'
import type { ParseArgsOptionsConfig } from 'node:util'
import { loadConfig, type Config } from '@keel/server/config'
import { sql } from 'kysely'
import { connect, type ConnectOptions, type DatabaseHandle } from '@keel/server/db/connect'
import { listMigrations } from '@keel/server/db/migrate'

/** A writable the CLI prints to; `isTTY` decides between a live progress bar and plain lines. */
export type OutStream = Writable & { readonly isTTY?: boolean; readonly columns?: number }

/** Everything a command may touch of the outside world: tests pass their own. */
export interface Io {
  readonly stdout: OutStream
  readonly stderr: OutStream
  readonly stdin: Readable & { readonly isTTY?: boolean }
  /** Decides the engine exactly as the server does (`DATABASE_URL`, `KEEL_DATA_DIR`, …). */
  readonly env: Record<string, string | undefined>
  /** Resolves when the user asks a long-running command (`keel start`) to stop. Default: SIGINT/SIGTERM. */
  readonly stopSignal?: Promise<void>
}

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>

export interface Context {
  readonly io: Io
  readonly config: () => Config
  /** Writes one line to stdout. */
  out(line: string): void
  /** Writes one line to stderr. */
  err(line: string): void
  /** Connects to the configured database (creating the PGlite data directory when needed). */
  openDatabase(): Promise<DatabaseHandle>
}

export interface Command {
  /** As typed: `user create`. */
  readonly name: string
  /** One line for `keel --help`. */
  readonly summary: string
  /** The full `--help` text, without the options list's `--help` line. */
  readonly help: string
  readonly options: ParseArgsOptionsConfig
  /** Positional arguments are refused unless this is true. */
  readonly allowPositionals?: boolean
  run(ctx: Context, values: OptionValues, positionals: readonly string[]): Promise<number>
}

/** Bad usage: exit code 2, with a pointer to the command's help. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/** A check or operation that failed for a reason the user can act on: exit code 1, message only. */
export class CliFailure extends Error {
  override readonly name = 'CliFailure'
}

export const EXIT_OK = 0
export const EXIT_FAILED = 1
export const EXIT_USAGE = 2

export function createContext(io: Io): Context {
  let config: Config | undefined
  const getConfig = () => (config ??= loadConfig(io.env))
  return {
    io,
    config: getConfig,
    out: (line) => io.stdout.write(`${line}\n`),
    err: (line) => io.stderr.write(`${line}\n`),
    async openDatabase() {
      const cfg = getConfig()
      if (!cfg.databaseUrl) await mkdir(cfg.dataDir, { recursive: true })
      return openHandle({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir, poolSize: 2 })
    },
  }
}

/**
 * `connect()`, plus one query through Kysely. On PostgreSQL, `handle.close()`
 * ends the pool through Kysely, which does so only once it has run a query;
 * a command that used only `executeSql` would otherwise leave the pool (and
 * the process) alive for the pool's idle timeout.
 */
export async function openHandle(options: ConnectOptions): Promise<DatabaseHandle> {
  const handle = await connect(options)
  await sql`select 1`.execute(handle.db)
  return handle
}

/** Opens the database, runs `work`, and always closes it. */
export async function withDatabase<T>(ctx: Context, work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await ctx.openDatabase()
  try {
    return await work(handle)
  } finally {
    await handle.close()
  }
}

/** Refuses to work on a database whose schema is behind this Keel: `keel migrate` first. */
export async function requireMigrated(handle: DatabaseHandle): Promise<void> {
  const exists = await handle.executeSql("select to_regclass('keel_migration') is not null as ok")
  const applied = new Set<string>()
  if ((exists.rows[0] as { ok: boolean } | undefined)?.ok) {
    const rows = await handle.executeSql('select module, name from keel_migration')
    for (const row of rows.rows as { module: string; name: string }[]) applied.add(`${row.module}/${row.name}`)
  }
  const pending = (await listMigrations()).filter((m) => !applied.has(`${m.module}/${m.name}`))
  if (pending.length > 0) {
    throw new CliFailure(
      `the database schema is not up to date (${String(pending.length)} migration${pending.length === 1 ? '' : 's'} pending): run \`keel migrate\` first`,
    )
  }
}

// Typed reads of parseArgs values.
export function optionalString(values: OptionValues, name: string): string | undefined {
  const value = values[name]
  if (value === undefined) return undefined
  if (typeof value !== 'string') throw new UsageError(`--${name} takes a value`)
  return value
}

export function requiredString(values: OptionValues, name: string): string {
  const value = optionalString(values, name)
  if (value === undefined || value.trim() === '') throw new UsageError(`--${name} is required`)
  return value
}

export function stringList(values: OptionValues, name: string): string[] {
  const value = values[name]
  if (value === undefined) return []
  const list = Array.isArray(value) ? value : [value]
  return list.map((v) => {
    if (typeof v !== 'string') throw new UsageError(`--${name} takes a value`)
    return v
  })
}

export const flag = (values: OptionValues, name: string): boolean => values[name] === true

/** The whole of stdin as a password: one trailing line break is dropped, nothing else. */
export async function readPasswordFromStdin(io: Io): Promise<string> {
  if (io.stdin.isTTY)
    throw new UsageError('--password-stdin reads the password from a pipe, e.g. `printf %s "$PW" | keel …`')
  const chunks: Buffer[] = []
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer))
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
  if (password.length === 0) throw new UsageError('--password-stdin: stdin was empty')
  return password
}

/** A company by its short name, or a failure naming it. */
export async function companyBySlug(
  handle: DatabaseHandle,
  slug: string,
): Promise<{ id: string; name: string; slug: string }> {
  const company = await handle.db
    .selectFrom('identity_company')
    .select(['id', 'name', 'slug'])
    .where('slug', '=', slug)
    .executeTakeFirst()
  if (!company) throw new CliFailure(`no company with the short name "${slug}"`)
  return company
}

/** A user by e-mail (case-insensitive), or a failure naming it. */
export async function userByEmail(
  handle: DatabaseHandle,
  email: string,
): Promise<{ id: string; email: string; display_name: string; status: string }> {
  const normalized = email.trim().toLowerCase()
  const user = await handle.db
    .selectFrom('identity_user')
    .select(['id', 'email', 'display_name', 'status'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', normalized))
    .executeTakeFirst()
  if (!user) throw new CliFailure(`no user with the e-mail address ${normalized}`)
  return user
}
