import { conflict, inTransaction, invalidField, newId, notFound } from '@keel/kernel'
import { sql, type Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import { identityDb, inviteUser, markExternalMember } from '../identity/index.ts'
import { assertVersion } from './org-errors.ts'
import type { OrgDeps } from './org.tables.ts'

/** Keyset position in the account list: display name, then id. */
export interface AccountCursor {
  readonly name: string
  readonly id: string
}
export const isAccountCursor = (v: unknown): v is AccountCursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { name?: unknown }).name === 'string' &&
  typeof (v as { id?: unknown }).id === 'string'

function accountQuery(db: Kysely<OrgDeps>, companyId: string) {
  return db
    .selectFrom('org_external_account as a')
    .innerJoin('org_external_firm as f', (join) =>
      join.onRef('f.company_id', '=', 'a.company_id').onRef('f.id', '=', 'a.firm_id'),
    )
    .innerJoin('org_employee as s', (join) =>
      join.onRef('s.company_id', '=', 'a.company_id').onRef('s.id', '=', 'a.sponsor_employee_id'),
    )
    .innerJoin('identity_user as u', 'u.id', 'a.user_id')
    .innerJoin('identity_membership as m', (join) =>
      join.onRef('m.company_id', '=', 'a.company_id').onRef('m.user_id', '=', 'a.user_id'),
    )
    .select([
      'a.id',
      'a.user_id',
      'a.status',
      'a.ended_at',
      'a.end_reason',
      'a.last_reviewed_at',
      'a.created_at',
      'a.version',
      'a.firm_id',
      'f.name as firm_name',
      'a.sponsor_employee_id',
      sql<string>`coalesce(s.preferred_name, s.legal_name)`.as('sponsor_name'),
      'u.email',
      'u.display_name',
      'u.status as user_status',
      'm.status as membership_status',
    ])
    .where('a.company_id', '=', companyId)
}
type AccountRow = Awaited<ReturnType<ReturnType<typeof accountQuery>['executeTakeFirstOrThrow']>>

const toAccount = (r: AccountRow) => ({
  id: r.id,
  userId: r.user_id,
  email: r.email,
  displayName: r.display_name,
  signInStatus: r.membership_status === 'deactivated' ? ('deactivated' as const) : r.user_status,
  firm: { id: r.firm_id, name: r.firm_name },
  sponsor: { id: r.sponsor_employee_id, name: r.sponsor_name },
  status: r.status,
  endedAt: r.ended_at?.toISOString() ?? null,
  endReason: r.end_reason,
  lastReviewedAt: r.last_reviewed_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
  version: r.version,
})

export async function getExternalAccount(db: Kysely<OrgDeps>, companyId: string, id: string) {
  const row = await accountQuery(db, companyId).where('a.id', '=', id).executeTakeFirst()
  if (!row) throw notFound('org.external_account_not_found', 'No such external account.')
  return toAccount(row)
}

export async function listExternalAccounts(
  db: Kysely<OrgDeps>,
  companyId: string,
  filter: {
    firmId?: string | undefined
    sponsorEmployeeId?: string | undefined
    status?: 'active' | 'expired' | 'revoked' | undefined
  },
  page: { after: AccountCursor | null; limit: number },
) {
  let query = accountQuery(db, companyId)
  if (filter.firmId) query = query.where('a.firm_id', '=', filter.firmId)
  if (filter.sponsorEmployeeId) query = query.where('a.sponsor_employee_id', '=', filter.sponsorEmployeeId)
  if (filter.status) query = query.where('a.status', '=', filter.status)
  const { after } = page
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('u.display_name', '>', after.name),
        eb.and([eb('u.display_name', '=', after.name), eb('a.id', '>', after.id)]),
      ]),
    )
  const rows = await query
    .orderBy('u.display_name')
    .orderBy('a.id')
    .limit(page.limit + 1)
    .execute()
  const shown = rows.slice(0, page.limit)
  const last = shown.at(-1)
  return {
    items: shown.map(toAccount),
    next: rows.length > page.limit && last ? { name: last.display_name, id: last.id } : null,
  }
}

/** The sponsor answers for the account: an employee of the company who is not leaving. */
async function checkSponsor(db: Kysely<OrgDeps>, companyId: string, employeeId: string) {
  const sponsor = await db
    .selectFrom('org_employee')
    .select('status')
    .where('company_id', '=', companyId)
    .where('id', '=', employeeId)
    .executeTakeFirst()
  if (!sponsor || sponsor.status === 'terminated')
    throw invalidField('org.invalid_sponsor', '/body/sponsorEmployeeId', 'Choose a current employee as the sponsor.')
}

export interface InviteExternalInput {
  readonly email: string
  readonly displayName: string
  readonly firmId: string
  readonly sponsorEmployeeId: string
}

