import type { Kysely } from 'kysely'
import { systemContext } from '../audit/index.ts'
import { companyToday } from './company-profile.ts'
import { expireExternalAccess } from './external-account-status.ts'
import type { OrgDeps } from './org.tables.ts'
import { startDueAccessReviews } from './start-access-review.ts'

/**
 * `org.expire-external-access`, hourly: in every company with active external
 * accounts, those whose firm has no contract running today (the company's
 * date) are expired and their sessions ended. Idempotent.
 */
export async function runExternalAccessExpiry(db: Kysely<OrgDeps>, now: Date) {
  const companies = await db
    .selectFrom('org_external_account')
    .select('company_id')
    .distinct()
    .where('status', '=', 'active')
    .execute()
  const expired: string[] = []
  for (const { company_id: companyId } of companies)
    expired.push(...(await expireExternalAccess(db, companyId, await companyToday(db, companyId, now), now)))
  return expired
}

/**
 * `org.start-access-reviews`, quarterly: a review in every company with
 * active external accounts and none open. Returns how many were opened.
 */
export async function runAccessReviewSchedule(db: Kysely<OrgDeps>, now: Date, publicUrl: string) {
  const companies = await db
    .selectFrom('org_external_account')
    .select('company_id')
    .distinct()
    .where('status', '=', 'active')
    .execute()
  let opened = 0
  for (const { company_id: companyId } of companies) {
    const today = await companyToday(db, companyId, now)
    if (await startDueAccessReviews(db, companyId, today, now, publicUrl, systemContext(companyId))) opened++
  }
  return opened
}
