import type { Kysely } from 'kysely'
import type { Jobs } from '../../jobs/index.ts'
import { companyToday } from './company-profile.ts'
import { applyDueTerminations } from './employees.ts'
import { runAccessReviewSchedule, runExternalAccessExpiry } from './external-jobs.ts'
import type { OrgDeps } from './org.tables.ts'
import { applyDuePlacements } from './placements.ts'
import { remindExpiringCertifications } from './skills.ts'

/**
 * `org.apply-effective-changes`, hourly: placements and terminations dated in
 * the future take effect on their day, in each company's own time zone.
 * `org.remind-certifications`, daily. Both idempotent, so a missed or
 * repeated run changes nothing it should not.
 */
export async function registerOrgJobs(
  jobs: Jobs,
  db: Kysely<OrgDeps>,
  options: { schedule: boolean; publicUrl: string },
) {
  await jobs.work('org.apply-effective-changes', async () => {
    await runEffectiveChanges(db, new Date())
  })
  if (options.schedule) await jobs.schedule('org.apply-effective-changes', '5 * * * *')
  await jobs.work('org.remind-certifications', async () => {
    await runCertificationReminders(db, new Date())
  })
  if (options.schedule) await jobs.schedule('org.remind-certifications', '30 6 * * *')
  // External staff: access ends with the contract (the request-time gate covers
  // the hour until this runs); sponsors review every account each quarter.
  await jobs.work('org.expire-external-access', async () => {
    await runExternalAccessExpiry(db, new Date())
  })
  if (options.schedule) await jobs.schedule('org.expire-external-access', '10 * * * *')
  await jobs.work('org.start-access-reviews', async () => {
    await runAccessReviewSchedule(db, new Date(), options.publicUrl)
  })
  if (options.schedule) await jobs.schedule('org.start-access-reviews', '0 6 1 1,4,7,10 *')
}

/** `org.remind-certifications`, daily: e-mails about certifications expiring within 30 days, once per expiry date. */
export async function runCertificationReminders(db: Kysely<OrgDeps>, now: Date) {
  const companies = await db.selectFrom('org_certification').select('company_id').distinct().execute()
  let queued = 0
  for (const { company_id: companyId } of companies) {
    const profile = await db
      .selectFrom('org_company_profile')
      .select('time_zone')
      .where('company_id', '=', companyId)
      .executeTakeFirst()
    queued += await remindExpiringCertifications(db, companyId, now, profile?.time_zone ?? 'UTC')
  }
  return queued
}

export async function runEffectiveChanges(db: Kysely<OrgDeps>, now: Date) {
  const companies = await db.selectFrom('org_employee').select('company_id').distinct().execute()
  let placed = 0
  let closed = 0
  for (const { company_id: companyId } of companies) {
    const today = await companyToday(db, companyId, now)
    placed += await applyDuePlacements(db, companyId, today, now)
    closed += (await applyDueTerminations(db, companyId, today, now)).length
  }
  return { placed, closed }
}
