import type { Policy, PolicySummary, PolicyVersion } from '@keel/contracts/intranet'
import { notFound } from '@keel/kernel'
import type { Kysely } from 'kysely'
import type { AudienceFacts } from '../org/index.ts'
import type { UserNames } from './announcement-views.ts'
import { audienceConcerns, describeAudience, toTargets } from './audience.ts'
import type { IntranetDeps } from './intranet.tables.ts'

export const policyNotFound = () => notFound('intranet.policy_not_found', 'No such policy.')

/** Who is looking: managers (intranet.policy.manage) see every policy; readers those addressed to them. */
export interface PolicyViewer {
  readonly companyId: string
  readonly userId: string
  readonly manages: boolean
  readonly facts: AudienceFacts | null
}

async function audiencesOf(db: Kysely<IntranetDeps>, companyId: string, policyIds: readonly string[]) {
  if (policyIds.length === 0)
    return new Map<
      string,
      { target_kind: 'company' | 'department' | 'team' | 'location'; target_id: string | null }[]
    >()
  const rows = await db
    .selectFrom('intranet_policy_audience')
    .select(['policy_id', 'target_kind', 'target_id'])
    .where('company_id', '=', companyId)
    .where('policy_id', 'in', policyIds)
    .orderBy('policy_id')
    .orderBy('position')
    .execute()
  const byPolicy = new Map<string, { target_kind: (typeof rows)[number]['target_kind']; target_id: string | null }[]>()
  for (const row of rows) byPolicy.set(row.policy_id, [...(byPolicy.get(row.policy_id) ?? []), row])
  return byPolicy
}

/** The policies list: each one's current version and whether the caller has acknowledged it. */
export async function listPolicies(db: Kysely<IntranetDeps>, viewer: PolicyViewer): Promise<PolicySummary[]> {
  const rows = await db
    .selectFrom('intranet_policy as p')
    .innerJoin('intranet_policy_version as v', (j) =>
      j.onRef('v.company_id', '=', 'p.company_id').onRef('v.id', '=', 'p.current_version_id'),
    )
    .leftJoin('intranet_policy_acknowledgement as k', (j) =>
      j
        .onRef('k.company_id', '=', 'v.company_id')
        .onRef('k.policy_version_id', '=', 'v.id')
        .on('k.user_id', '=', viewer.userId),
    )
    .select([
      'p.id',
      'p.title',
      'p.category',
      'p.archived_at',
      'v.id as version_id',
      'v.version_number',
      'v.effective_date',
      'v.published_at',
      'k.acknowledged_at',
    ])
    .where('p.company_id', '=', viewer.companyId)
    .orderBy('p.category')
    .orderBy('p.title')
    .execute()
  const audiences = await audiencesOf(
    db,
    viewer.companyId,
    rows.map((r) => r.id),
  )
  return rows.flatMap((r) => {
    const concernsMe = r.archived_at === null && audienceConcerns(toTargets(audiences.get(r.id) ?? []), viewer.facts)
    if (!viewer.manages && !concernsMe) return []
    return [
      {
        id: r.id,
        title: r.title,
        category: r.category,
        archived: r.archived_at !== null,
        currentVersion: {
          id: r.version_id,
          versionNumber: r.version_number,
          effectiveDate: r.effective_date,
          publishedAt: r.published_at.toISOString(),
        },
        concernsMe,
        acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
      },
    ]
  })
}

/** One policy with its current text and version history; 404 for a reader it does not address. */
export async function getPolicy(
  db: Kysely<IntranetDeps>,
  viewer: PolicyViewer,
  id: string,
  userNames: UserNames,
): Promise<Policy> {
  const policy = await db
    .selectFrom('intranet_policy')
    .selectAll()
    .where('company_id', '=', viewer.companyId)
    .where('id', '=', id)
    .executeTakeFirst()
  if (!policy?.current_version_id) throw policyNotFound()
  const audienceRows = (await audiencesOf(db, viewer.companyId, [id])).get(id) ?? []
  const concernsMe = policy.archived_at === null && audienceConcerns(toTargets(audienceRows), viewer.facts)
  if (!viewer.manages && !concernsMe) throw policyNotFound()
  const versions = await db
    .selectFrom('intranet_policy_version')
    .selectAll()
    .where('company_id', '=', viewer.companyId)
    .where('policy_id', '=', id)
    .orderBy('version_number', 'desc')
    .execute()
  const names = await userNames([...new Set(versions.map((v) => v.published_by))])
  const toVersion = (v: (typeof versions)[number]): PolicyVersion => ({
    id: v.id,
    versionNumber: v.version_number,
    body: v.body,
    summaryOfChanges: v.summary_of_changes,
    effectiveDate: v.effective_date,
    publishedAt: v.published_at.toISOString(),
    publishedBy: { id: v.published_by, name: names.get(v.published_by) ?? 'Former user' },
  })
  const current = versions.find((v) => v.id === policy.current_version_id)
  if (!current) throw policyNotFound()
  const acknowledgement = await db
    .selectFrom('intranet_policy_acknowledgement')
    .select('acknowledged_at')
    .where('company_id', '=', viewer.companyId)
    .where('policy_version_id', '=', current.id)
    .where('user_id', '=', viewer.userId)
    .executeTakeFirst()
  return {
    id: policy.id,
    title: policy.title,
    category: policy.category,
    audience: await describeAudience(db, viewer.companyId, audienceRows),
    archived: policy.archived_at !== null,
    currentVersion: toVersion(current),
    history: versions.map((v) => {
      const { body: _body, ...rest } = toVersion(v)
      return rest
    }),
    acknowledgedAt: acknowledgement?.acknowledged_at.toISOString() ?? null,
    concernsMe,
    version: policy.version,
  }
}

/** One version's text (an older one, from the history), under the same visibility as the policy. */
export async function getPolicyVersion(
  db: Kysely<IntranetDeps>,
  viewer: PolicyViewer,
  policyId: string,
  versionId: string,
  userNames: UserNames,
): Promise<PolicyVersion> {
  await getPolicy(db, viewer, policyId, userNames)
  const v = await db
    .selectFrom('intranet_policy_version')
    .selectAll()
    .where('company_id', '=', viewer.companyId)
    .where('policy_id', '=', policyId)
    .where('id', '=', versionId)
    .executeTakeFirst()
  if (!v) throw policyNotFound()
  const names = await userNames([v.published_by])
  return {
    id: v.id,
    versionNumber: v.version_number,
    body: v.body,
    summaryOfChanges: v.summary_of_changes,
    effectiveDate: v.effective_date,
    publishedAt: v.published_at.toISOString(),
    publishedBy: { id: v.published_by, name: names.get(v.published_by) ?? 'Former user' },
  }
}
