import { conflict, inTransaction, invalidField, isCalendarDate, newId } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import { queueMail } from '../mail/index.ts'
import { getAccessReview } from './access-reviews.ts'
import type { OrgDeps } from './org.tables.ts'

/** Sponsors get two weeks unless told otherwise. */
const DEFAULT_DAYS_TO_DECIDE = 14

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

/** The calendar quarter `today` falls in: the period the review covers. */
function quarterOf(today: string) {
  const year = Number(today.slice(0, 4))
  const firstMonth = Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1
  const start = `${String(year)}-${String(firstMonth).padStart(2, '0')}-01`
  const nextStart =
    firstMonth === 10 ? `${String(year + 1)}-01-01` : `${String(year)}-${String(firstMonth + 3).padStart(2, '0')}-01`
  return { start, end: addDays(nextStart, -1) }
}

/**
 * Opens an access review: one item per active external account, assigned to
 * its sponsor, and one e-mail per sponsor listing whom they answer for. One
 * review is open at a time; it closes when its last item is decided.
 */
export async function startAccessReview(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  input: { dueDate?: string | undefined },
  today: string,
  now: Date,
  /** Where the e-mails link to; null sends none (the demo data is seeded before the mail queue exists). */
  mail: { publicUrl: string } | null,
) {
  const dueDate = input.dueDate ?? addDays(today, DEFAULT_DAYS_TO_DECIDE)
  if (!isCalendarDate(dueDate) || dueDate < today)
    throw invalidField('org.invalid_due_date', '/body/dueDate', 'The due date is a calendar date, today or later.')
  return inTransaction(db, async (trx) => {
    const open = await trx
      .selectFrom('org_access_review')
      .select('id')
      .where('company_id', '=', context.companyId)
      .where('closed_at', 'is', null)
      .executeTakeFirst()
    if (open) throw conflict('org.access_review_open', 'An access review is still open; finish it first.')
    const accounts = await trx
      .selectFrom('org_external_account as a')
      .innerJoin('identity_user as u', 'u.id', 'a.user_id')
      .innerJoin('org_external_firm as f', (join) =>
        join.onRef('f.company_id', '=', 'a.company_id').onRef('f.id', '=', 'a.firm_id'),
      )
      .select(['a.id', 'a.sponsor_employee_id', 'u.display_name', 'u.email', 'f.name as firm_name'])
      .where('a.company_id', '=', context.companyId)
      .where('a.status', '=', 'active')
      .orderBy('f.name')
      .orderBy('u.display_name')
      .execute()
    if (accounts.length === 0)
      throw conflict('org.no_external_accounts', 'There are no active external accounts to review.')
    const id = newId()
    const period = quarterOf(today)
    await trx
      .insertInto('org_access_review')
      .values({
        company_id: context.companyId,
        id,
        period_start: period.start,
        period_end: period.end,
        due_date: dueDate,
        started_by: context.actorId,
        created_at: now,
      })
      .execute()
    await trx
      .insertInto('org_access_review_item')
      .values(
        accounts.map((a) => ({
          company_id: context.companyId,
          id: newId(),
          review_id: id,
          account_id: a.id,
          sponsor_employee_id: a.sponsor_employee_id,
        })),
      )
      .execute()
    if (mail) await mailSponsors(trx, context.companyId, accounts, dueDate, mail.publicUrl)
    await recordAudit(trx, context, {
      action: 'org.access_review.started',
      entityType: 'access_review',
      entityId: id,
      changes: {
        dueDate: { before: null, after: dueDate },
        accountIds: { before: null, after: accounts.map((a) => a.id).sort() },
      },
    })
    return getAccessReview(trx, context.companyId, id, today)
  })
}

/** One e-mail per sponsor (to their work e-mail, else their sign-in e-mail), queued in the same transaction. */
async function mailSponsors(
  db: Kysely<OrgDeps>,
  companyId: string,
  accounts: readonly { sponsor_employee_id: string; display_name: string; email: string; firm_name: string }[],
  dueDate: string,
  publicUrl: string,
) {
  const sponsorIds = [...new Set(accounts.map((a) => a.sponsor_employee_id))]
  const sponsors = await db
    .selectFrom('org_employee as e')
    .leftJoin('identity_user as u', 'u.id', 'e.user_id')
    .select(['e.id', 'e.legal_name', 'e.preferred_name', 'e.work_email', 'u.email'])
    .where('e.company_id', '=', companyId)
    .where('e.id', 'in', sponsorIds)
    .execute()
  for (const sponsor of sponsors) {
    const to = sponsor.work_email ?? sponsor.email
    if (!to) continue
    const theirs = accounts.filter((a) => a.sponsor_employee_id === sponsor.id)
    await queueMail(db, {
      companyId,
      to,
      subject: `Access review: confirm or revoke ${String(theirs.length)} external account${theirs.length === 1 ? '' : 's'} by ${dueDate}`,
      text: [
        `Hello ${sponsor.preferred_name ?? sponsor.legal_name},`,
        '',
        `You sponsor these external accounts. Please confirm that each still needs access, or revoke it, by ${dueDate}:`,
        '',
        ...theirs.map((a) => `- ${a.display_name} <${a.email}> (${a.firm_name})`),
        '',
        `${publicUrl}/access-reviews`,
      ].join('\n'),
    })
  }
}

/**
 * `org.start-access-reviews`, quarterly: opens a review in each company that
 * has active external accounts and no review open. Returns the reviews opened.
 */
export async function startDueAccessReviews(
  db: Kysely<OrgDeps>,
  companyId: string,
  today: string,
  now: Date,
  publicUrl: string,
  context: AuditContext,
) {
  const open = await db
    .selectFrom('org_access_review')
    .select('id')
    .where('company_id', '=', companyId)
    .where('closed_at', 'is', null)
    .executeTakeFirst()
  const active = await db
    .selectFrom('org_external_account')
    .select('id')
    .where('company_id', '=', companyId)
    .where('status', '=', 'active')
    .executeTakeFirst()
  if (open || !active) return null
  return startAccessReview(db, context, {}, today, now, { publicUrl })
}
