import { notFound } from '@keel/kernel'
import type { Kysely, Transaction } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import type { IdentityDeps } from './identity.tables.ts'

/**
 * Marks a member of the company as external staff (or as the company's own
 * again). Org calls it, in its transaction, when it links an account to an
 * outsourcing firm: from then on every request of theirs carries the flag and
 * passes org's contract and scope checks. Changing it ends no session; the
 * membership trigger makes cached sessions reload with the new flag.
 */
export async function markExternalMember(
  db: Kysely<IdentityDeps> | Transaction<IdentityDeps>,
  context: AuditContext,
  userId: string,
  external: boolean,
): Promise<void> {
  const before = await db
    .selectFrom('identity_membership')
    .select('external')
    .where('company_id', '=', context.companyId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  if (!before) throw notFound('identity.user_not_found', 'No such user.')
  if (before.external === external) return
  await db
    .updateTable('identity_membership')
    .set({ external, version: (eb) => eb('version', '+', 1) })
    .where('company_id', '=', context.companyId)
    .where('user_id', '=', userId)
    .execute()
  await recordAudit(db, context, {
    action: external ? 'identity.user.marked_external' : 'identity.user.marked_internal',
    entityType: 'user',
    entityId: userId,
    changes: { external: { before: before.external, after: external } },
  })
}
