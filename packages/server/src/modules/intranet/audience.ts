import { invalid } from '@keel/kernel'
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely'
import {
  audienceTargetNames,
  orgDb,
  unknownAudienceTargets,
  type AudienceFacts,
  type AudienceTarget,
} from '../org/index.ts'
import type { IntranetDeps, TargetKind } from './intranet.tables.ts'

/** An audience as stored: one row per target, in the order it was given. */
export interface AudienceRow {
  readonly target_kind: TargetKind
  readonly target_id: string | null
}

export const toTargets = (rows: readonly AudienceRow[]): AudienceTarget[] =>
  rows.map((r) =>
    r.target_kind === 'company' || r.target_id === null
      ? { kind: 'company' }
      : { kind: r.target_kind, id: r.target_id },
  )

export const toRows = (targets: readonly AudienceTarget[]) =>
  targets.map((t, position) => ({
    position,
    target_kind: t.kind,
    target_id: t.kind === 'company' ? null : t.id,
  }))

/**
 * Refuses an audience naming a department, team or location that this
 * company does not have (or has archived): 422 at `/body/audience/<i>/id`.
 * Another company's id fails exactly like a made-up one.
 */
export async function assertAudienceKnown(
  db: Kysely<IntranetDeps>,
  companyId: string,
  targets: readonly AudienceTarget[],
) {
  const unknown = await unknownAudienceTargets(orgDb(db), companyId, targets)
  if (unknown.length > 0)
    throw invalid(
      'intranet.unknown_audience_target',
      'The audience names a department, team or location this company does not have.',
      unknown.map((index) => ({
        path: `/body/audience/${String(index)}/id`,
        message: 'No such department, team or location in this company.',
      })),
    )
}

/** The audience with names, as the API shows it back. */
export async function describeAudience(db: Kysely<IntranetDeps>, companyId: string, rows: readonly AudienceRow[]) {
  const names = await audienceTargetNames(
    orgDb(db),
    companyId,
    rows.flatMap((r) => (r.target_id ? [r.target_id] : [])),
  )
  return rows.map((r) => ({
    kind: r.target_kind,
    id: r.target_id,
    name: r.target_id === null ? 'Everyone' : (names.get(r.target_id) ?? 'Removed'),
  }))
}

/** Whether an audience addresses a person placed as `facts` (null: no employee record, company-wide only). */
export function audienceConcerns(targets: readonly AudienceTarget[], facts: AudienceFacts | null): boolean {
  return targets.some((t) => {
    if (t.kind === 'company') return true
    if (facts === null) return false
    switch (t.kind) {
      case 'department':
        return facts.departmentIds.includes(t.id)
      case 'team':
        return facts.teamId === t.id
      case 'location':
        return facts.locationId === t.id
    }
  })
}

/**
 * The SQL form of `audienceConcerns`, for feeds and lists: true when a row
 * of `table` (matched to the item by `itemColumn` = `itemRef`) addresses the
 * person. A department target matches when it is the person's department or
 * one above it, so naming a department reaches its whole subtree.
 */
export function concernsCondition(
  table: 'intranet_announcement_audience' | 'intranet_policy_audience',
  itemColumn: 'announcement_id' | 'policy_id',
  companyRef: string,
  itemRef: string,
  facts: AudienceFacts | null,
): RawBuilder<SqlBool> {
  const placed: RawBuilder<SqlBool>[] = []
  if (facts !== null) {
    if (facts.departmentIds.length > 0)
      placed.push(
        sql<SqlBool>`(aud.target_kind = 'department' and aud.target_id in (${sql.join(facts.departmentIds)}))`,
      )
    if (facts.teamId !== null) placed.push(sql<SqlBool>`(aud.target_kind = 'team' and aud.target_id = ${facts.teamId})`)
    if (facts.locationId !== null)
      placed.push(sql<SqlBool>`(aud.target_kind = 'location' and aud.target_id = ${facts.locationId})`)
  }
  const match = sql.join([sql<SqlBool>`aud.target_kind = 'company'`, ...placed], sql` or `)
  return sql<SqlBool>`exists (select 1 from ${sql.table(table)} aud
    where aud.company_id = ${sql.ref(companyRef)} and ${sql.ref(`aud.${itemColumn}`)} = ${sql.ref(itemRef)} and (${match}))`
}
