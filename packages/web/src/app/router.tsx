import type { QueryClient } from '@tanstack/react-query'
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router'
import { sessionQuery } from '../api/session.ts'
import { ForgotPasswordPage } from '../features/auth/forgot-password/forgot-password-page.tsx'
import { InvitationPage } from '../features/auth/invitation/invitation-page.tsx'
import { ResetPasswordPage } from '../features/auth/reset-password/reset-password-page.tsx'
import { SignInPage } from '../features/auth/sign-in/sign-in-page.tsx'
import { HomePage } from '../features/home/dashboard/home-page.tsx'
import { ProfilePage } from '../features/identity/profile/profile-page.tsx'
import { RoleEditorPage } from '../features/identity/roles/role-editor-page.tsx'
import { RolesPage } from '../features/identity/roles/roles-page.tsx'
import { ApiTokensPage } from '../features/identity/tokens/api-tokens-page.tsx'
import { UserDetailPage } from '../features/identity/users/user-detail-page.tsx'
import { UsersPage } from '../features/identity/users/users-page.tsx'
import { OutboxPage } from '../features/mail/outbox/outbox-page.tsx'
import type { ChartSearch } from '../features/org/chart/org-chart-page.tsx'
import type { OrganizationTab } from '../features/org/organization/organization-page.tsx'
import { PeoplePage, type PeopleSearch } from '../features/org/people/people-page.tsx'
import type { PersonTab } from '../features/org/person/person-page.tsx'
import { AppLayout } from './layout/app-layout.tsx'
import { NotFound, RouteError } from './layout/route-fallbacks.tsx'

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)
const oneOf = <T extends string>(v: unknown, values: readonly T[]): T | undefined => values.find((x) => x === v)
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const uuid = (v: unknown): string | undefined => {
  const s = str(v)
  return s && UUID_RE.test(s) ? s : undefined
}
const level = (v: unknown): number | undefined => {
  const n = Number(v)
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : undefined
}
const date = (v: unknown): string | undefined => {
  const s = str(v)
  return s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined
}
/** The search parameters that are set (a route's search keeps no undefined keys). */
const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T

const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  component: Outlet,
  notFoundComponent: NotFound,
  errorComponent: RouteError,
})

// Public pages

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (s: Record<string, unknown>): { redirect?: string; reason?: string } => {
    const out: { redirect?: string; reason?: string } = {}
    const r = str(s['redirect'])
    if (r) out.redirect = r
    const reason = str(s['reason'])
    if (reason) out.reason = reason
    return out
  },
  component: SignInPage,
})

const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/forgot-password',
  component: ForgotPasswordPage,
})

const tokenSearch = (s: Record<string, unknown>): { token?: string } => {
  const token = str(s['token'])
  return token ? { token } : {}
}

const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password',
  validateSearch: tokenSearch,
  component: ResetPasswordPage,
})

const invitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invitation',
  validateSearch: tokenSearch,
  component: InvitationPage,
})

// Signed-in pages

const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.query({ ...sessionQuery, staleTime: 'static' })
    if (!session || session.status !== 'signed_in') {
      const here = location.href
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- TanStack Router redirects by throwing
      throw redirect({ to: '/sign-in', search: here === '/' ? {} : { redirect: here } })
    }
  },
  component: AppLayout,
})

const homeRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: HomePage })

const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/users',
  validateSearch: (s: Record<string, unknown>): { invite?: boolean } => (s['invite'] ? { invite: true } : {}),
  component: UsersPage,
})

const userDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/users/$userId',
  component: UserDetailPage,
})

const rolesRoute = createRoute({ getParentRoute: () => appRoute, path: '/roles', component: RolesPage })

const newRoleRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/roles/new',
  validateSearch: (s: Record<string, unknown>): { from?: string } => {
    const from = str(s['from'])
    return from ? { from } : {}
  },
  component: RoleEditorPage,
})

const roleRoute = createRoute({ getParentRoute: () => appRoute, path: '/roles/$roleId', component: RoleEditorPage })

