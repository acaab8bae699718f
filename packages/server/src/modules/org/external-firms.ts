import { inTransaction, invalidField, isUniqueViolation, newId, notFound } from '@keel/kernel'
import { sql, type Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import { assertVersion } from './org-errors.ts'
import type { OrgDeps } from './org.tables.ts'

export interface ExternalFirmInput {
  readonly name: string
  readonly registrationId?: string | null | undefined
  readonly taxId?: string | null | undefined
  readonly contactName?: string | null | undefined
  readonly contactEmail?: string | null | undefined
  readonly contactPhone?: string | null | undefined
  readonly notes?: string | null | undefined
  readonly archived?: boolean | undefined
}

/** Keyset position in the firm list: name, then id. */
export interface FirmCursor {
  readonly name: string
  readonly id: string
}
export const isFirmCursor = (v: unknown): v is FirmCursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { name?: unknown }).name === 'string' &&
  typeof (v as { id?: unknown }).id === 'string'

const blankToNull = (value: string | null | undefined) => value?.trim() || null

function firmQuery(db: Kysely<OrgDeps>, companyId: string, today: string) {
  return db
    .selectFrom('org_external_firm as f')
    .select((eb) => [
      'f.id',
      'f.name',
      'f.registration_id',
      'f.tax_id',
      'f.contact_name',
      'f.contact_email',
      'f.contact_phone',
      'f.notes',
      'f.archived_at',
      'f.version',
      'f.created_at',
      eb
        .selectFrom('org_firm_contract as c')
        .select(eb.fn.countAll<bigint>().as('n'))
        .whereRef('c.company_id', '=', 'f.company_id')
        .whereRef('c.firm_id', '=', 'f.id')
        .where('c.start_date', '<=', today)
        .where('c.end_date', '>=', today)
        .as('running_contracts'),
      eb
        .selectFrom('org_external_account as a')
        .select(eb.fn.countAll<bigint>().as('n'))
        .whereRef('a.company_id', '=', 'f.company_id')
        .whereRef('a.firm_id', '=', 'f.id')
        .where('a.status', '=', 'active')
        .as('active_accounts'),
    ])
    .where('f.company_id', '=', companyId)
}

type FirmRow = Awaited<ReturnType<ReturnType<typeof firmQuery>['executeTakeFirstOrThrow']>>

const toFirm = (r: FirmRow) => ({
  id: r.id,
  name: r.name,
  registrationId: r.registration_id,
  taxId: r.tax_id,
  contactName: r.contact_name,
  contactEmail: r.contact_email,
  contactPhone: r.contact_phone,
  notes: r.notes,
  archived: r.archived_at !== null,
  runningContracts: Number(r.running_contracts ?? 0n),
  activeAccounts: Number(r.active_accounts ?? 0n),
  version: r.version,
  createdAt: r.created_at.toISOString(),
})

export async function getExternalFirm(db: Kysely<OrgDeps>, companyId: string, id: string, today: string) {
  const row = await firmQuery(db, companyId, today).where('f.id', '=', id).executeTakeFirst()
  if (!row) throw notFound('org.firm_not_found', 'No such external firm.')
  return toFirm(row)
}

export async function listExternalFirms(
  db: Kysely<OrgDeps>,
  companyId: string,
  filter: { q?: string | undefined; includeArchived?: boolean | undefined },
  page: { after: FirmCursor | null; limit: number },
  today: string,
) {
  let query = firmQuery(db, companyId, today)
  if (!filter.includeArchived) query = query.where('f.archived_at', 'is', null)
  const q = filter.q?.trim().toLowerCase()
  if (q) query = query.where(sql<boolean>`lower(f.name) like ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`)
  const { after } = page
  if (after)
    query = query.where((eb) =>
      eb.or([eb('f.name', '>', after.name), eb.and([eb('f.name', '=', after.name), eb('f.id', '>', after.id)])]),
    )
  const rows = await query
    .orderBy('f.name')
    .orderBy('f.id')
    .limit(page.limit + 1)
    .execute()
  const shown = rows.slice(0, page.limit)
  const last = shown.at(-1)
  return {
    items: shown.map(toFirm),
    next: rows.length > page.limit && last ? { name: last.name, id: last.id } : null,
  }
}

