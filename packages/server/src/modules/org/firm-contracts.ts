import { inTransaction, invalidField, isCalendarDate, isUniqueViolation, newId, notFound } from '@keel/kernel'
import type { Kysely, Transaction } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import { getExternalFirm } from './external-firms.ts'
import { assertVersion } from './org-errors.ts'
import type { OrgDeps } from './org.tables.ts'

export interface FirmContractInput {
  readonly reference: string
  readonly startDate: string
  readonly endDate: string
  readonly notes?: string | null | undefined
  readonly departmentIds: readonly string[]
}

export type ContractStatus = 'upcoming' | 'running' | 'ended'

/** Running from the start date to the end date inclusive, as the company's calendar has it. */
export const contractStatus = (startDate: string, endDate: string, today: string): ContractStatus =>
  today < startDate ? 'upcoming' : today > endDate ? 'ended' : 'running'

/** A firm's contracts, latest first, each with its department scope. */
export async function listFirmContracts(db: Kysely<OrgDeps>, companyId: string, firmId: string, today: string) {
  const contracts = await db
    .selectFrom('org_firm_contract')
    .select(['id', 'firm_id', 'reference', 'start_date', 'end_date', 'notes', 'version'])
    .where('company_id', '=', companyId)
    .where('firm_id', '=', firmId)
    .orderBy('start_date', 'desc')
    .orderBy('id')
    .execute()
  const scope =
    contracts.length === 0
      ? []
      : await db
          .selectFrom('org_firm_contract_department as s')
          .innerJoin('org_department as d', (join) =>
            join.onRef('d.company_id', '=', 's.company_id').onRef('d.id', '=', 's.department_id'),
          )
          .select(['s.contract_id', 'd.id', 'd.name'])
          .where('s.company_id', '=', companyId)
          .where(
            's.contract_id',
            'in',
            contracts.map((c) => c.id),
          )
          .orderBy('d.name')
          .execute()
  return contracts.map((c) => ({
    id: c.id,
    firmId: c.firm_id,
    reference: c.reference,
    startDate: c.start_date,
    endDate: c.end_date,
    notes: c.notes,
    departments: scope.filter((s) => s.contract_id === c.id).map((s) => ({ id: s.id, name: s.name })),
    status: contractStatus(c.start_date, c.end_date, today),
    version: c.version,
  }))
}

async function getFirmContract(db: Kysely<OrgDeps>, companyId: string, firmId: string, id: string, today: string) {
  const contract = (await listFirmContracts(db, companyId, firmId, today)).find((c) => c.id === id)
  if (!contract) throw notFound('org.contract_not_found', 'No such contract.')
  return contract
}

/** Dates in order, departments of this company: bad input names its field and writes nothing. */
async function checkContract(db: Kysely<OrgDeps>, companyId: string, input: FirmContractInput) {
  if (!isCalendarDate(input.startDate))
    throw invalidField('org.invalid_date', '/body/startDate', 'Not a calendar date.')
  if (!isCalendarDate(input.endDate)) throw invalidField('org.invalid_date', '/body/endDate', 'Not a calendar date.')
  if (input.endDate < input.startDate)
    throw invalidField(
      'org.contract_ends_before_start',
      '/body/endDate',
      'The contract must end on or after its start.',
    )
  if (input.reference.trim().length === 0)
    throw invalidField('org.invalid_reference', '/body/reference', 'Enter the contract reference.')
  if (input.departmentIds.length === 0) return
  const found = await db
    .selectFrom('org_department')
    .select('id')
    .where('company_id', '=', companyId)
    .where('id', 'in', [...input.departmentIds])
    .execute()
  const known = new Set(found.map((d) => d.id))
  const index = input.departmentIds.findIndex((id) => !known.has(id))
  if (index >= 0)
    throw invalidField('org.unknown_reference', `/body/departmentIds/${String(index)}`, 'No such department.')
}

async function writeScope(
  trx: Transaction<OrgDeps>,
  companyId: string,
  contractId: string,
  departmentIds: readonly string[],
) {
  await trx
    .deleteFrom('org_firm_contract_department')
    .where('company_id', '=', companyId)
    .where('contract_id', '=', contractId)
    .execute()
  if (departmentIds.length > 0)
    await trx
      .insertInto('org_firm_contract_department')
      .values(
        departmentIds.map((departmentId) => ({
          company_id: companyId,
          contract_id: contractId,
          department_id: departmentId,
        })),
      )
      .execute()
}

const referenceTaken = (reference: string) =>
  invalidField('org.contract_reference_taken', '/body/reference', `This firm has a contract ${reference.trim()}.`)

export async function createFirmContract(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  firmId: string,
  input: FirmContractInput,
  now: Date,
  today: string,
) {
  const id = newId()
  try {
    return await inTransaction(db, async (trx) => {
      await getExternalFirm(trx, context.companyId, firmId, today)
      await checkContract(trx, context.companyId, input)
      await trx
        .insertInto('org_firm_contract')
        .values({
          company_id: context.companyId,
          id,
          firm_id: firmId,
          reference: input.reference.trim(),
          start_date: input.startDate,
          end_date: input.endDate,
          notes: input.notes?.trim() || null,
          created_at: now,
        })
        .execute()
      await writeScope(trx, context.companyId, id, input.departmentIds)
      await recordAudit(trx, context, {
        action: 'org.firm_contract.created',
        entityType: 'firm_contract',
        entityId: id,
        changes: {
          firmId: { before: null, after: firmId },
          reference: { before: null, after: input.reference.trim() },
          startDate: { before: null, after: input.startDate },
          endDate: { before: null, after: input.endDate },
          departmentIds: { before: null, after: [...input.departmentIds].sort() },
        },
      })
      return getFirmContract(trx, context.companyId, firmId, id, today)
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw referenceTaken(input.reference)
    throw error
  }
}

/** Changes dates (a renewal extends the end date) and scope; access follows on the next request. */
export async function updateFirmContract(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  firmId: string,
  id: string,
  input: FirmContractInput,
  today: string,
  expectedVersion?: number,
) {
  try {
    return await inTransaction(db, async (trx) => {
      const before = await getFirmContract(trx, context.companyId, firmId, id, today)
      assertVersion(before.version, expectedVersion, 'contract')
      await checkContract(trx, context.companyId, input)
      await trx
        .updateTable('org_firm_contract')
        .set((eb) => ({
          reference: input.reference.trim(),
          start_date: input.startDate,
          end_date: input.endDate,
          notes: input.notes === undefined ? before.notes : input.notes?.trim() || null,
          version: eb('version', '+', 1),
        }))
        .where('company_id', '=', context.companyId)
        .where('id', '=', id)
        .execute()
      await writeScope(trx, context.companyId, id, input.departmentIds)
      await recordAudit(trx, context, {
        action: 'org.firm_contract.updated',
        entityType: 'firm_contract',
        entityId: id,
        changes: {
          reference: { before: before.reference, after: input.reference.trim() },
          startDate: { before: before.startDate, after: input.startDate },
          endDate: { before: before.endDate, after: input.endDate },
          departmentIds: {
            before: before.departments.map((d) => d.id).sort(),
            after: [...input.departmentIds].sort(),
          },
        },
      })
      return getFirmContract(trx, context.companyId, firmId, id, today)
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw referenceTaken(input.reference)
    throw error
  }
}