/**
 * What linking a person to a firm needs: a firm that is not archived with a
 * contract that runs today or later (an account that could never act would
 * only be a loose end), and a current employee as sponsor.
 */
async function checkExternalLink(
  db: Kysely<OrgDeps>,
  companyId: string,
  input: { firmId: string; sponsorEmployeeId: string },
  today: string,
) {
  const firm = await db
    .selectFrom('org_external_firm')
    .select(['name', 'archived_at'])
    .where('company_id', '=', companyId)
    .where('id', '=', input.firmId)
    .executeTakeFirst()
  if (!firm || firm.archived_at !== null)
    throw invalidField('org.unknown_reference', '/body/firmId', 'No such external firm (or it is archived).')
  const contract = await db
    .selectFrom('org_firm_contract')
    .select('id')
    .where('company_id', '=', companyId)
    .where('firm_id', '=', input.firmId)
    .where('end_date', '>=', today)
    .executeTakeFirst()
  if (!contract)
    throw invalidField(
      'org.firm_without_contract',
      '/body/firmId',
      `${firm.name} has no running or upcoming contract; add one first.`,
    )
  await checkSponsor(db, companyId, input.sponsorEmployeeId)
}

/** The company's built-in External staff role. */
async function externalRoleId(db: Kysely<OrgDeps>, companyId: string) {
  const role = await db
    .selectFrom('identity_role')
    .select('id')
    .where('company_id', '=', companyId)
    .where('key', '=', 'external')
    .where('builtin', '=', true)
    .executeTakeFirst()
  if (!role) throw conflict('org.no_external_role', 'The built-in External staff role is missing in this company.')
  return role.id
}

/**
 * Links a member of the company (who should hold only the External staff
 * role) to a firm and a sponsor. The invitation below uses it; so do the
 * demo data and imports of people who already have a sign-in.
 */
export async function addExternalAccount(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  input: { userId: string; firmId: string; sponsorEmployeeId: string },
  now: Date,
  today: string,
) {
  return inTransaction(db, async (trx) => {
    await checkExternalLink(trx, context.companyId, input, today)
    // From now on every request of theirs carries the flag and passes the gate's contract and scope checks.
    await markExternalMember(identityDb(trx), context, input.userId, true)
    const id = newId()
    await trx
      .insertInto('org_external_account')
      .values({
        company_id: context.companyId,
        id,
        user_id: input.userId,
        firm_id: input.firmId,
        sponsor_employee_id: input.sponsorEmployeeId,
        created_at: now,
      })
      .execute()
    await recordAudit(trx, context, {
      action: 'org.external_account.created',
      entityType: 'external_account',
      entityId: id,
      changes: {
        userId: { before: null, after: input.userId },
        firmId: { before: null, after: input.firmId },
        sponsorEmployeeId: { before: null, after: input.sponsorEmployeeId },
      },
    })
    return getExternalAccount(trx, context.companyId, id)
  })
}

/**
 * Invites a person of an outsourcing firm: an identity user with the built-in
 * `external` role and an invitation e-mail, linked to the firm and a sponsor.
 * Checked before the invitation goes out, so bad input creates no user.
 */
export async function inviteExternalUser(
  db: Kysely<OrgDeps>,
  context: AuditContext & { actorId: string },
  input: InviteExternalInput,
  publicUrl: string,
  now: Date,
  today: string,
) {
  return inTransaction(db, async (trx) => {
    await checkExternalLink(trx, context.companyId, input, today)
    const roleId = await externalRoleId(trx, context.companyId)
    const { userId } = await inviteUser(
      identityDb(trx),
      context,
      { email: input.email, displayName: input.displayName, roleIds: [roleId] },
      publicUrl,
      now,
    )
    return addExternalAccount(
      trx,
      context,
      { userId, firmId: input.firmId, sponsorEmployeeId: input.sponsorEmployeeId },
      now,
      today,
    )
  })
}

export async function changeSponsor(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  id: string,
  sponsorEmployeeId: string,
  expectedVersion?: number,
) {
  return inTransaction(db, async (trx) => {
    const before = await getExternalAccount(trx, context.companyId, id)
    assertVersion(before.version, expectedVersion, 'external account')
    await checkSponsor(trx, context.companyId, sponsorEmployeeId)
    await trx
      .updateTable('org_external_account')
      .set((eb) => ({ sponsor_employee_id: sponsorEmployeeId, version: eb('version', '+', 1) }))
      .where('company_id', '=', context.companyId)
      .where('id', '=', id)
      .execute()
    await recordAudit(trx, context, {
      action: 'org.external_account.sponsor_changed',
      entityType: 'external_account',
      entityId: id,
      changes: { sponsorEmployeeId: { before: before.sponsor.id, after: sponsorEmployeeId } },
    })
    return getExternalAccount(trx, context.companyId, id)
  })
}
