import { describe, expect, it } from 'vitest'
import { reachOf, requirePermission, type Actor } from './actor.ts'

const lead: Actor = {
  kind: 'user',
  userId: 'u1',
  companyId: 'c1',
  sessionId: 's1',
  tokenId: null,
  external: false,
  grants: new Map([['identity.user.read', 'team']]),
}

describe('an actor’s permissions', () => {
  it('tell the reach a permission is held at, or null', () => {
    expect(reachOf(lead, 'identity.user.read')).toBe('team')
    expect(reachOf(lead, 'audit.event.read')).toBeNull()
  })

  it('allow what the held reach covers and refuse wider or missing grants', () => {
    expect(requirePermission(lead, 'identity.user.read')).toBe('team')
    expect(requirePermission(lead, 'identity.user.read', 'team')).toBe('team')
    expect(() => requirePermission(lead, 'identity.user.read', 'department')).toThrow(/identity\.user\.read/)
    expect(() => requirePermission(lead, 'audit.event.read')).toThrow(
      expect.objectContaining({ code: 'request.forbidden' }) as Error,
    )
  })
})
