import { widerReach, type Reach } from '@keel/kernel'
import type { Kysely } from 'kysely'
import type { IdentityDeps } from './identity.tables.ts'

/** Every permission the user holds in the company through any of their roles, each at its widest reach. */
export async function loadGrants(
  db: Kysely<IdentityDeps>,
  companyId: string,
  userId: string,
): Promise<Map<string, Reach>> {
  const rows = await db
    .selectFrom('identity_member_role as mr')
    .innerJoin('identity_role_permission as rp', (join) =>
      join.onRef('rp.company_id', '=', 'mr.company_id').onRef('rp.role_id', '=', 'mr.role_id'),
    )
    .select(['rp.permission', 'rp.reach'])
    .where('mr.company_id', '=', companyId)
    .where('mr.user_id', '=', userId)
    .execute()
  const grants = new Map<string, Reach>()
  for (const row of rows) {
    const held = grants.get(row.permission)
    grants.set(row.permission, held ? widerReach(held, row.reach) : row.reach)
  }
  return grants
}
