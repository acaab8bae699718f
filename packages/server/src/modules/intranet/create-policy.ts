import { inTransaction, invalidField, isUniqueViolation, newId } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import type { AudienceTarget } from '../org/index.ts'
import { assertAudienceKnown, toRows } from './audience.ts'
import type { IntranetDeps } from './intranet.tables.ts'

export interface CreatePolicyInput {
  readonly title: string
  readonly category: string | null
  readonly audience: readonly AudienceTarget[]
  readonly body: string
  readonly effectiveDate: string
}

export const policyTitleTaken = (title: string) =>
  invalidField('intranet.policy_title_taken', '/body/title', `A policy titled ${title} exists.`)

/** Creates a policy and publishes its version 1, which its audience is then asked to acknowledge. */
export async function createPolicy(
  db: Kysely<IntranetDeps>,
  context: AuditContext & { actorId: string },
  input: CreatePolicyInput,
  now: Date,
): Promise<string> {
  await assertAudienceKnown(db, context.companyId, input.audience)
  const id = newId()
  const versionId = newId()
  const title = input.title.trim()
  try {
    await inTransaction(db, async (trx) => {
      await trx
        .insertInto('intranet_policy')
        .values({
          company_id: context.companyId,
          id,
          title,
          category: input.category?.trim() || null,
          current_version_id: null,
          archived_at: null,
          created_at: now,
          updated_at: now,
        })
        .execute()
      await trx
        .insertInto('intranet_policy_audience')
        .values(toRows(input.audience).map((r) => ({ ...r, company_id: context.companyId, policy_id: id })))
        .execute()
      await trx
        .insertInto('intranet_policy_version')
        .values({
          company_id: context.companyId,
          id: versionId,
          policy_id: id,
          version_number: 1,
          body: input.body,
          summary_of_changes: null,
          effective_date: input.effectiveDate,
          published_at: now,
          published_by: context.actorId,
        })
        .execute()
      await trx
        .updateTable('intranet_policy')
        .set({ current_version_id: versionId })
        .where('company_id', '=', context.companyId)
        .where('id', '=', id)
        .execute()
      await recordAudit(trx, context, {
        action: 'intranet.policy.created',
        entityType: 'policy',
        entityId: id,
        changes: {
          title: { before: null, after: title },
          audience: { before: null, after: input.audience },
          currentVersion: { before: null, after: 1 },
          effectiveDate: { before: null, after: input.effectiveDate },
        },
      })
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw policyTitleTaken(title)
    throw error
  }
  return id
}