const nameTaken = (name: string) =>
  invalidField('org.firm_name_taken', '/body/name', `An external firm named ${name.trim()} exists.`)

function checkContactEmail(email: string | null) {
  if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw invalidField('org.invalid_email', '/body/contactEmail', 'Enter a valid e-mail address.')
}

export async function createExternalFirm(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  input: ExternalFirmInput,
  now: Date,
  today: string,
) {
  const id = newId()
  const values = {
    name: input.name.trim(),
    registration_id: blankToNull(input.registrationId),
    tax_id: blankToNull(input.taxId),
    contact_name: blankToNull(input.contactName),
    contact_email: blankToNull(input.contactEmail),
    contact_phone: blankToNull(input.contactPhone),
    notes: blankToNull(input.notes),
  }
  if (values.name.length === 0) throw invalidField('org.invalid_name', '/body/name', 'Enter the firm’s name.')
  checkContactEmail(values.contact_email)
  try {
    return await inTransaction(db, async (trx) => {
      await trx
        .insertInto('org_external_firm')
        .values({ company_id: context.companyId, id, ...values, created_at: now })
        .execute()
      await recordAudit(trx, context, {
        action: 'org.external_firm.created',
        entityType: 'external_firm',
        entityId: id,
        changes: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { before: null, after: v }])),
      })
      return getExternalFirm(trx, context.companyId, id, today)
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name)
    throw error
  }
}

export async function updateExternalFirm(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  id: string,
  input: ExternalFirmInput,
  now: Date,
  today: string,
  expectedVersion?: number,
) {
  try {
    return await inTransaction(db, async (trx) => {
      const before = await getExternalFirm(trx, context.companyId, id, today)
      assertVersion(before.version, expectedVersion, 'firm')
      const after = {
        name: input.name.trim(),
        registrationId: input.registrationId === undefined ? before.registrationId : blankToNull(input.registrationId),
        taxId: input.taxId === undefined ? before.taxId : blankToNull(input.taxId),
        contactName: input.contactName === undefined ? before.contactName : blankToNull(input.contactName),
        contactEmail: input.contactEmail === undefined ? before.contactEmail : blankToNull(input.contactEmail),
        contactPhone: input.contactPhone === undefined ? before.contactPhone : blankToNull(input.contactPhone),
        notes: input.notes === undefined ? before.notes : blankToNull(input.notes),
        archived: input.archived ?? before.archived,
      }
      if (after.name.length === 0) throw invalidField('org.invalid_name', '/body/name', 'Enter the firm’s name.')
      checkContactEmail(after.contactEmail)
      await trx
        .updateTable('org_external_firm')
        .set((eb) => ({
          name: after.name,
          registration_id: after.registrationId,
          tax_id: after.taxId,
          contact_name: after.contactName,
          contact_email: after.contactEmail,
          contact_phone: after.contactPhone,
          notes: after.notes,
          archived_at: after.archived ? (before.archived ? undefined : now) : null,
          version: eb('version', '+', 1),
        }))
        .where('company_id', '=', context.companyId)
        .where('id', '=', id)
        .execute()
      const changes = Object.fromEntries(
        Object.entries(after)
          .filter(([key, value]) => before[key as keyof typeof before] !== value)
          .map(([key, value]) => [key, { before: before[key as keyof typeof before], after: value }]),
      )
      await recordAudit(trx, context, {
        action: 'org.external_firm.updated',
        entityType: 'external_firm',
        entityId: id,
        changes,
      })
      return getExternalFirm(trx, context.companyId, id, today)
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name)
    throw error
  }
}
