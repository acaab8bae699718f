import { useQuery } from '@tanstack/react-query'
import { sessionQuery } from '../api/session.ts'
import type { Reach, SessionReply } from '../api/types.ts'

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
  orgCompanyRead: 'org.company.read',
  orgCompanyManage: 'org.company.manage',
  orgStructureRead: 'org.structure.read',
  orgStructureManage: 'org.structure.manage',
  orgDirectoryRead: 'org.directory.read',
  orgEmployeeRead: 'org.employee.read',
  orgEmployeeManage: 'org.employee.manage',
  hrSensitiveRead: 'hr.employee.read_sensitive',
  hrSensitiveManage: 'hr.employee.manage_sensitive',
  hrCompensationManage: 'hr.compensation.manage',
  intranetAnnouncementRead: 'intranet.announcement.read',
  intranetAnnouncementManage: 'intranet.announcement.manage',
  intranetPolicyRead: 'intranet.policy.read',
  intranetPolicyManage: 'intranet.policy.manage',
  intranetComplianceRead: 'intranet.compliance.read',
  workRequestSubmit: 'work.request.submit',
  workItemRead: 'work.item.read',
  workItemWork: 'work.item.work',
  workQueueManage: 'work.queue.manage',
  workCatalogManage: 'work.catalog.manage',
} as const

export function hasPermission(session: SessionReply | null | undefined, permission: string): boolean {
  return !!session?.permissions.some((p) => p.permission === permission)
}

/** The widest reach the session holds a permission with, or null without it. */
export function reachOf(session: SessionReply | null | undefined, permission: string): Reach | null {
  const order: Reach[] = ['own', 'team', 'department', 'company']
  let widest: Reach | null = null
  for (const p of session?.permissions ?? []) {
    if (p.permission === permission && (widest === null || order.indexOf(p.reach) > order.indexOf(widest)))
      widest = p.reach
  }
  return widest
}

/**
 * Whether to offer an action on someone: the permission with a reach that may include them. With team or
 * department reach the browser cannot tell for sure; the server decides (and says so if not).
 */
export function mayActOn(session: SessionReply | null | undefined, permission: string, isSelf: boolean): boolean {
  const reach = reachOf(session, permission)
  return reach !== null && (reach !== 'own' || isSelf)
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
