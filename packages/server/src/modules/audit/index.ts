// The audit trail's public surface. Every module records through `recordAudit`
// inside its own transaction; audit imports no other module (it is the leaf).
export { type AuditContext, systemContext } from './audit-context.ts'
export { auditDb, type AuditTables } from './audit.tables.ts'
export { canonicalJson } from './canonical-json.ts'
export { listAuditEvents, type AuditEventFilter, type AuditEventRow } from './list-audit-events.ts'
export { recordAudit, type AuditInput, type Changes } from './record-audit.ts'
export { auditChainLength, verifyAuditChain, type ChainVerdict } from './verify-audit-chain.ts'
export { auditRoutes } from './audit.routes.ts'
