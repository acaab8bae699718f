import type { Reach } from '@keel/kernel'
import { PERMISSIONS, type Permission } from './permissions.ts'

export interface RoleDefinition {
  readonly key: string
  readonly name: string
  readonly description: string
  readonly permissions: readonly { readonly permission: Permission; readonly reach: Reach }[]
}

const all = (reach: Reach = 'company') =>
  (Object.keys(PERMISSIONS) as Permission[]).map((permission) => ({ permission, reach }))
const readOnly = (permission: Permission) => /\.(read|verify)$/.test(permission)
/** What everyone in the company sees: the profile, the structure, the directory. */
const colleague = (): { permission: Permission; reach: Reach }[] => [
  { permission: 'org.company.read', reach: 'company' },
  { permission: 'org.structure.read', reach: 'company' },
  { permission: 'org.directory.read', reach: 'company' },
  { permission: 'intranet.announcement.read', reach: 'company' },
  { permission: 'intranet.policy.read', reach: 'company' },
  { permission: 'work.request.submit', reach: 'company' },
]
/**
 * Asking and working: one's own requests (and what one is assigned or
 * watches); `work.item.work` at own reach means "the queues I am a member
 * of" — queue membership, not a role, decides who works what.
 */
const requesterAndWorker = (): { permission: Permission; reach: Reach }[] => [
  { permission: 'work.item.read', reach: 'own' },
  { permission: 'work.item.work', reach: 'own' },
]
/** Self-service: one's own record, private data and salary. */
const self = (): { permission: Permission; reach: Reach }[] => [
  { permission: 'org.employee.read', reach: 'own' },
  { permission: 'hr.employee.read_sensitive', reach: 'own' },
  { permission: 'hr.employee.manage_sensitive', reach: 'own' },
  { permission: 'hr.document.read', reach: 'own' },
]

/**
 * The roles every company starts with. Later modules widen them as they add
 * permissions (an HR role that cannot see employees would be no HR role).
 */
export const BUILTIN_ROLES: readonly RoleDefinition[] = [
  {
    key: 'admin',
    name: 'Back-office manager',
    description: 'Runs the back office: every permission in the company.',
    permissions: all(),
  },
  {
    key: 'department_head',
    name: 'Department head',
    description: 'Leads a department: assigns and approves its work.',
    permissions: [
      { permission: 'identity.user.read', reach: 'department' },
      ...colleague(),
      ...self().filter((p) => p.permission !== 'org.employee.read' && p.permission !== 'hr.document.read'),
      { permission: 'org.employee.read', reach: 'department' },
      { permission: 'hr.document.read', reach: 'department' },
      { permission: 'intranet.compliance.read', reach: 'department' },
      { permission: 'work.item.read', reach: 'department' },
      { permission: 'work.item.work', reach: 'department' },
    ],
  },
  {
    key: 'team_lead',
    name: 'Team lead',
    description: 'Leads a team: assigns and reviews its work.',
    permissions: [
      { permission: 'identity.user.read', reach: 'team' },
      ...colleague(),
      ...self().filter((p) => p.permission !== 'org.employee.read'),
      { permission: 'org.employee.read', reach: 'team' },
      { permission: 'intranet.compliance.read', reach: 'team' },
      { permission: 'work.item.read', reach: 'team' },
      { permission: 'work.item.work', reach: 'team' },
    ],
  },
  {
    key: 'employee',
    name: 'Employee',
    description: 'Asks the back office for things; sees their own records.',
    permissions: [...colleague(), ...self(), ...requesterAndWorker()],
  },
  {
    key: 'hr',
    name: 'HR',
    description: 'Keeps employee records; invites new people.',
    permissions: [
      { permission: 'identity.user.read', reach: 'company' },
      { permission: 'identity.user.invite', reach: 'company' },
      ...all().filter((p) => /^(org|hr|intranet)\./.test(p.permission) && p.permission !== 'org.company.manage'),
      { permission: 'work.request.submit', reach: 'company' },
      ...requesterAndWorker(),
    ],
  },
  {
    key: 'payroll',
    name: 'Payroll',
    description: 'Runs payroll.',
    permissions: [
      { permission: 'identity.user.read', reach: 'company' },
      ...colleague(),
      { permission: 'org.employee.read', reach: 'company' },
      { permission: 'hr.employee.read_sensitive', reach: 'company' },
      { permission: 'hr.employee.manage_sensitive', reach: 'own' },
      { permission: 'hr.compensation.manage', reach: 'company' },
      ...requesterAndWorker(),
    ],
  },
  {
    key: 'accountant',
    name: 'Accountant',
    description: 'Keeps the books.',
    permissions: [...colleague(), ...self(), ...requesterAndWorker()],
  },
  {
    key: 'it_support',
    name: 'IT support',
    description: 'Works the IT queue; manages accounts and access.',
    permissions: [
      { permission: 'identity.user.read', reach: 'company' },
      { permission: 'identity.user.invite', reach: 'company' },
      { permission: 'identity.user.deactivate', reach: 'company' },
      { permission: 'identity.role.read', reach: 'company' },
      ...colleague(),
      ...self(),
      ...requesterAndWorker(),
    ],
  },
  {
    key: 'auditor',
    name: 'Auditor',
    description: 'Reads everything in scope, changes nothing, verifies the audit trail.',
    permissions: all().filter((p) => readOnly(p.permission)),
  },
  {
    key: 'external',
    name: 'External staff',
    description: 'Outsourced staff: only what their firm is contracted for.',
    // Directory and structure are cut down to the firm's contracted departments
    // by the org module (external-scope.ts); the rest answers 404.
    permissions: [
      { permission: 'org.company.read', reach: 'company' },
      { permission: 'org.structure.read', reach: 'company' },
      { permission: 'org.directory.read', reach: 'company' },
      { permission: 'intranet.announcement.read', reach: 'company' },
      // Items of the queues their firm's running contracts name (work-viewer.ts), nothing else.
      { permission: 'work.item.read', reach: 'own' },
      { permission: 'work.item.work', reach: 'own' },
    ],
  },
]
