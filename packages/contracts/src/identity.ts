import { type Static, Type } from 'typebox'
import { Instant, Page, PageQuery, Uuid } from './common.ts'

export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 })
export const Password = Type.String({ minLength: 1, maxLength: 256 })
export const Reach = Type.Union([
  Type.Literal('own'),
  Type.Literal('team'),
  Type.Literal('department'),
  Type.Literal('company'),
])
export type Reach = Static<typeof Reach>

export const CompanySummary = Type.Object({ id: Uuid, name: Type.String(), slug: Type.String() })
export type CompanySummary = Static<typeof CompanySummary>

export const LoginBody = Type.Object({ email: Email, password: Password }, { additionalProperties: false })
export type LoginBody = Static<typeof LoginBody>

export const MfaBody = Type.Object(
  { code: Type.String({ minLength: 6, maxLength: 32, description: 'a TOTP code or a recovery code' }) },
  { additionalProperties: false },
)

/** The signed-in state the web app starts from. */
export const SessionReply = Type.Object({
  status: Type.Union([Type.Literal('signed_in'), Type.Literal('mfa_required')]),
  csrfToken: Type.String(),
  user: Type.Object({ id: Uuid, email: Type.String(), displayName: Type.String(), mfaEnabled: Type.Boolean() }),
  company: CompanySummary,
  companies: Type.Array(CompanySummary),
  /** Permission keys the user holds in the active company (each with its widest reach). */
  permissions: Type.Array(Type.Object({ permission: Type.String(), reach: Reach })),
})
export type SessionReply = Static<typeof SessionReply>

export const SwitchCompanyBody = Type.Object({ companyId: Uuid }, { additionalProperties: false })

export const AcceptInvitationBody = Type.Object(
  {
    token: Type.String({ minLength: 20, maxLength: 200 }),
    password: Password,
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
)
export const PasswordResetRequestBody = Type.Object({ email: Email }, { additionalProperties: false })
export const PasswordResetCompleteBody = Type.Object(
  { token: Type.String({ minLength: 20, maxLength: 200 }), password: Password },
  { additionalProperties: false },
)

export const ChangePasswordBody = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
)
export const UpdateProfileBody = Type.Object(
  { displayName: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
)

export const MfaSetupReply = Type.Object({ secret: Type.String(), otpauthUrl: Type.String(), qrSvg: Type.String() })
export const MfaEnableBody = Type.Object(
  { code: Type.String({ pattern: '^[0-9]{6}$' }) },
  { additionalProperties: false },
)
export const RecoveryCodesReply = Type.Object({ recoveryCodes: Type.Array(Type.String()) })
export const PasswordConfirmBody = Type.Object({ password: Password }, { additionalProperties: false })

export const SessionInfo = Type.Object({
  id: Uuid,
  current: Type.Boolean(),
  createdAt: Instant,
  lastSeenAt: Instant,
  expiresAt: Instant,
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
})
export const SessionList = Type.Object({ items: Type.Array(SessionInfo) })

export const ApiToken = Type.Object({
  id: Uuid,
  name: Type.String(),
  tokenPrefix: Type.String(),
  permissions: Type.Array(Type.String()),
  expiresAt: Instant,
  revokedAt: Type.Union([Instant, Type.Null()]),
  lastUsedAt: Type.Union([Instant, Type.Null()]),
  createdAt: Instant,
})
export type ApiToken = Static<typeof ApiToken>
export const ApiTokenList = Type.Object({ items: Type.Array(ApiToken) })
export const CreateApiTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    permissions: Type.Array(Type.String({ maxLength: 100 }), { minItems: 1, maxItems: 200, uniqueItems: true }),
    expiresInDays: Type.Integer({ minimum: 1, maximum: 366 }),
  },
  { additionalProperties: false },
)
/** The token itself is shown once, here, and never again. */
export const CreatedApiToken = Type.Object({ token: Type.String(), apiToken: ApiToken })

export const RoleRef = Type.Object({ id: Uuid, key: Type.String(), name: Type.String() })
export const User = Type.Object({
  id: Uuid,
  email: Type.String(),
  displayName: Type.String(),
  status: Type.Union([Type.Literal('invited'), Type.Literal('active'), Type.Literal('deactivated')]),
  mfaEnabled: Type.Boolean(),
  /** External staff of an outsourcing firm (see /org/external-accounts). */
  external: Type.Boolean(),
  roles: Type.Array(RoleRef),
  createdAt: Instant,
  version: Type.Integer(),
})
export type User = Static<typeof User>
export const UserPage = Page(User)
export const UserListQuery = Type.Object({
  ...PageQuery.properties,
  q: Type.Optional(Type.String({ maxLength: 200 })),
  status: Type.Optional(Type.Union([Type.Literal('invited'), Type.Literal('active'), Type.Literal('deactivated')])),
})
export const InviteUserBody = Type.Object(
  {
    email: Email,
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    roleIds: Type.Array(Uuid, { minItems: 1, maxItems: 20, uniqueItems: true }),
  },
  { additionalProperties: false },
)
export const InvitedUser = Type.Object({ user: User, invitationId: Uuid })
export const SetRolesBody = Type.Object(
  { roleIds: Type.Array(Uuid, { maxItems: 20, uniqueItems: true }) },
  { additionalProperties: false },
)

export const RolePermission = Type.Object(
  { permission: Type.String({ maxLength: 100 }), reach: Reach },
  { additionalProperties: false },
)
export const Role = Type.Object({
  id: Uuid,
  key: Type.String(),
  name: Type.String(),
  description: Type.String(),
  builtin: Type.Boolean(),
  permissions: Type.Array(RolePermission),
  memberCount: Type.Integer(),
  version: Type.Integer(),
})
export type Role = Static<typeof Role>
export const RoleList = Type.Object({ items: Type.Array(Role) })
export const CreateRoleBody = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$' }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    permissions: Type.Array(RolePermission, { maxItems: 500 }),
  },
  { additionalProperties: false },
)
export const UpdateRoleBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    permissions: Type.Optional(Type.Array(RolePermission, { maxItems: 500 })),
  },
  { additionalProperties: false },
)
export const PermissionInfo = Type.Object({ key: Type.String(), module: Type.String(), description: Type.String() })
export const PermissionList = Type.Object({ items: Type.Array(PermissionInfo) })
