import { conflict, inTransaction } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, systemContext, type AuditContext } from '../audit/index.ts'
import { deactivateUser, identityDb, reactivateUser } from '../identity/index.ts'
import { getExternalAccount } from './external-accounts.ts'
import type { OrgDeps } from './org.tables.ts'

/**
 * Ends an external account: its membership is deactivated, which ends its
 * sessions and revokes its tokens at once (identity does both), and the
 * account records why. Idempotent for an account already ended.
 */
export async function endExternalAccount(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  id: string,
  status: 'revoked' | 'expired',
  reason: string,
  now: Date,
  expectedVersion?: number,
) {
  return inTransaction(db, async (trx) => {
    const before = await getExternalAccount(trx, context.companyId, id)
    if (expectedVersion !== undefined && before.version !== expectedVersion)
      throw conflict('request.stale', 'This external account was changed by someone else; reload and try again.')
    if (before.status !== 'active') return before
    if (before.signInStatus !== 'deactivated') await deactivateUser(identityDb(trx), context, before.userId, now)
    await trx
      .updateTable('org_external_account')
      .set((eb) => ({ status, ended_at: now, end_reason: reason, version: eb('version', '+', 1) }))
      .where('company_id', '=', context.companyId)
      .where('id', '=', id)
      .execute()
    await recordAudit(trx, context, {
      action: `org.external_account.${status}`,
      entityType: 'external_account',
      entityId: id,
      changes: { status: { before: before.status, after: status }, endReason: { before: null, after: reason } },
    })
    return getExternalAccount(trx, context.companyId, id)
  })
}

/**
 * Lets an ended account act again: only while its firm has a contract
 * running today (a renewal is a new or extended contract).
 */
export async function reactivateExternalAccount(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  id: string,
  today: string,
  expectedVersion?: number,
) {
  return inTransaction(db, async (trx) => {
    const before = await getExternalAccount(trx, context.companyId, id)
    if (expectedVersion !== undefined && before.version !== expectedVersion)
      throw conflict('request.stale', 'This external account was changed by someone else; reload and try again.')
    if (before.status === 'active' && before.signInStatus !== 'deactivated') return before
    const running = await trx
      .selectFrom('org_firm_contract')
      .select('id')
      .where('company_id', '=', context.companyId)
      .where('firm_id', '=', before.firm.id)
      .where('start_date', '<=', today)
      .where('end_date', '>=', today)
      .executeTakeFirst()
    if (!running)
      throw conflict(
        'org.no_running_contract',
        `${before.firm.name} has no contract running today; renew or add one before reactivating.`,
      )
    if (before.signInStatus === 'deactivated') await reactivateUser(identityDb(trx), context, before.userId)
    await trx
      .updateTable('org_external_account')
      .set((eb) => ({ status: 'active', ended_at: null, end_reason: null, version: eb('version', '+', 1) }))
      .where('company_id', '=', context.companyId)
      .where('id', '=', id)
      .execute()
    await recordAudit(trx, context, {
      action: 'org.external_account.reactivated',
      entityType: 'external_account',
      entityId: id,
      changes: { status: { before: before.status, after: 'active' } },
    })
    return getExternalAccount(trx, context.companyId, id)
  })
}

/**
 * `org.expire-external-access` for one company: every active external account
 * whose firm has no contract running `today` is expired (membership
 * deactivated, sessions and tokens ended, audited as the system). Returns the
 * accounts it expired; run again, it finds none.
 */
export async function expireExternalAccess(db: Kysely<OrgDeps>, companyId: string, today: string, now: Date) {
  const due = await db
    .selectFrom('org_external_account as a')
    .select(['a.id'])
    .where('a.company_id', '=', companyId)
    .where('a.status', '=', 'active')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('org_firm_contract as c')
            .select('c.id')
            .whereRef('c.company_id', '=', 'a.company_id')
            .whereRef('c.firm_id', '=', 'a.firm_id')
            .where('c.start_date', '<=', today)
            .where('c.end_date', '>=', today),
        ),
      ),
    )
    .execute()
  for (const { id } of due)
    await endExternalAccount(db, systemContext(companyId), id, 'expired', `No contract running on ${today}.`, now)
  return due.map((d) => d.id)
}
