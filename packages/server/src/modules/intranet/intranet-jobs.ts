import type { Kysely } from 'kysely'
import type { Jobs } from '../../jobs/index.ts'
import type { IntranetDeps } from './intranet.tables.ts'
import { remindUnacknowledged } from './remind-unacknowledged.ts'

/**
 * `intranet.remind-unacknowledged`, daily: reminds people of announcements
 * and policy versions they still have to acknowledge. Idempotent within the
 * reminder interval, so a repeated run sends nothing twice.
 */
export async function registerIntranetJobs(jobs: Jobs, db: Kysely<IntranetDeps>, options: { schedule: boolean }) {
  await jobs.work('intranet.remind-unacknowledged', async () => {
    await runIntranetReminders(db, new Date())
  })
  if (options.schedule) await jobs.schedule('intranet.remind-unacknowledged', '45 7 * * *')
}

/** Every company with something to acknowledge, one transaction each. Returns the e-mails queued. */
export async function runIntranetReminders(db: Kysely<IntranetDeps>, now: Date) {
  const companies = await db
    .selectFrom('intranet_announcement')
    .select('company_id')
    .where('requires_acknowledgement', '=', true)
    .union(db.selectFrom('intranet_policy').select('company_id'))
    .execute()
  let queued = 0
  for (const { company_id: companyId } of companies) queued += await remindUnacknowledged(db, companyId, now)
  return queued
}
