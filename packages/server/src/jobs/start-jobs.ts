import { PgBoss, type JobResult, type JobWithMetadata, type Queue } from 'pg-boss'
import type { SqlHandle } from '../db/sql-handle.ts'
import { handleDatabase } from './job-database.ts'
import { assertJobName, type JobName } from './job-name.ts'

/** The subset of a pino logger the runner writes to. */
export interface JobsLogger {
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}

/** How a failed job is retried: `delaySeconds`, doubled (with jitter) per attempt when `backoff`, capped at `maxDelaySeconds`. */
export interface RetryPolicy {
  readonly limit: number
  readonly delaySeconds: number
  readonly backoff: boolean
  readonly maxDelaySeconds: number
}

// Six retries doubling from 30 s span about half an hour: long enough to ride
// out an SMTP server or webhook receiver restarting, short enough to be noticed.
export const DEFAULT_RETRY: RetryPolicy = { limit: 6, delaySeconds: 30, backoff: true, maxDelaySeconds: 3600 }

export interface StartJobsOptions {
  readonly logger: JobsLogger
  /** Fire cron schedules from this process. Default true. */
  readonly schedules?: boolean
  /**
   * Run handlers in this process. Default true. With false, `work()` only
   * creates the queue, so `enqueue()` still works (KEEL_RUN_JOBS=false).
   */
  readonly workers?: boolean
  /** How often an idle worker looks for jobs. Default 2, pg-boss's minimum is 0.5. */
  readonly pollingIntervalSeconds?: number
  /** Retry defaults for every queue. */
  readonly retry?: Partial<RetryPolicy>
  /** How long `stop()` waits for running handlers. Default 10 s. */
  readonly stopTimeoutMs?: number
}

export interface Job<T> {
  readonly id: string
  readonly name: string
  readonly data: T
  /** 0 on the first attempt. */
  readonly retryCount: number
  readonly retryLimit: number
  /** True when a failure now is final: the handler may record it as such. */
  readonly lastAttempt: boolean
  /** Aborted when the job expires or the runner stops. */
  readonly signal: AbortSignal
}

/** Throwing fails this attempt of this job; pg-boss retries it by the queue's retry policy. */
export type JobHandler<T> = (job: Job<T>) => Promise<void>

export interface WorkOptions {
  readonly pollingIntervalSeconds?: number
  /** Workers of this queue in this process, each running one job at a time. Default 1. */
  readonly concurrency?: number
  /** Jobs a worker claims per fetch and runs one after another. Default 10. */
  readonly batchSize?: number
  /** Overrides the runner's retry defaults for this queue. */
  readonly retry?: Partial<RetryPolicy>
  /** An attempt running longer than this is failed (and retried). Default 15 min. */
  readonly expireInSeconds?: number
}

export interface ScheduleEntry {
  readonly name: string
  readonly cron: string
  readonly timezone: string
  readonly data: unknown
}

export interface Jobs {
  /** Creates the queue (with the retry policy) and, unless workers are off, runs `handler` for its jobs. */
  work<T>(name: JobName, handler: JobHandler<T>, options?: WorkOptions): Promise<void>
  /** Creates or replaces the cron schedule of a queue (UTC); each tick enqueues one job with `data`. */
  schedule(name: JobName, cron: string, data?: object): Promise<void>
  listSchedules(): Promise<ScheduleEntry[]>
  /** Stops polling and cron, waits for running handlers; call before closing the database. */
  stop(): Promise<void>
}

/**
 * Starts pg-boss over Keel's database handle (PGlite or PostgreSQL, the same
 * way): installs or upgrades its `pgboss` schema on first start, then polls.
 */
export async function startJobs(handle: SqlHandle, options: StartJobsOptions): Promise<Jobs> {
  const { logger } = options
  const runWorkers = options.workers ?? true
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2
  const defaults: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry }
  const boss = new PgBoss({
    db: handleDatabase(handle),
    ...(handle.kind === 'pglite' ? { backend: 'pglite' as const } : {}),
    schedule: options.schedules ?? true,
  })
  // An EventEmitter 'error' with no listener would crash the process.
  boss.on('error', (error) => {
    logger.error({ err: error }, 'jobs: pg-boss error')
  })
  boss.on('warning', (warning) => {
    logger.warn({ warning }, 'jobs: pg-boss warning')
  })
  await boss.start()

  async function ensureQueue(name: JobName, retry: Partial<RetryPolicy> | undefined, expireInSeconds?: number) {
    assertJobName(name)
    const policy: RetryPolicy = { ...defaults, ...retry }
    const settings: Omit<Queue, 'name'> = {
      retryLimit: policy.limit,
      retryDelay: policy.delaySeconds,
      retryBackoff: policy.backoff,
      ...(policy.backoff ? { retryDelayMax: policy.maxDelaySeconds } : {}),
      ...(expireInSeconds === undefined ? {} : { expireInSeconds }),
    }
    // createQueue leaves an existing queue as it is; updating it too lets a
    // changed retry policy reach databases that already have the queue.
    await boss.createQueue(name, settings)
    await boss.updateQueue(name, settings)
  }

  return {
    async work<T>(name: JobName, handler: JobHandler<T>, workOptions: WorkOptions = {}) {
      await ensureQueue(name, workOptions.retry, workOptions.expireInSeconds)
      if (!runWorkers) return
      await boss.work(
        name,
        {
          includeMetadata: true,
          // Up to `batchSize` jobs per fetch, fetched again at once while fetches come
          // back full: a backlog drains at handler speed, not one job per poll.
          batchSize: workOptions.batchSize ?? 10,
          burstWhenBatchFull: true,
          // One job's failure fails (and retries) that job alone, not its batch.
          perJobResults: true,
          pollingIntervalSeconds: workOptions.pollingIntervalSeconds ?? pollingIntervalSeconds,
          localConcurrency: workOptions.concurrency ?? 1,
        },
        async (batch: JobWithMetadata<T>[]) => {
          const results: JobResult[] = []
          for (const raw of batch) {
            const job: Job<T> = {
              id: raw.id,
              name: raw.name,
              data: raw.data,
              retryCount: raw.retryCount,
              retryLimit: raw.retryLimit,
              lastAttempt: raw.retryCount >= raw.retryLimit,
              signal: raw.signal,
            }
            try {
              await handler(job)
              results.push({ id: job.id, status: 'completed' })
            } catch (error) {
              const log = job.lastAttempt ? logger.error.bind(logger) : logger.warn.bind(logger)
              log({ err: error, jobId: job.id, job: name, retryCount: job.retryCount }, `jobs: ${name} failed`)
              const message = error instanceof Error ? error.message : String(error)
              results.push({ id: job.id, status: 'failed', output: { message } })
            }
          }
          return results
        },
      )
    },

    async schedule(name: JobName, cron: string, data?: object) {
      await ensureQueue(name, undefined)
      await boss.schedule(name, cron, data ?? null, { tz: 'UTC' })
    },

    async listSchedules() {
      const schedules = await boss.getSchedules()
      return schedules.map((s) => ({ name: s.name, cron: s.cron, timezone: s.timezone, data: s.data }))
    },

    async stop() {
      // close: false — the connection is the handle's; its owner closes it.
      await boss.stop({ close: false, graceful: true, timeout: options.stopTimeoutMs ?? 10_000 })
    },
  }
}
