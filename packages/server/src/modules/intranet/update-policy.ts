import { conflict, inTransaction, isUniqueViolation } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import type { AudienceTarget } from '../org/index.ts'
import { assertAudienceKnown, toRows, toTargets } from './audience.ts'
import { policyTitleTaken } from './create-policy.ts'
import type { IntranetDeps } from './intranet.tables.ts'
import { policyNotFound } from './policy-views.ts'

/** Renames, recategorises, re-addresses or archives a policy. Its text changes only by a new version. */
export async function updatePolicy(
  db: Kysely<IntranetDeps>,
  context: AuditContext,
  id: string,
  input: {
    title: string
    category: string | null
    audience: readonly AudienceTarget[]
    archived?: boolean | undefined
  },
  now: Date,
  expectedVersion?: number,
): Promise<void> {
  await assertAudienceKnown(db, context.companyId, input.audience)
  const title = input.title.trim()
  try {
    await inTransaction(db, async (trx) => {
      const before = await trx
        .selectFrom('intranet_policy')
        .selectAll()
        .where('company_id', '=', context.companyId)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst()
      if (!before) throw policyNotFound()
      if (expectedVersion !== undefined && before.version !== expectedVersion)
        throw conflict('request.stale', 'This policy was changed by someone else; reload and try again.')
      const beforeAudience = toTargets(
        await trx
          .selectFrom('intranet_policy_audience')
          .select(['target_kind', 'target_id'])
          .where('company_id', '=', context.companyId)
          .where('policy_id', '=', id)
          .orderBy('position')
          .execute(),
      )
      const archived = input.archived ?? before.archived_at !== null
      await trx
        .updateTable('intranet_policy')
        .set((eb) => ({
          title,
          category: input.category?.trim() || null,
          archived_at: archived ? (before.archived_at ?? now) : null,
          updated_at: now,
          version: eb('version', '+', 1),
        }))
        .where('company_id', '=', context.companyId)
        .where('id', '=', id)
        .execute()
      await trx
        .deleteFrom('intranet_policy_audience')
        .where('company_id', '=', context.companyId)
        .where('policy_id', '=', id)
        .execute()
      await trx
        .insertInto('intranet_policy_audience')
        .values(toRows(input.audience).map((r) => ({ ...r, company_id: context.companyId, policy_id: id })))
        .execute()
      await recordAudit(trx, context, {
        action: 'intranet.policy.updated',
        entityType: 'policy',
        entityId: id,
        changes: {
          title: { before: before.title, after: title },
          category: { before: before.category, after: input.category?.trim() || null },
          audience: { before: beforeAudience, after: input.audience },
          archived: { before: before.archived_at !== null, after: archived },
        },
      })
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw policyTitleTaken(title)
    throw error
  }
}
