import type { Reach } from '@keel/kernel'

/**
 * The permission catalogue: `<module>.<resource>.<action>`. Each module adds its
 * own entries here as it lands; a route may only declare a key listed here.
 */
export const PERMISSIONS = {
  'identity.user.read': 'See users of the company and their roles',
  'identity.user.invite': 'Invite people to the company',
  'identity.user.update': 'Change the roles of users',
  'identity.user.deactivate': 'Deactivate and reactivate users',
  'identity.role.read': 'See roles and what they grant',
  'identity.role.manage': 'Create, change and delete custom roles',
  'audit.event.read': 'Read the audit trail',
  'audit.chain.verify': 'Verify the audit trail has not been tampered with',
  'mail.outbox.read': 'Read the outgoing e-mail log (dev outbox)',
  'org.company.read': 'See the company profile',
  'org.company.manage': 'Change the company profile and logo',
  'org.structure.read': 'See locations, departments, teams and positions',
  'org.structure.manage': 'Create, change and archive locations, departments, teams and positions',
  'org.directory.read': 'See the directory of colleagues and the org chart',
  'org.employee.read': 'See employee records (employment details and history) within reach',
  'org.employee.manage': 'Hire, place, change and terminate employees',
  'hr.employee.read_sensitive':
    'See private data (birth date, national id, address, bank, contacts) and salary within reach',
  'hr.employee.manage_sensitive': 'Change private data (address, bank account, emergency contacts) within reach',
  'hr.compensation.manage': 'Record salary changes',
  'hr.document.read': 'See employee documents (contracts, certificates) within reach',
  'hr.document.manage': 'Upload and delete employee documents within reach',
  'hr.personal_data.export': 'Export everything Keel holds about a person (data subject access request)',
  'hr.personal_data.erase': "Erase a former employee's personal data, keeping what a retention hold requires",
  'hr.retention.manage': "Place and release retention holds on a person's records",
  'org.external.read': 'See outsourcing firms, their contracts and external accounts',
  'org.external.manage': 'Create outsourcing firms and contracts; invite, renew and revoke external accounts',
  'intranet.announcement.read': 'Read announcements addressed to you',
  'intranet.announcement.manage': 'Publish, schedule, pin and withdraw announcements',
  'intranet.policy.read': 'Read policies addressed to you',
  'intranet.policy.manage': 'Publish policies and new versions of them',
  'intranet.compliance.read': 'See who has and has not acknowledged announcements and policies within reach',
  'work.request.submit': 'Ask the back office for things from the request catalog',
  'work.item.read':
    'See work items: requested by people within reach (own, team, department, company); assigned to you or watched by you; of the queues you work',
  'work.item.work':
    'Work items (triage, assign, change status, reply, log time) of the queues you are a member of; with team or department reach also the queues of your teams or departments',
  'work.queue.manage': 'Create queues, choose their members and assignment strategy',
  'work.catalog.manage': 'Define request types: intake forms, workflows, default queues and routing rules',
} as const satisfies Record<string, string>

export type Permission = keyof typeof PERMISSIONS

/** Routes that need a signed-in user but no particular permission (their own profile, tokens). */
export const AUTHENTICATED = 'authenticated'
/** Routes anyone may call (sign-in, health, the invitation form). */
export const PUBLIC = 'public'
export type RouteAccess = Permission | typeof AUTHENTICATED | typeof PUBLIC

export const isPermission = (key: string): key is Permission => Object.hasOwn(PERMISSIONS, key)

export const permissionCatalogue = () =>
  Object.entries(PERMISSIONS).map(([key, description]) => ({ key, module: key.split('.')[0] ?? key, description }))

export type Grants = ReadonlyMap<string, Reach>
