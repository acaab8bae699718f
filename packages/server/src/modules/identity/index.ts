// Identity's public surface: companies, users, sessions, roles, tokens.
// Other modules, the HTTP layer and the CLI import from here and nowhere else.
export { type Actor, reachOf, requirePermission } from './actor.ts'
export {
  createApiToken,
  listApiTokens,
  resolveApiToken,
  revokeApiToken,
  tokenGrants,
  type TokenActor,
} from './api-tokens.ts'
export { BUILTIN_ROLES } from './builtin-roles.ts'
export { changePassword } from './change-password.ts'
export { completeSignIn, switchCompany } from './complete-sign-in.ts'
export { createCompany, type CreatedCompany } from './create-company.ts'
export { createUser, normalizeEmail } from './create-user.ts'
export { identityDb, type IdentityDeps, type IdentityTables } from './identity.tables.ts'
export { acceptInvitation, completePasswordReset, inviteUser, requestPasswordReset } from './invitations.ts'
export { loadGrants } from './load-grants.ts'
export { checkPasswordPolicy, hashPassword } from './passwords.ts'
export { setPasswordByOperator } from './set-password.ts'
export {
  AUTHENTICATED,
  isPermission,
  permissionCatalogue,
  PERMISSIONS,
  PUBLIC,
  type Permission,
  type RouteAccess,
} from './permissions.ts'
export { createRole, deleteRole, getRole, listRoles, updateRole } from './roles.ts'
export { decryptSecret, deriveKey, encryptSecret } from './secrets.ts'
export { openBytes, sealBytes } from './seal-bytes.ts'
export { eraseUserForCompany, userProfileForExport } from './erase-user.ts'
export { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from './session-cookie.ts'
export {
  listUserSessions,
  purgeExpiredSessions,
  resolveSession,
  revokeSession,
  revokeUserSessions,
  startSession,
  type LiveSession,
  type SessionPolicy,
} from './sessions.ts'
export { signIn, type LockoutPolicy } from './sign-in.ts'
export { syncBuiltinRoles } from './sync-builtin-roles.ts'
export {
  checkSecondFactor,
  currentTotpCode,
  disableTotp,
  enableTotp,
  regenerateRecoveryCodes,
  setupTotp,
} from './totp.ts'
export {
  deactivateUser,
  getUser,
  listUserCompanies,
  listUsers,
  reactivateUser,
  setUserRoles,
  updateDisplayName,
  type UserView,
} from './users.ts'
export { identityRoutes } from './identity.routes.ts'
export { markExternalMember } from './mark-external-member.ts'
export { actorOf, auditContextOf } from './request-actor.ts'
