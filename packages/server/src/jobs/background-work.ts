import type { Config } from '../config.ts'
import type { DatabaseHandle } from '../db/connect.ts'
import { identityDb, purgeExpiredSessions } from '../modules/identity/index.ts'
import { intranetDb, registerIntranetJobs } from '../modules/intranet/index.ts'
import { registerMailJobs } from '../modules/mail/index.ts'
import { orgDb, registerOrgJobs } from '../modules/org/index.ts'
import { startJobs, type Jobs, type JobsLogger } from './start-jobs.ts'

/**
 * Starts the job runner and registers every module's workers and schedules.
 * With `KEEL_RUN_JOBS=false` (a web-only process) the queues still exist, so
 * requests can enqueue, but nothing runs here.
 */
export async function startBackgroundWork(
  handle: DatabaseHandle,
  config: Config,
  logger: JobsLogger,
  options: { pollingIntervalSeconds?: number } = {},
): Promise<Jobs> {
  const jobs = await startJobs(handle, { logger, workers: config.runJobs, schedules: config.runJobs, ...options })
  await registerMailJobs(jobs, handle.db, { smtp: config.smtp, from: config.mailFrom })
  await jobs.work('identity.purge-sessions', async () => {
    const purged = await purgeExpiredSessions(
      identityDb(handle.db),
      { idleTimeoutMs: config.sessionIdleTimeoutMs, absoluteTimeoutMs: config.sessionAbsoluteTimeoutMs },
      new Date(),
    )
    logger.info(purged, 'purged expired sessions')
  })
  if (config.runJobs) await jobs.schedule('identity.purge-sessions', '17 * * * *')
  await registerOrgJobs(jobs, orgDb(handle.db), { schedule: config.runJobs, publicUrl: config.publicUrl })
  await registerIntranetJobs(jobs, intranetDb(handle.db), { schedule: config.runJobs })
  return jobs
}
