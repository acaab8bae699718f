import type { Kysely } from 'kysely'
import { departmentSubtree } from './departments.ts'
import type { OrgDeps } from './org.tables.ts'

/**
 * What an external user may act on today: the departments (each with every
 * department below it) of their firm's contracts that run today. Contracts
 * are the unit other modules scope by too: the work module keeps its own
 * (contract, queue) table and reads `runningContractIds` from here, so queue
 * scope exists without org knowing about queues.
 */
export interface ExternalScope {
  readonly accountId: string
  readonly firmId: string
  readonly firmName: string
  readonly status: 'active' | 'expired' | 'revoked'
  readonly runningContractIds: readonly string[]
  readonly departmentIds: readonly string[]
  /** Why the account may not act at all today, or null when it may. */
  readonly refusal: string | null
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's external scope (external-access-gate.ts), or null for everyone who is not external staff. */
    externalScope: ExternalScope | null
  }
}

/** Whether the account behind `userId` is an external one in this company (one indexed lookup). */
export async function externalAccountOf(db: Kysely<OrgDeps>, companyId: string, userId: string) {
  return db
    .selectFrom('org_external_account as a')
    .innerJoin('org_external_firm as f', (join) =>
      join.onRef('f.company_id', '=', 'a.company_id').onRef('f.id', '=', 'a.firm_id'),
    )
    .select(['a.id', 'a.firm_id', 'a.status', 'f.name as firm_name'])
    .where('a.company_id', '=', companyId)
    .where('a.user_id', '=', userId)
    .executeTakeFirst()
}

/**
 * The scope of `userId` in the company on `today` (the company's calendar
 * date), or null when the user is not an external account at all (employees
 * and administrators are never cut down by this).
 */
export async function externalScopeOf(
  db: Kysely<OrgDeps>,
  companyId: string,
  userId: string,
  today: string,
): Promise<ExternalScope | null> {
  const account = await externalAccountOf(db, companyId, userId)
  if (!account) return null
  const running = await db
    .selectFrom('org_firm_contract')
    .select('id')
    .where('company_id', '=', companyId)
    .where('firm_id', '=', account.firm_id)
    .where('start_date', '<=', today)
    .where('end_date', '>=', today)
    .execute()
  const runningContractIds = running.map((c) => c.id)
  const roots =
    runningContractIds.length === 0
      ? []
      : await db
          .selectFrom('org_firm_contract_department')
          .select('department_id')
          .distinct()
          .where('company_id', '=', companyId)
          .where('contract_id', 'in', runningContractIds)
          .execute()
  const departmentIds = await departmentSubtree(
    db,
    companyId,
    roots.map((r) => r.department_id),
  )
  const refusal =
    account.status === 'revoked'
      ? 'Your external access was revoked. Ask your sponsor if you need it again.'
      : account.status === 'expired' || runningContractIds.length === 0
        ? `The contract between ${account.firm_name} and this company is not running, so your access has ended. Ask your sponsor to have it renewed.`
        : null
  return {
    accountId: account.id,
    firmId: account.firm_id,
    firmName: account.firm_name,
    status: account.status,
    runningContractIds,
    departmentIds,
    refusal,
  }
}

/** Whether a record placed in `departmentId` lies within the scope (no scope: not an external user, everything). */
export function withinExternalScope(scope: ExternalScope | null, departmentId: string | null): boolean {
  if (!scope) return true
  return departmentId !== null && scope.departmentIds.includes(departmentId)
}
