import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParams, Problem } from '@keel/contracts/common'
import {
  AcceptInvitationBody,
  ApiTokenList,
  ChangePasswordBody,
  CreateApiTokenBody,
  CreatedApiToken,
  CreateRoleBody,
  InvitedUser,
  InviteUserBody,
  LoginBody,
  MfaBody,
  MfaEnableBody,
  MfaSetupReply,
  PasswordConfirmBody,
  PasswordResetCompleteBody,
  PasswordResetRequestBody,
  PermissionList,
  RecoveryCodesReply,
  Role,
  RoleList,
  SessionList,
  SessionReply,
  SetRolesBody,
  SwitchCompanyBody,
  UpdateProfileBody,
  UpdateRoleBody,
  User,
  UserListQuery,
  UserPage,
} from '@keel/contracts/identity'
import { notFound, unauthenticated, type Clock, type Reach } from '@keel/kernel'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { expectedVersion, setEtag } from '../../http/etag.ts'
import { decodeCursor, encodeCursor, pageSize } from '@keel/kernel'
import { requirePermission } from './actor.ts'
import { actorOf, auditContextOf } from './request-actor.ts'
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts'
import { changePassword } from './change-password.ts'
import { completeSignIn, switchCompany } from './complete-sign-in.ts'
import { identityDb, type IdentityDeps } from './identity.tables.ts'
import { acceptInvitation, completePasswordReset, inviteUser, requestPasswordReset } from './invitations.ts'
import { loadGrants } from './load-grants.ts'
import { AUTHENTICATED, permissionCatalogue, PUBLIC } from './permissions.ts'
import { createRole, deleteRole, getRole, listRoles, updateRole } from './roles.ts'
import { clearSessionCookie, setSessionCookie } from './session-cookie.ts'
import { listUserSessions, revokeSession, type LiveSession, type SessionPolicy } from './sessions.ts'
import { signIn, type LockoutPolicy } from './sign-in.ts'
import { disableTotp, enableTotp, regenerateRecoveryCodes, setupTotp } from './totp.ts'
import {
  deactivateUser,
  getUser,
  listUserCompanies,
  listUsers,
  reactivateUser,
  setUserRoles,
  updateDisplayName,
  type UserView,
} from './users.ts'

export interface IdentityRoutesOptions {
  readonly clock: Clock
  readonly policy: SessionPolicy & LockoutPolicy
  readonly secretKey: Buffer
  readonly publicUrl: string
  readonly secureCookies: boolean
  /**
   * The users within the actor's reach for `identity.user.read` (null: the
   * whole company). Teams and departments live in org, which sits above
   * identity, so the composition root supplies this.
   */
  readonly usersWithinReach: (request: FastifyRequest, reach: Reach) => Promise<readonly string[] | null>
}

const errors = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  412: Problem,
  422: Problem,
  429: Problem,
}

/** The request's database: its tenant transaction on PostgreSQL, narrowed to what identity needs. */
const dbOf = (request: FastifyRequest): Kysely<IdentityDeps> => identityDb(request.db)

const userJson = (user: UserView) => ({ ...user, createdAt: user.createdAt.toISOString() })
const isUserCursor = (v: unknown): v is { email: string; id: string } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { email?: unknown }).email === 'string' &&
  typeof (v as { id?: unknown }).id === 'string'

