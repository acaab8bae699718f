// Durable background jobs on pg-boss, the same over PGlite and PostgreSQL.
// Producers call `enqueue(trx, …)` inside their own transaction; the
// composition root starts the runner and each module registers its workers.
export { enqueue, type EnqueueOptions } from './enqueue-job.ts'
export type { JobName } from './job-name.ts'
export {
  startJobs,
  DEFAULT_RETRY,
  type Job,
  type JobHandler,
  type Jobs,
  type JobsLogger,
  type RetryPolicy,
  type ScheduleEntry,
  type StartJobsOptions,
  type WorkOptions,
} from './start-jobs.ts'
