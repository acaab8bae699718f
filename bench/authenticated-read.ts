// Benchmark 1: an authenticated single-record read under 50 concurrent
// connections. `GET /api/v1/identity/users/:id` with a session cookie loads the
// session, the caller's grants and the record — the path every read takes.
// Target (reference/performance-targets.md, C.2): p99 ≤ 20 ms on PostgreSQL,
// ≤ 50 ms on PGlite, beside bare Fastify measured in the same run.
import type { DatabaseHandle } from '../packages/server/src/db/connect.ts'
import { createCompany, createUser, identityDb } from '../packages/server/src/modules/identity/index.ts'
import type { Benchmark, BenchContext, BenchReport } from './lib/benchmark.ts'
import type { Engine } from './lib/engines.ts'
import { signIn } from './lib/keel-session.ts'
import { runLoad, type LoadResult } from './lib/load.ts'
import { startBare, startKeel } from './lib/servers.ts'
import { fmtMs, fmtRate, fmtRatio, type Table } from './lib/table.ts'

const PASSWORD = 'Bench-passphrase-for-keel-42'
const P99_TARGET_MS: Readonly<Record<Engine, number>> = { postgres: 20, pglite: 50 }

export interface Fixture {
  readonly email: string
  readonly password: string
  /** The record read under load: another user of the admin's company. */
  readonly userId: string
}

/** Runs inside the server process (see serve-keel.ts): one company, its admin, and a colleague to read. */
export async function seed(handle: DatabaseHandle): Promise<Fixture> {
  const db = identityDb(handle.db)
  const system = { actorId: null, actorKind: 'system' as const, requestId: null }
  const company = await createCompany(db, { name: 'Bench Ltd', slug: 'bench' }, system)
  const context = { ...system, companyId: company.id }
  const adminRole = company.roleIds.admin
  const employeeRole = company.roleIds.employee
  if (!adminRole || !employeeRole) throw new Error('built-in roles admin and employee are missing')
  const email = 'admin@bench.test'
  await createUser(db, context, { email, displayName: 'Ada Admin', password: PASSWORD, roleIds: [adminRole] })
  const { userId } = await createUser(db, context, {
    email: 'eve@bench.test',
    displayName: 'Eve Employee',
    password: PASSWORD,
    roleIds: [employeeRole],
  })
  return { email, password: PASSWORD, userId }
}

/** One request before the load: the route answers 200 with the record, so the load measures the real path. */
async function checkOnce(url: string, headers: Record<string, string>, expectId: string): Promise<void> {
  const response = await fetch(url, { headers })
  const body = (await response.json()) as { id?: string }
  if (response.status !== 200 || body.id !== expectId)
    throw new Error(`GET ${url} answered ${String(response.status)}: ${JSON.stringify(body)}`)
}

interface Measured {
  readonly label: string
  readonly engine: Engine | null
  readonly result: LoadResult
}

async function measure(context: BenchContext, url: string, headers: Record<string, string>): Promise<LoadResult> {
  return runLoad({
    url,
    headers,
    connections: context.connections,
    warmupSeconds: context.warmupSeconds,
    durationSeconds: context.durationSeconds,
  })
}

