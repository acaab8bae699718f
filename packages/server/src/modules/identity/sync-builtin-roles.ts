import { inTransaction, type Reach } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit } from '../audit/index.ts'
import { BUILTIN_ROLES } from './builtin-roles.ts'
import type { IdentityDeps } from './identity.tables.ts'

/**
 * Makes every company's built-in roles grant exactly what this version of
 * Keel defines (builtin-roles.ts): a module that lands adds its permissions
 * to the roles of companies created before it. Built-in roles cannot be
 * edited, so nothing a person chose is undone. Each company whose roles
 * changed gets one audit event per role. Runs after migrations at start and
 * in `keel migrate`; a second run changes nothing.
 */
export async function syncBuiltinRoles(db: Kysely<IdentityDeps>): Promise<number> {
  return inTransaction(db, async (trx) => {
    const roles = await trx
      .selectFrom('identity_role')
      .select(['company_id', 'id', 'key'])
      .where('builtin', '=', true)
      .execute()
    const grants = await trx
      .selectFrom('identity_role_permission as rp')
      .innerJoin('identity_role as r', (j) =>
        j.onRef('r.company_id', '=', 'rp.company_id').onRef('r.id', '=', 'rp.role_id'),
      )
      .select(['rp.company_id', 'rp.role_id', 'rp.permission', 'rp.reach'])
      .where('r.builtin', '=', true)
      .execute()
    const held = new Map<string, Map<string, Reach>>()
    for (const g of grants) {
      const key = `${g.company_id}/${g.role_id}`
      if (!held.has(key)) held.set(key, new Map())
      held.get(key)?.set(g.permission, g.reach)
    }
    let changedRoles = 0
    for (const role of roles) {
      const definition = BUILTIN_ROLES.find((r) => r.key === role.key)
      if (!definition) continue
      const current = held.get(`${role.company_id}/${role.id}`) ?? new Map<string, Reach>()
      const wanted = new Map<string, Reach>(definition.permissions.map((p) => [p.permission, p.reach]))
      const stale = [...current.keys()].filter((p) => wanted.get(p) !== current.get(p))
      const missing = [...wanted].filter(([p, reach]) => current.get(p) !== reach)
      if (stale.length === 0 && missing.length === 0) continue
      if (stale.length > 0)
        await trx
          .deleteFrom('identity_role_permission')
          .where('company_id', '=', role.company_id)
          .where('role_id', '=', role.id)
          .where('permission', 'in', stale)
          .execute()
      if (missing.length > 0)
        await trx
          .insertInto('identity_role_permission')
          .values(
            missing.map(([permission, reach]) => ({
              company_id: role.company_id,
              role_id: role.id,
              permission,
              reach,
            })),
          )
          .execute()
      await recordAudit(
        trx,
        { companyId: role.company_id, actorId: null, actorKind: 'system', requestId: null },
        {
          action: 'identity.role.grants_synced',
          entityType: 'role',
          entityId: role.id,
          changes: {
            permissions: {
              before: Object.fromEntries([...current].sort()),
              after: Object.fromEntries([...wanted].sort()),
            },
          },
        },
      )
      changedRoles++
    }
    return changedRoles
  })
}
