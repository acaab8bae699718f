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
import { AppLayout } from './layout/app-layout.tsx'
import { NotFound, RouteError } from './layout/route-fallbacks.tsx'

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)

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
