import { conflict, inTransaction, newId } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import type { IntranetDeps } from './intranet.tables.ts'
import { policyNotFound } from './policy-views.ts'

/**
 * Publishes the next version of a policy and makes it current. Every
 * acknowledgement was of a version, so the whole audience is asked again.
 */
export async function publishPolicyVersion(
  db: Kysely<IntranetDeps>,
  context: AuditContext & { actorId: string },
  policyId: string,
  input: { body: string; summaryOfChanges: string; effectiveDate: string },
  now: Date,
  expectedVersion?: number,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const policy = await trx
      .selectFrom('intranet_policy')
      .select(['version', 'archived_at'])
      .where('company_id', '=', context.companyId)
      .where('id', '=', policyId)
      .forUpdate()
      .executeTakeFirst()
    if (!policy) throw policyNotFound()
    if (expectedVersion !== undefined && policy.version !== expectedVersion)
      throw conflict('request.stale', 'This policy was changed by someone else; reload and try again.')
    if (policy.archived_at !== null)
      throw conflict('intranet.policy_archived', 'This policy is archived; restore it before publishing a new version.')
    const latest = await trx
      .selectFrom('intranet_policy_version')
      .select((eb) => eb.fn.max('version_number').as('n'))
      .where('company_id', '=', context.companyId)
      .where('policy_id', '=', policyId)
      .executeTakeFirst()
    const versionNumber = (latest?.n ?? 0) + 1
    const versionId = newId()
    await trx
      .insertInto('intranet_policy_version')
      .values({
        company_id: context.companyId,
        id: versionId,
        policy_id: policyId,
        version_number: versionNumber,
        body: input.body,
        summary_of_changes: input.summaryOfChanges.trim(),
        effective_date: input.effectiveDate,
        published_at: now,
        published_by: context.actorId,
      })
      .execute()
    await trx
      .updateTable('intranet_policy')
      .set((eb) => ({ current_version_id: versionId, updated_at: now, version: eb('version', '+', 1) }))
      .where('company_id', '=', context.companyId)
      .where('id', '=', policyId)
      .execute()
    await recordAudit(trx, context, {
      action: 'intranet.policy.version_published',
      entityType: 'policy',
      entityId: policyId,
      changes: {
        currentVersion: { before: versionNumber - 1, after: versionNumber },
        summaryOfChanges: { before: null, after: input.summaryOfChanges.trim() },
        effectiveDate: { before: null, after: input.effectiveDate },
      },
    })
  })
}
