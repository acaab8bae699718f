import { notFound } from '@keel/kernel'
import type { FastifyRequest } from 'fastify'
import { withinExternalScope } from './external-scope.ts'
import { orgDb } from './org.tables.ts'

const PREFIX = '/api/v1/org/'

/**
 * For external staff, one record of org by id (a person and everything under
 * /employees/:id, a department, a team, a position) outside their scope does
 * not exist: 404, as for an id of another company. Lists apply the same scope
 * in their queries; this covers every route that names one record, including
 * the ones added later under the same paths. Costs nothing for everyone else.
 */
export async function externalScopeGuard(request: FastifyRequest): Promise<void> {
  const scope = request.externalScope
  const actor = request.actor
  const id = (request.params as { id?: unknown } | undefined)?.id
  if (!scope || !actor || typeof id !== 'string') return
  const url = request.routeOptions.url ?? ''
  if (!url.startsWith(PREFIX)) return
  const db = orgDb(request.db)
  const resource = url.slice(PREFIX.length).split('/')[0]
  const departmentOf = async (): Promise<{ found: boolean; departmentId: string | null; open: boolean }> => {
    switch (resource) {
      case 'employees': {
        const row = await db
          .selectFrom('org_employee')
          .select('department_id')
          .where('company_id', '=', actor.companyId)
          .where('id', '=', id)
          .executeTakeFirst()
        return { found: row !== undefined, departmentId: row?.department_id ?? null, open: false }
      }
      case 'departments':
        return { found: true, departmentId: id, open: false }
      case 'teams': {
        const row = await db
          .selectFrom('org_team')
          .select('department_id')
          .where('company_id', '=', actor.companyId)
          .where('id', '=', id)
          .executeTakeFirst()
        return { found: row !== undefined, departmentId: row?.department_id ?? null, open: false }
      }
      case 'positions': {
        // A position no department owns (a company-wide title) is visible to all.
        const row = await db
          .selectFrom('org_position')
          .select('department_id')
          .where('company_id', '=', actor.companyId)
          .where('id', '=', id)
          .executeTakeFirst()
        return { found: row !== undefined, departmentId: row?.department_id ?? null, open: row?.department_id === null }
      }
      case undefined:
      default:
        return { found: false, departmentId: null, open: true }
    }
  }
  const { found, departmentId, open } = await departmentOf()
  // Unknown ids fall through to the handler's own 404.
  if (!found || open || withinExternalScope(scope, departmentId)) return
  const what = resource === 'employees' ? 'employee' : (resource ?? 'record').replace(/s$/, '')
  throw notFound(`org.${what}_not_found`, `No such ${what}.`)
}
