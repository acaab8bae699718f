import { useQuery } from '@tanstack/react-query'
import { sessionQuery } from '../api/session.ts'
import type { SessionReply } from '../api/types.ts'

/** Permission keys the web app gates screens on. The server enforces them; the UI only hides what would fail. */
export const perms = {
  userRead: 'identity.user.read',
  userInvite: 'identity.user.invite',
  userUpdate: 'identity.user.update',
  userDeactivate: 'identity.user.deactivate',
  roleRead: 'identity.role.read',
  roleManage: 'identity.role.manage',
  auditRead: 'audit.event.read',
  auditVerify: 'audit.chain.verify',
  outboxRead: 'mail.outbox.read',
} as const

export function hasPermission(session: SessionReply | null | undefined, permission: string): boolean {
  return !!session?.permissions.some((p) => p.permission === permission)
}

/** The signed-in session. Only used below the authenticated layout, which renders nothing without one. */
export function useSession(): SessionReply {
  const { data } = useQuery(sessionQuery)
  if (!data) throw new Error('useSession() used outside a signed-in page')
  return data
}

export function useCan(): (permission: string) => boolean {
  const { data } = useQuery(sessionQuery)
  return (permission) => hasPermission(data, permission)
}
