import { conflict, inTransaction } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import type { AudienceFacts } from '../org/index.ts'
import { audienceConcerns, toTargets } from './audience.ts'
import type { IntranetDeps } from './intranet.tables.ts'
import { policyNotFound } from './policy-views.ts'

/**
 * The caller acknowledges the current version of a policy addressed to them.
 * Naming the version guards against confirming text they never saw: a
 * superseded version is a 409. Idempotent: acknowledging again keeps the first time.
 */
export async function acknowledgePolicy(
  db: Kysely<IntranetDeps>,
  context: AuditContext & { actorId: string },
  facts: AudienceFacts | null,
  policyId: string,
  versionId: string,
  now: Date,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const policy = await trx
      .selectFrom('intranet_policy')
      .select(['current_version_id', 'archived_at'])
      .where('company_id', '=', context.companyId)
      .where('id', '=', policyId)
      .executeTakeFirst()
    if (!policy || policy.archived_at !== null) throw policyNotFound()
    const audience = await trx
      .selectFrom('intranet_policy_audience')
      .select(['target_kind', 'target_id'])
      .where('company_id', '=', context.companyId)
      .where('policy_id', '=', policyId)
      .orderBy('position')
      .execute()
    if (!audienceConcerns(toTargets(audience), facts)) throw policyNotFound()
    if (policy.current_version_id !== versionId)
      throw conflict(
        'intranet.policy_version_superseded',
        'A newer version of this policy has been published; read it and acknowledge that one.',
      )
    const inserted = await trx
      .insertInto('intranet_policy_acknowledgement')
      .values({
        company_id: context.companyId,
        policy_version_id: versionId,
        user_id: context.actorId,
        acknowledged_at: now,
      })
      .onConflict((oc) => oc.columns(['company_id', 'policy_version_id', 'user_id']).doNothing())
      .returning('acknowledged_at')
      .executeTakeFirst()
    if (inserted)
      await recordAudit(trx, context, {
        action: 'intranet.policy.acknowledged',
        entityType: 'policy',
        entityId: policyId,
        changes: { acknowledgedVersion: { before: null, after: versionId } },
      })
  })
}