/** HTTP adapter for identity: decode, call the use case, choose a status. No rules here. */
export const identityRoutes: FastifyPluginAsyncTypebox<IdentityRoutesOptions> = async (app, options) => {
  const { clock, policy, secretKey, publicUrl, secureCookies } = options

  async function sessionReply(
    db: Kysely<IdentityDeps>,
    session: { userId: string; companyId: string; csrfToken: string },
    status: 'signed_in' | 'mfa_required',
  ) {
    const user = await db
      .selectFrom('identity_user')
      .select(['id', 'email', 'display_name', 'totp_enabled_at'])
      .where('id', '=', session.userId)
      .executeTakeFirstOrThrow()
    const companies = await listUserCompanies(db, session.userId)
    const company = companies.find((c) => c.id === session.companyId)
    if (!company) throw unauthenticated('request.unauthenticated', 'Sign in again.')
    const grants =
      status === 'signed_in' ? await loadGrants(db, session.companyId, session.userId) : new Map<string, Reach>()
    return {
      status,
      csrfToken: session.csrfToken,
      user: {
        id: user.id,
        email: user.email,
        displayName: user.display_name,
        mfaEnabled: user.totp_enabled_at !== null,
      },
      company,
      companies,
      permissions: [...grants]
        .map(([permission, reach]) => ({ permission, reach }))
        .sort((a, b) => a.permission.localeCompare(b.permission)),
    }
  }

  const startCookie = (reply: FastifyReply, token: string) => {
    setSessionCookie(reply, token, { secure: secureCookies, maxAgeMs: policy.absoluteTimeoutMs })
  }

  // ---- sign-in and the pages reachable without a session -------------------

  app.post(
    '/auth/login',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password',
        body: LoginBody,
        response: { 200: SessionReply, ...errors },
      },
    },
    async (request, reply) => {
      const signedIn = await signIn(
        dbOf(request),
        {
          email: request.body.email,
          password: request.body.password,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        },
        policy,
        clock.now(),
      )
      startCookie(reply, signedIn.token)
      return sessionReply(dbOf(request), signedIn, signedIn.mfaRequired ? 'mfa_required' : 'signed_in')
    },
  )

  app.post(
    '/auth/mfa',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['auth'],
        summary: 'Second sign-in step: a TOTP or recovery code',
        body: MfaBody,
        response: { 200: SessionReply, ...errors },
      },
    },
    async (request, reply) => {
      const pending = request.session
      if (!pending?.mfaPending)
        throw unauthenticated('identity.no_pending_sign_in', 'Sign in with your password first.')
      const session = await completeSignIn(
        dbOf(request),
        secretKey,
        pending,
        request.body.code.trim(),
        { ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
        policy,
        clock.now(),
      )
      startCookie(reply, session.token)
      return sessionReply(
        dbOf(request),
        { userId: pending.userId, companyId: pending.companyId, csrfToken: session.csrfToken },
        'signed_in',
      )
    },
  )

  app.post(
    '/auth/logout',
    {
      config: { access: PUBLIC },
      schema: { tags: ['auth'], summary: 'Sign out', response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      if (request.session)
        await revokeSession(dbOf(request), request.session.userId, request.session.id, clock.now(), request.id)
      clearSessionCookie(reply, secureCookies)
      void reply.code(204)
      return null
    },
  )

  app.get(
    '/auth/session',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, company and permissions',
        response: { 200: SessionReply, ...errors },
      },
    },
    async (request) => {
      const session: LiveSession | null = request.session
      if (!session) throw unauthenticated('request.unauthenticated', 'Not signed in.')
      return sessionReply(dbOf(request), session, session.mfaPending ? 'mfa_required' : 'signed_in')
    },
  )

  app.post(
    '/auth/switch-company',
    {
      config: { access: AUTHENTICATED },
      schema: {
        tags: ['auth'],
        summary: 'Make another of your companies the active one',
        body: SwitchCompanyBody,
        response: { 200: SessionReply, ...errors },
      },
    },
    async (request) => {
      const session = request.session
      if (!session) throw unauthenticated('request.session_required', 'Switching company needs a browser session.')
      await switchCompany(dbOf(request), session, request.body.companyId)
      return sessionReply(dbOf(request), { ...session, companyId: request.body.companyId }, 'signed_in')
    },
  )

  app.post(
    '/auth/invitations/accept',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['auth'],
        summary: 'Set a password from an invitation link',
        body: AcceptInvitationBody,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await acceptInvitation(dbOf(request), request.body, clock.now())
      void reply.code(204)
      return null
    },
  )

  app.post(
    '/auth/password-reset/request',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['auth'],
        summary: 'E-mail a password reset link',
        body: PasswordResetRequestBody,
        response: { 202: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(dbOf(request), request.body.email, publicUrl, clock.now())
      void reply.code(202)
      return null
    },
  )

  app.post(
    '/auth/password-reset/complete',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['auth'],
        summary: 'Set a new password from a reset link',
        body: PasswordResetCompleteBody,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await completePasswordReset(dbOf(request), request.body, clock.now())
      void reply.code(204)
      return null
    },
  )

  // ---- the signed-in user's own account ---------------------------------------

  app.get(
    '/me/profile',
    {
      config: { access: AUTHENTICATED },
      schema: { tags: ['me'], summary: 'Your profile', response: { 200: User, ...errors } },
    },
    async (request) => {
      const actor = actorOf(request)
      return userJson(await getUser(dbOf(request), actor.companyId, actor.userId))
    },
  )

  app.patch(
    '/me/profile',
    {
      config: { access: AUTHENTICATED },
      schema: {
        tags: ['me'],
        summary: 'Change your display name',
        body: UpdateProfileBody,
        response: { 200: User, ...errors },
      },
    },
    async (request) => {
      const context = auditContextOf(request)
      await updateDisplayName(dbOf(request), context, request.body.displayName)
      return userJson(await getUser(dbOf(request), context.companyId, context.actorId))
    },
  )

  app.post(
    '/me/password',
    {
      config: { access: AUTHENTICATED },
      schema: {
        tags: ['me'],
        summary: 'Change your password (ends your other sessions)',
        body: ChangePasswordBody,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await changePassword(
        dbOf(request),
        auditContextOf(request),
        { ...request.body, keepSessionId: request.actor?.sessionId ?? undefined },
        clock.now(),
      )
      void reply.code(204)
      return null
    },
  )

  app.post(
    '/me/mfa/setup',
    {
      config: { access: AUTHENTICATED },
      schema: { tags: ['me'], summary: 'Start two-factor enrolment', response: { 200: MfaSetupReply, ...errors } },
    },
    async (request) => setupTotp(dbOf(request), secretKey, auditContextOf(request)),
  )

  app.post(
    '/me/mfa/enable',
    {
      config: { access: AUTHENTICATED },
      schema: {
        tags: ['me'],
        summary: 'Turn two-factor sign-in on with a first code',
        body: MfaEnableBody,
        response: { 200: RecoveryCodesReply, ...errors },
      },
    },
    async (request) => ({
      recoveryCodes: await enableTotp(
        dbOf(request),
        secretKey,
        auditContextOf(request),
        request.body.code,
        clock.now(),
      ),
    }),
  )

  app.post(
    '/me/mfa/disable',
    {
      config: { access: AUTHENTICATED },
      schema: {
        tags: ['me'],
        summary: 'Turn two-factor sign-in off',
        body: PasswordConfirmBody,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await disableTotp(dbOf(request), auditContextOf(request), request.body.password)
      void reply.code(204)
      return null
    },
  )

  app.post(
    '/me/mfa/recovery-codes',
    {
      config: { access: AUTHENTICATED },
      schema: {
        tags: ['me'],
        summary: 'Replace your recovery codes',
        body: PasswordConfirmBody,
        response: { 200: RecoveryCodesReply, ...errors },
      },
    },
    async (request) => ({
      recoveryCodes: await regenerateRecoveryCodes(dbOf(request), auditContextOf(request), request.body.password),
    }),
  )

  app.get(
    '/me/sessions',
    {
      config: { access: AUTHENTICATED },
      schema: { tags: ['me'], summary: 'Your active sessions', response: { 200: SessionList, ...errors } },
    },
    async (request) => {
      const actor = actorOf(request)
      const rows = await listUserSessions(dbOf(request), actor.userId, clock.now(), policy)
      return {
        items: rows.map((row) => ({
          id: row.id,
          current: row.id === actor.sessionId,
          createdAt: row.created_at.toISOString(),
          lastSeenAt: row.last_seen_at.toISOString(),
          expiresAt: row.expires_at.toISOString(),
          ip: row.ip,
          userAgent: row.user_agent,
        })),
      }
    },
  )

  app.delete(
    '/me/sessions/:id',
    {
      config: { access: AUTHENTICATED },
      schema: {
        tags: ['me'],
        summary: 'Sign out one of your sessions',
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request)
      if (!(await revokeSession(dbOf(request), actor.userId, request.params.id, clock.now(), request.id)))
        throw notFound('identity.session_not_found', 'No such session.')
      void reply.code(204)
      return null
    },
  )

  const tokenJson = (t: Awaited<ReturnType<typeof listApiTokens>>[number]) => ({
    ...t,
    expiresAt: t.expiresAt.toISOString(),
    revokedAt: t.revokedAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
  })

  app.get(
    '/me/tokens',
    {
      config: { access: AUTHENTICATED },
      schema: { tags: ['me'], summary: 'Your API tokens', response: { 200: ApiTokenList, ...errors } },
    },
    async (request) => {
      const actor = actorOf(request)
      return { items: (await listApiTokens(dbOf(request), actor.companyId, actor.userId)).map(tokenJson) }
    },
  )

  app.post(
    '/me/tokens',
    {
      config: { access: AUTHENTICATED, idempotent: true },
      schema: {
        tags: ['me'],
        summary: 'Create an API token (shown once)',
        body: CreateApiTokenBody,
        response: { 201: CreatedApiToken, ...errors },
      },
    },
    async (request, reply) => {
      const created = await createApiToken(dbOf(request), auditContextOf(request), request.body, clock.now())
      void reply.code(201)
      return { token: created.token, apiToken: tokenJson(created.apiToken) }
    },
  )

  app.delete(
    '/me/tokens/:id',
    {
      config: { access: AUTHENTICATED },
      schema: {
        tags: ['me'],
        summary: 'Revoke one of your API tokens',
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await revokeApiToken(dbOf(request), auditContextOf(request), request.params.id, clock.now())
      void reply.code(204)
      return null
    },
  )

  // ---- users and roles (administration) -------------------------------------

  app.get(
    '/identity/users',
    {
      config: { access: 'identity.user.read' },
      schema: {
        tags: ['identity'],
        summary: 'Users of the company',
        querystring: UserListQuery,
        response: { 200: UserPage, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request)
      const after = decodeCursor(request.query.cursor, isUserCursor)
      const userIds = await options.usersWithinReach(request, requirePermission(actor, 'identity.user.read'))
      const page = await listUsers(
        dbOf(request),
        actor.companyId,
        { q: request.query.q, status: request.query.status, userIds: userIds ?? undefined },
        { after, limit: pageSize(request.query.limit) },
      )
      return { items: page.items.map(userJson), nextCursor: page.next ? encodeCursor(page.next) : null }
    },
  )

  app.get(
    '/identity/users/:id',
    {
      config: { access: 'identity.user.read' },
      schema: { tags: ['identity'], summary: 'One user', params: IdParams, response: { 200: User, ...errors } },
    },
    async (request, reply) => {
      const actor = actorOf(request)
      const userIds = await options.usersWithinReach(request, requirePermission(actor, 'identity.user.read'))
      if (userIds && !userIds.includes(request.params.id)) throw notFound('identity.user_not_found', 'No such user.')
      const user = await getUser(dbOf(request), actor.companyId, request.params.id)
      setEtag(reply, user.version)
      return userJson(user)
    },
  )

  app.post(
    '/identity/users/invitations',
    {
      config: { access: 'identity.user.invite', idempotent: true },
      schema: {
        tags: ['identity'],
        summary: 'Invite a person by e-mail',
        body: InviteUserBody,
        response: { 201: InvitedUser, ...errors },
      },
    },
    async (request, reply) => {
      const context = auditContextOf(request)
      const { userId, invitationId } = await inviteUser(dbOf(request), context, request.body, publicUrl, clock.now())
      const user = await getUser(dbOf(request), context.companyId, userId)
      setEtag(reply, user.version)
      void reply.code(201)
      return { user: userJson(user), invitationId }
    },
  )

  app.put(
    '/identity/users/:id/roles',
    {
      config: { access: 'identity.user.update' },
      schema: {
        tags: ['identity'],
        summary: "Replace a user's roles",
        params: IdParams,
        body: SetRolesBody,
        response: { 200: User, ...errors },
      },
    },
    async (request, reply) => {
      const user = await setUserRoles(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        request.body.roleIds,
        expectedVersion(request),
      )
      setEtag(reply, user.version)
      return userJson(user)
    },
  )

  app.post(
    '/identity/users/:id/deactivate',
    {
      config: { access: 'identity.user.deactivate' },
      schema: {
        tags: ['identity'],
        summary: 'End a user’s access to the company',
        params: IdParams,
        response: { 200: User, ...errors },
      },
    },
    async (request, reply) => {
      const user = await deactivateUser(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        clock.now(),
        expectedVersion(request),
      )
      setEtag(reply, user.version)
      return userJson(user)
    },
  )

  app.post(
    '/identity/users/:id/reactivate',
    {
      config: { access: 'identity.user.deactivate' },
      schema: {
        tags: ['identity'],
        summary: 'Give a deactivated user access again',
        params: IdParams,
        response: { 200: User, ...errors },
      },
    },
    async (request, reply) => {
      const user = await reactivateUser(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        expectedVersion(request),
      )
      setEtag(reply, user.version)
      return userJson(user)
    },
  )

  app.get(
    '/identity/roles',
    {
      config: { access: 'identity.role.read' },
      schema: { tags: ['identity'], summary: 'Roles of the company', response: { 200: RoleList, ...errors } },
    },
    async (request) => ({
      items: await listRoles(dbOf(request), actorOf(request).companyId),
    }),
  )

  app.get(
    '/identity/roles/:id',
    {
      config: { access: 'identity.role.read' },
      schema: { tags: ['identity'], summary: 'One role', params: IdParams, response: { 200: Role, ...errors } },
    },
    async (request, reply) => {
      const role = await getRole(dbOf(request), actorOf(request).companyId, request.params.id)
      setEtag(reply, role.version)
      return role
    },
  )

  app.get(
    '/identity/permissions',
    {
      config: { access: 'identity.role.read' },
      schema: { tags: ['identity'], summary: 'The permission catalogue', response: { 200: PermissionList, ...errors } },
    },
    async () => ({
      items: permissionCatalogue(),
    }),
  )

  app.post(
    '/identity/roles',
    {
      config: { access: 'identity.role.manage', idempotent: true },
      schema: {
        tags: ['identity'],
        summary: 'Create a custom role',
        body: CreateRoleBody,
        response: { 201: Role, ...errors },
      },
    },
    async (request, reply) => {
      const role = await createRole(dbOf(request), auditContextOf(request), request.body)
      setEtag(reply, role.version)
      void reply.code(201)
      return role
    },
  )

  app.patch(
    '/identity/roles/:id',
    {
      config: { access: 'identity.role.manage' },
      schema: {
        tags: ['identity'],
        summary: 'Change a custom role',
        params: IdParams,
        body: UpdateRoleBody,
        response: { 200: Role, ...errors },
      },
    },
    async (request, reply) => {
      const role = await updateRole(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        request.body,
        expectedVersion(request),
      )
      setEtag(reply, role.version)
      return role
    },
  )

  app.delete(
    '/identity/roles/:id',
    {
      config: { access: 'identity.role.manage' },
      schema: {
        tags: ['identity'],
        summary: 'Delete a custom role nobody holds',
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteRole(dbOf(request), auditContextOf(request), request.params.id)
      void reply.code(204)
      return null
    },
  )
}
