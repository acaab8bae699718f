import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import type { IdentityDeps } from './identity.tables.ts'

/** What Keel holds about a user in one company: the profile and the membership, for a data export. */
export async function userProfileForExport(db: Kysely<IdentityDeps>, companyId: string, userId: string) {
  const row = await db
    .selectFrom('identity_user as u')
    .innerJoin('identity_membership as m', 'm.user_id', 'u.id')
    .select([
      'u.id',
      'u.email',
      'u.display_name',
      'u.status',
      'u.created_at',
      'u.totp_enabled_at',
      'u.password_changed_at',
      'm.status as membership_status',
      'm.created_at as member_since',
    ])
    .where('m.company_id', '=', companyId)
    .where('u.id', '=', userId)
    .executeTakeFirst()
  if (!row) return null
  const roles = await db
    .selectFrom('identity_member_role as mr')
    .innerJoin('identity_role as r', (j) =>
      j.onRef('r.company_id', '=', 'mr.company_id').onRef('r.id', '=', 'mr.role_id'),
    )
    .select(['r.key', 'r.name'])
    .where('mr.company_id', '=', companyId)
    .where('mr.user_id', '=', userId)
    .orderBy('r.key')
    .execute()
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    status: row.status,
    createdAt: row.created_at,
    mfaEnabled: row.totp_enabled_at !== null,
    passwordChangedAt: row.password_changed_at,
    membership: { status: row.membership_status, memberSince: row.member_since, roles },
  }
}

/**
 * Erasure of a person's account as part of a personal-data erasure in this
 * company: the membership ends (sessions and tokens here stop working, roles
 * go). When the user belongs to no other company, the account itself is
 * anonymised too: name, e-mail, password and second factor are replaced or
 * removed. A user who still works for another company keeps their profile
 * there; only this company's link is cut. Returns whether the account itself
 * was anonymised.
 */
export async function eraseUserForCompany(
  trx: Kysely<IdentityDeps>,
  context: AuditContext,
  userId: string,
  replacementName: string,
  now: Date,
): Promise<{ accountAnonymised: boolean }> {
  await trx
    .updateTable('identity_membership')
    .set({ status: 'deactivated', version: (eb) => eb('version', '+', 1) })
    .where('company_id', '=', context.companyId)
    .where('user_id', '=', userId)
    .execute()
  await trx
    .deleteFrom('identity_member_role')
    .where('company_id', '=', context.companyId)
    .where('user_id', '=', userId)
    .execute()
  await trx
    .updateTable('identity_session')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('active_company_id', '=', context.companyId)
    .where('revoked_at', 'is', null)
    .execute()
  await trx
    .updateTable('identity_api_token')
    .set({ revoked_at: now })
    .where('company_id', '=', context.companyId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute()
  const elsewhere = await trx
    .selectFrom('identity_membership')
    .select('company_id')
    .where('user_id', '=', userId)
    .where('company_id', '<>', context.companyId)
    .where('status', '=', 'active')
    .executeTakeFirst()
  if (!elsewhere) {
    await trx
      .updateTable('identity_user')
      .set({
        display_name: replacementName,
        // .invalid is reserved (RFC 2606): nothing is ever delivered there.
        email: `erased-${userId}@erased.invalid`,
        password_hash: null,
        totp_secret_enc: null,
        totp_enabled_at: null,
        status: 'deactivated',
        version: (eb) => eb('version', '+', 1),
      })
      .where('id', '=', userId)
      .execute()
    await trx.deleteFrom('identity_recovery_code').where('user_id', '=', userId).execute()
    await trx
      .updateTable('identity_session')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute()
  }
  // Ids and facts only: the old name and e-mail are exactly what must not be copied here.
  await recordAudit(trx, context, {
    action: 'identity.user.erased',
    entityType: 'user',
    entityId: userId,
    changes: {
      membership: { before: 'active', after: 'deactivated' },
      accountAnonymised: { before: false, after: !elsewhere },
    },
  })
  return { accountAnonymised: !elsewhere }
}
