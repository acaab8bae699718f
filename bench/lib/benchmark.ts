import type { Engine, EngineOptions } from './engines.ts'
import type { Table } from './table.ts'

/** What `bench/run.ts` hands every benchmark. */
export interface BenchContext {
  readonly engines: readonly Engine[]
  readonly connections: number
  readonly warmupSeconds: number
  readonly durationSeconds: number
  readonly engineOptions: EngineOptions
  /** Progress for the terminal (stderr), not part of the results. */
  log(line: string): void
}

/** One benchmark's results: a table for the terminal and a section for docs/benchmarks.md. */
export interface BenchReport {
  readonly table: Table
  /** Markdown paragraphs printed under the table in the docs (what was measured, how). */
  readonly notes: readonly string[]
  /** Every target met (pass/fail is informative: `npm run bench` is not a test). */
  readonly targetsMet: boolean
  /** Requests that failed (non-2xx, socket errors): these make the run invalid. */
  readonly errors: number
}

/** A benchmark is a file in bench/ exporting one of these; bench/run.ts lists them. */
export interface Benchmark {
  /** Short id: `--only <id>`, and the section marker in docs/benchmarks.md. */
  readonly id: string
  readonly title: string
  run(context: BenchContext): Promise<BenchReport>
}
