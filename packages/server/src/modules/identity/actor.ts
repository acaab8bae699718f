import { forbidden, reachIncludes, type Reach } from '@keel/kernel'
import type { Grants, Permission } from './permissions.ts'

/** Who is calling, in which company, with what grants: resolved once per request. */
export interface Actor {
  readonly kind: 'user' | 'token'
  readonly userId: string
  readonly companyId: string
  readonly sessionId: string | null
  readonly tokenId: string | null
  /** External staff (an outsourcing firm's people): org checks their contract and scope. */
  readonly external: boolean
  readonly grants: Grants
}

/** The reach the actor holds for a permission, or null. */
export const reachOf = (actor: Actor, permission: Permission): Reach | null => actor.grants.get(permission) ?? null

/** Throws `forbidden` unless the actor holds the permission at least at `reach`. */
export function requirePermission(actor: Actor, permission: Permission, reach: Reach = 'own'): Reach {
  const held = reachOf(actor, permission)
  if (held === null || !reachIncludes(held, reach))
    throw forbidden('request.forbidden', `This needs the permission ${permission}.`, { permission })
  return held
}
