/** Who is acting, for whom, and in which request: carried into every audited command. */
export interface AuditContext {
  readonly companyId: string
  readonly actorId: string | null
  readonly actorKind: 'user' | 'token' | 'system' | 'anonymous'
  readonly requestId: string | null
}

/** A command run by Keel itself (migrations, seeds, jobs, the CLI). */
export const systemContext = (companyId: string, requestId: string | null = null): AuditContext => ({
  companyId,
  actorId: null,
  actorKind: 'system',
  requestId,
})