export const authenticatedRead: Benchmark = {
  id: 'authenticated-read',
  title: 'Authenticated single-record read',
  async run(context: BenchContext): Promise<BenchReport> {
    const measured: Measured[] = []
    const descriptions: string[] = []

    context.log('bare Fastify: starting')
    const bare = await startBare()
    try {
      context.log(`bare Fastify: ${String(context.warmupSeconds)} s warm-up, ${String(context.durationSeconds)} s load`)
      measured.push({
        label: 'bare Fastify',
        engine: null,
        result: await measure(context, `${bare.url}${bare.fixture.path}`, {}),
      })
    } finally {
      await bare.stop()
    }

    type Run = { engine: Engine; via: 'tcp' | 'socket' }
    const runs = context.engines.flatMap((engine): Run[] =>
      engine === 'postgres'
        ? [
            { engine, via: 'tcp' },
            { engine, via: 'socket' },
          ]
        : [{ engine, via: 'tcp' }],
    )
    for (const { engine, via } of runs) {
      const name = engine === 'pglite' ? 'PGlite' : via === 'socket' ? 'PostgreSQL (Unix socket)' : 'PostgreSQL (TCP)'
      context.log(`${name}: creating a database, migrating, seeding`)
      const keel = await startKeel<Fixture>(engine, new URL(import.meta.url), context.engineOptions, via)
      if (!keel) {
        context.log(`${name}: no Unix socket on this host, skipped`)
        continue
      }
      try {
        descriptions.push(keel.description)
        const cookie = await signIn(keel.url, keel.fixture)
        const url = `${keel.url}/api/v1/identity/users/${keel.fixture.userId}`
        const headers = { cookie }
        await checkOnce(url, headers, keel.fixture.userId)
        context.log(`${name}: ${String(context.warmupSeconds)} s warm-up, ${String(context.durationSeconds)} s load`)
        measured.push({ label: `Keel on ${name}`, engine, result: await measure(context, url, headers) })
      } finally {
        await keel.stop()
      }
    }

    const baseline = measured[0]?.result
    let targetsMet = true
    const rows = measured.map(({ label, engine, result }) => {
      const target = engine ? P99_TARGET_MS[engine] : null
      const pass = target === null ? null : result.errors === 0 && result.p99Ms <= target
      if (pass === false) targetsMet = false
      return [
        label,
        fmtRate(result.requestsPerSecond),
        fmtMs(result.p50Ms),
        fmtMs(result.p90Ms),
        fmtMs(result.p99Ms),
        fmtMs(result.maxMs),
        String(result.errors),
        baseline ? fmtRatio(result.p99Ms / baseline.p99Ms) : '–',
        baseline ? fmtRatio(result.requestsPerSecond / baseline.requestsPerSecond) : '–',
        target === null ? 'baseline' : `p99 ≤ ${String(target)} ms`,
        pass === null ? '' : pass ? 'pass' : 'FAIL',
      ]
    })
    const table: Table = {
      columns: [
        { title: 'server', align: 'left' },
        { title: 'req/s' },
        { title: 'p50 ms' },
        { title: 'p90 ms' },
        { title: 'p99 ms' },
        { title: 'max ms' },
        { title: 'errors' },
        { title: 'p99 vs bare' },
        { title: 'req/s vs bare' },
        { title: 'target', align: 'left' },
        { title: 'result', align: 'left' },
      ],
      rows,
    }
    return {
      table,
      targetsMet,
      errors: measured.reduce((sum, m) => sum + m.result.errors, 0),
      notes: [
        `\`GET /api/v1/identity/users/:id\` with a \`keel_session\` cookie: each request takes the session with its user, membership and grants from the process's session cache (kept until a change notifies \`keel_access_changed\`; re-read every 15 s), checks the permission, and reads the user with their roles in one query. On PostgreSQL that query runs on a connection bound to the company for row-level security (bound once per connection, not per request) as a prepared statement; on PGlite it is a prepared statement too (db/pglite-prepared.ts: parsed and planned once, then only bound and executed, in one call into the engine); a read opens no transaction. ` +
          `${String(context.connections)} keep-alive connections (autocannon, closed loop), ${String(context.warmupSeconds)} s warm-up discarded, then ${String(context.durationSeconds)} s measured; latencies of 2xx responses, sub-millisecond. ` +
          'Each server runs alone in its own child process on a random loopback port (the load generator is the runner process); request logging is off. ' +
          'The session was created just before the run, so `last_seen_at` is not rewritten during it (at most once a minute): the load is read-only.',
        `Databases: ${descriptions.join('; ')}; the PostgreSQL pool has Keel's default size (10). Bare Fastify answers the same path with a fixed JSON record from memory.`,
        'Targets (reference/performance-targets.md, C.2): p99 ≤ 20 ms on PostgreSQL, ≤ 50 ms on PGlite (stretch 10 / 35 ms). "vs bare" is Keel ÷ bare Fastify from this run.',
      ],
    }
  },
}
