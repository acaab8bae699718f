import {
  IconBuildingSkyscraper,
  IconCategory,
  IconInbox,
  IconListCheck,
  IconTemplate,
  IconTicket,
  IconClipboardCheck,
  IconFileCertificate,
  IconHierarchy2,
  IconHome,
  IconKey,
  IconListSearch,
  IconMail,
  IconShieldLock,
  IconSpeakerphone,
  IconUserCircle,
  IconUsers,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react'
import { perms } from '../auth.ts'

export interface NavItem {
  label: string
  to:
    | '/'
    | '/people'
    | '/org/chart'
    | '/intranet/announcements'
    | '/intranet/policies'
    | '/work/catalog'
    | '/work/my-requests'
    | '/work/queues'
    | '/work/admin/queues'
    | '/work/admin/request-types'
    | '/organization'
    | '/access-reviews'
    | '/users'
    | '/roles'
    | '/audit'
    | '/outbox'
    | '/tokens'
    | '/profile'
  icon: Icon
  /** Shown only to users holding this permission; undefined = every signed-in user. */
  permission?: string
  /** Also shown, without the permission, to sponsors of external accounts that were up for review. */
  orSponsor?: boolean
  section: 'main' | 'admin' | 'self'
}

export const navItems: NavItem[] = [
  { label: 'Home', to: '/', icon: IconHome, section: 'main' },
  { label: 'People', to: '/people', icon: IconUsersGroup, permission: perms.orgDirectoryRead, section: 'main' },
  { label: 'Org chart', to: '/org/chart', icon: IconHierarchy2, permission: perms.orgDirectoryRead, section: 'main' },
  {
    label: 'Request catalog',
    to: '/work/catalog',
    icon: IconCategory,
    permission: perms.workRequestSubmit,
    section: 'main',
  },
  { label: 'My requests', to: '/work/my-requests', icon: IconTicket, permission: perms.workItemRead, section: 'main' },
  { label: 'Work queues', to: '/work/queues', icon: IconListCheck, permission: perms.workItemWork, section: 'main' },
  {
    label: 'Announcements',
    to: '/intranet/announcements',
    icon: IconSpeakerphone,
    permission: perms.intranetAnnouncementManage,
    section: 'main',
  },
  {
    label: 'Policies',
    to: '/intranet/policies',
    icon: IconFileCertificate,
    permission: perms.intranetPolicyRead,
    section: 'main',
  },
  {
    label: 'Organization',
    to: '/organization',
    icon: IconBuildingSkyscraper,
    permission: perms.orgStructureRead,
    section: 'admin',
  },
  {
    label: 'Access review',
    to: '/access-reviews',
    icon: IconClipboardCheck,
    permission: 'org.external.read',
    orSponsor: true,
    section: 'admin',
  },
  { label: 'Queues', to: '/work/admin/queues', icon: IconInbox, permission: perms.workQueueManage, section: 'admin' },
  {
    label: 'Request types',
    to: '/work/admin/request-types',
    icon: IconTemplate,
    permission: perms.workCatalogManage,
    section: 'admin',
  },
  { label: 'Users', to: '/users', icon: IconUsers, permission: perms.userRead, section: 'admin' },
  { label: 'Roles', to: '/roles', icon: IconShieldLock, permission: perms.roleRead, section: 'admin' },
  { label: 'Audit log', to: '/audit', icon: IconListSearch, permission: perms.auditRead, section: 'admin' },
  { label: 'Outbox', to: '/outbox', icon: IconMail, permission: perms.outboxRead, section: 'admin' },
  { label: 'API tokens', to: '/tokens', icon: IconKey, section: 'self' },
  { label: 'Profile', to: '/profile', icon: IconUserCircle, section: 'self' },
]
