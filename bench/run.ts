// `npm run bench [-- --engine pglite|postgres] [--duration 10] [--warmup 3] [--connections 50] [--only id] [--no-docs]`
// Runs each benchmark, prints its table and writes it into docs/benchmarks.md.
// See docs/benchmarks.md and the "Performance" section of the design.
import { parseArgs } from 'node:util'
import { authenticatedRead } from './authenticated-read.ts'
import { orgDirectory } from './org-directory.ts'
import type { Benchmark, BenchContext } from './lib/benchmark.ts'
import { runCleanups } from './lib/cleanup.ts'
import { updateDocs } from './lib/docs.ts'
import { ENGINES, type Engine } from './lib/engines.ts'
import { describeMachine } from './lib/machine.ts'
import { formatMarkdown, formatText } from './lib/table.ts'

// Later benchmarks (ledger posting, reports) add a line here.
const BENCHMARKS: readonly Benchmark[] = [authenticatedRead, orgDirectory]

const DOCS = new URL('../docs/benchmarks.md', import.meta.url)

const INTRO = `# Benchmarks

Produced by \`npm run bench\` (\`bench/run.ts\`); each section below is rewritten by the run that
measured it. Options: \`--engine pglite|postgres\` (default both), \`--duration <s>\` (default 10),
\`--warmup <s>\` (default 3), \`--connections <n>\` (default 50), \`--only <benchmark id>\`, \`--no-docs\`.
Only a run over both engines with the default duration or longer updates this file.

Every benchmark measures a baseline in the same run — bare Fastify for HTTP — because absolute
numbers on the shared 2-core machines drift by up to 40% between runs: compare the ratios to the
baseline, not the absolute figures across runs. Targets come from
\`reference/performance-targets.md\` (Part C.2) of the design. The servers run on a random
loopback port in a child process; PostgreSQL benchmarks create a fresh \`keel_bench_<random>\`
database on 127.0.0.1:5432 and drop it afterwards; PGlite ones use a temporary data directory.`

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number, got "${raw}"`)
  return value
}

const { values } = parseArgs({
  options: {
    engine: { type: 'string', multiple: true },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string' },
    only: { type: 'string', multiple: true },
    'no-docs': { type: 'boolean', default: false },
    'postgres-url': { type: 'string' },
  },
})

const engines = (values.engine ?? [...ENGINES]).map((e) => {
  if (!ENGINES.includes(e as Engine)) throw new Error(`--engine must be one of ${ENGINES.join(', ')}, got "${e}"`)
  return e as Engine
})
const durationSeconds = positive('duration', values.duration, 10)
const context: BenchContext = {
  engines,
  durationSeconds,
  warmupSeconds: positive('warmup', values.warmup, 3),
  connections: positive('connections', values.connections, 50),
  engineOptions: {
    postgresServerUrl: values['postgres-url'] ?? process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432',
  },
  log: (line) => process.stderr.write(`· ${line}\n`),
}
const selected = values.only ? BENCHMARKS.filter((b) => values.only?.includes(b.id)) : BENCHMARKS
if (selected.length === 0)
  throw new Error(`--only matched no benchmark; there are: ${BENCHMARKS.map((b) => b.id).join(', ')}`)
const writeDocs = !values['no-docs'] && ENGINES.every((e) => engines.includes(e)) && durationSeconds >= 10
const machine = describeMachine()
process.stderr.write(`Machine: ${machine}\n`)

let failed = false
try {
  for (const benchmark of selected) {
    process.stderr.write(`\n${benchmark.title} (${benchmark.id})\n`)
    const report = await benchmark.run(context)
    process.stdout.write(`\n${benchmark.title}\n\n${formatText(report.table)}\n`)
    if (report.errors > 0) {
      failed = true
      process.stdout.write(`\n${String(report.errors)} requests failed: the figures are not valid.\n`)
    }
    process.stdout.write(report.targetsMet ? 'All targets met.\n' : 'Some targets missed.\n')
    if (writeDocs && report.errors === 0) {
      const date = new Date().toISOString().slice(0, 16).replace('T', ' ')
      const command = `npm run bench -- --only ${benchmark.id}${durationSeconds === 10 ? '' : ` --duration ${String(durationSeconds)}`}`
      const section = [
        `## ${benchmark.title}`,
        '',
        `Run ${date} UTC with \`${command}\` on ${machine}.`,
        '',
        formatMarkdown(report.table),
        '',
        ...report.notes.flatMap((n) => [n, '']),
      ].join('\n')
      await updateDocs(DOCS, INTRO, benchmark.id, section)
      process.stderr.write(`Wrote ${DOCS.pathname}\n`)
    }
  }
} catch (error) {
  failed = true
  process.stderr.write(
    `\nbenchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
} finally {
  await runCleanups()
}
process.exitCode = failed ? 1 : 0
