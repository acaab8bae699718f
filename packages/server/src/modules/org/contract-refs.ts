import { sql, type Kysely } from 'kysely'
import type { OrgDeps } from './org.tables.ts'

/** A firm's contract as other modules name it: which firm, which reference, when. */
export interface ContractRef {
  readonly id: string
  readonly reference: string
  readonly firm: { readonly id: string; readonly name: string }
  readonly startDate: string
  readonly endDate: string
}

/**
 * Contracts of the company's outsourcing firms, by firm and latest first —
 * all of them, or those with `ids` (unknown ids and other companies' are
 * simply absent). Work uses it to let a contract name the queues a firm
 * serves, without org knowing what a queue is.
 */
export async function firmContractRefs(
  db: Kysely<OrgDeps>,
  companyId: string,
  filter: { ids?: readonly string[] } = {},
): Promise<ContractRef[]> {
  if (filter.ids?.length === 0) return []
  let query = db
    .selectFrom('org_firm_contract as c')
    .innerJoin('org_external_firm as f', (join) =>
      join.onRef('f.company_id', '=', 'c.company_id').onRef('f.id', '=', 'c.firm_id'),
    )
    .select(['c.id', 'c.reference', 'c.start_date', 'c.end_date', 'f.id as firm_id', 'f.name as firm_name'])
    .where('c.company_id', '=', companyId)
  if (filter.ids) query = query.where('c.id', 'in', filter.ids)
  const rows = await query
    .orderBy(sql`lower(f.name)`)
    .orderBy('c.start_date', 'desc')
    .orderBy('c.id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    firm: { id: r.firm_id, name: r.firm_name },
    startDate: r.start_date,
    endDate: r.end_date,
  }))
}