// The audit log carries the date picker; load it on first visit.
const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/audit',
  component: lazyRouteComponent(() => import('../features/audit/log/audit-log-page.tsx'), 'AuditLogPage'),
})
const outboxRoute = createRoute({ getParentRoute: () => appRoute, path: '/outbox', component: OutboxPage })
// Organization: the directory loads with the app; profiles, hiring, the chart and the admin area (date pickers,
// bigger forms) on first visit.
const peopleRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/people',
  validateSearch: (s: Record<string, unknown>): PeopleSearch =>
    defined({
      q: str(s['q']),
      department: uuid(s['department']),
      team: uuid(s['team']),
      position: uuid(s['position']),
      location: uuid(s['location']),
      skill: uuid(s['skill']),
      level: level(s['level']),
      who: oneOf(s['who'], ['former'] as const),
    }),
  component: PeoplePage,
})
const hireRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/people/hire',
  component: lazyRouteComponent(() => import('../features/org/hire/hire-page.tsx'), 'HirePage'),
})
const personRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/people/$employeeId',
  validateSearch: (s: Record<string, unknown>): { tab?: PersonTab | undefined } =>
    defined({
      tab: oneOf(s['tab'], [
        'overview',
        'employment',
        'availability',
        'skills',
        'documents',
        'private',
        'privacy',
        'timeline',
      ] as const),
    }),
  component: lazyRouteComponent(() => import('../features/org/person/person-page.tsx'), 'PersonPage'),
})
const orgChartRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/org/chart',
  validateSearch: (s: Record<string, unknown>): ChartSearch =>
    defined({ asOf: date(s['asOf']), focus: uuid(s['focus']) }),
  component: lazyRouteComponent(() => import('../features/org/chart/org-chart-page.tsx'), 'OrgChartPage'),
})
const organizationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/organization',
  validateSearch: (s: Record<string, unknown>): { tab?: OrganizationTab | undefined } =>
    defined({
      tab: oneOf(s['tab'], [
        'company',
        'departments',
        'teams',
        'positions',
        'locations',
        'calendars',
        'skills',
        'external',
        'import',
      ] as const),
    }),
  component: lazyRouteComponent(() => import('../features/org/organization/organization-page.tsx'), 'OrganizationPage'),
})

// Intranet: the feed is on the home page; announcements and policies load on first visit.
const announcementsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/intranet/announcements',
  component: lazyRouteComponent(
    () => import('../features/intranet/announcements/announcements-page.tsx'),
    'AnnouncementsPage',
  ),
})
const announcementRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/intranet/announcements/$announcementId',
  component: lazyRouteComponent(
    () => import('../features/intranet/announcements/announcement-page.tsx'),
    'AnnouncementPage',
  ),
})
const policiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/intranet/policies',
  component: lazyRouteComponent(() => import('../features/intranet/policies/policies-page.tsx'), 'PoliciesPage'),
})
const policyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/intranet/policies/$policyId',
  component: lazyRouteComponent(() => import('../features/intranet/policies/policy-page.tsx'), 'PolicyPage'),
})

// Work management: the catalog and one's requests for everyone, queues and items for those who work them.
const catalogRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/work/catalog',
  component: lazyRouteComponent(() => import('../features/work/catalog/catalog-page.tsx'), 'CatalogPage'),
})
const requestFormRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/work/catalog/$typeId',
  component: lazyRouteComponent(() => import('../features/work/request-form/request-form-page.tsx'), 'RequestFormPage'),
})
const myRequestsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/work/my-requests',
  component: lazyRouteComponent(() => import('../features/work/my-requests/my-requests-page.tsx'), 'MyRequestsPage'),
})
const workQueuesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/work/queues',
  validateSearch: (s: Record<string, unknown>): { queueId?: string } => {
    const queueId = uuid(s.queueId)
    return queueId ? { queueId } : {}
  },
  component: lazyRouteComponent(() => import('../features/work/queue/queue-page.tsx'), 'QueuePage'),
})
const workItemRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/work/items/$itemId',
  component: lazyRouteComponent(() => import('../features/work/item/item-page.tsx'), 'ItemPage'),
})
const queuesAdminRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/work/admin/queues',
  component: lazyRouteComponent(() => import('../features/work/admin/queues-admin-page.tsx'), 'QueuesAdminPage'),
})
const requestTypesAdminRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/work/admin/request-types',
  component: lazyRouteComponent(
    () => import('../features/work/admin/request-types-admin-page.tsx'),
    'RequestTypesAdminPage',
  ),
})

// A sponsor's access review of the external accounts they answer for.
const accessReviewsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/access-reviews',
  component: lazyRouteComponent(
    () => import('../features/org/access-reviews/access-reviews-page.tsx'),
    'AccessReviewsPage',
  ),
})

const tokensRoute = createRoute({ getParentRoute: () => appRoute, path: '/tokens', component: ApiTokensPage })
const profileRoute = createRoute({ getParentRoute: () => appRoute, path: '/profile', component: ProfilePage })

const routeTree = rootRoute.addChildren([
  signInRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  invitationRoute,
  appRoute.addChildren([
    homeRoute,
    usersRoute,
    userDetailRoute,
    rolesRoute,
    newRoleRoute,
    roleRoute,
    peopleRoute,
    hireRoute,
    personRoute,
    orgChartRoute,
    organizationRoute,
    accessReviewsRoute,
    announcementsRoute,
    announcementRoute,
    policiesRoute,
    policyRoute,
    catalogRoute,
    requestFormRoute,
    myRequestsRoute,
    workQueuesRoute,
    workItemRoute,
    queuesAdminRoute,
    requestTypesAdminRoute,
    auditRoute,
    outboxRoute,
    tokensRoute,
    profileRoute,
  ]),
])

export function makeRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  })
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof makeRouter>
  }
}
