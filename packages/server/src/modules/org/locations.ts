import { inTransaction, invalidField, isTimeZone, isUniqueViolation, newId, notFound } from '@keel/kernel'
import { sql, type Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import { assertVersion, mapMissingReference } from './org-errors.ts'
import type { AddressJson, OrgDeps } from './org.tables.ts'

export interface LocationView {
  readonly id: string
  readonly name: string
  readonly timeZone: string
  readonly address: AddressJson
  /** The business calendar its people work by; null: the company's default. */
  readonly calendarId: string | null
  readonly archived: boolean
  readonly headcount: number
  readonly version: number
}

export interface LocationInput {
  readonly name: string
  readonly timeZone: string
  readonly address?: AddressJson | undefined
  readonly calendarId?: string | null | undefined
}

function baseQuery(db: Kysely<OrgDeps>, companyId: string) {
  return db
    .selectFrom('org_location as l')
    .select([
      'l.id',
      'l.name',
      'l.time_zone',
      'l.address',
      'l.calendar_id',
      'l.archived_at',
      'l.version',
      sql<number>`(select count(*)::int from org_employee e
        where e.company_id = l.company_id and e.location_id = l.id and e.status <> 'terminated')`.as('headcount'),
    ])
    .where('l.company_id', '=', companyId)
}

const toView = (row: Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number]): LocationView => ({
  id: row.id,
  name: row.name,
  timeZone: row.time_zone,
  address: row.address,
  calendarId: row.calendar_id,
  archived: row.archived_at !== null,
  headcount: row.headcount,
  version: row.version,
})

export async function listLocations(db: Kysely<OrgDeps>, companyId: string, includeArchived = false) {
  let query = baseQuery(db, companyId)
  if (!includeArchived) query = query.where('l.archived_at', 'is', null)
  return (await query.orderBy('l.name').execute()).map(toView)
}

export async function getLocation(db: Kysely<OrgDeps>, companyId: string, id: string): Promise<LocationView> {
  const row = await baseQuery(db, companyId).where('l.id', '=', id).executeTakeFirst()
  if (!row) throw notFound('org.location_not_found', 'No such location.')
  return toView(row)
}

function check(input: LocationInput) {
  if (!isTimeZone(input.timeZone))
    throw invalidField('org.unknown_time_zone', '/body/timeZone', `${input.timeZone} is not a known time zone.`)
}

const nameTaken = (name: string) =>
  invalidField('org.location_name_taken', '/body/name', `A location named ${name} exists.`)

export async function createLocation(db: Kysely<OrgDeps>, context: AuditContext, input: LocationInput, now: Date) {
  check(input)
  const id = newId()
  try {
    return await inTransaction(db, async (trx) => {
      await trx
        .insertInto('org_location')
        .values({
          company_id: context.companyId,
          id,
          name: input.name.trim(),
          time_zone: input.timeZone,
          address: JSON.stringify(input.address ?? {}),
          calendar_id: input.calendarId ?? null,
          created_at: now,
        })
        .execute()
      await recordAudit(trx, context, {
        action: 'org.location.created',
        entityType: 'location',
        entityId: id,
        changes: {
          name: { before: null, after: input.name.trim() },
          timeZone: { before: null, after: input.timeZone },
        },
      })
      return getLocation(trx, context.companyId, id)
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name)
    return mapMissingReference(error, { calendar_id: '/body/calendarId' })
  }
}

export async function updateLocation(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  id: string,
  input: LocationInput,
  expectedVersion?: number,
) {
  check(input)
  try {
    return await inTransaction(db, async (trx) => {
      const before = await getLocation(trx, context.companyId, id)
      assertVersion(before.version, expectedVersion, 'location')
      await trx
        .updateTable('org_location')
        .set((eb) => ({
          name: input.name.trim(),
          time_zone: input.timeZone,
          address: JSON.stringify(input.address ?? {}),
          calendar_id: input.calendarId === undefined ? before.calendarId : input.calendarId,
          version: eb('version', '+', 1),
        }))
        .where('company_id', '=', context.companyId)
        .where('id', '=', id)
        .execute()
      await recordAudit(trx, context, {
        action: 'org.location.updated',
        entityType: 'location',
        entityId: id,
        changes: {
          name: { before: before.name, after: input.name.trim() },
          timeZone: { before: before.timeZone, after: input.timeZone },
          address: { before: before.address, after: input.address ?? {} },
        },
      })
      return getLocation(trx, context.companyId, id)
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name)
    return mapMissingReference(error, { calendar_id: '/body/calendarId' })
  }
}

/** Archived locations keep their history but take no new placements. */
export async function setLocationArchived(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  id: string,
  archived: boolean,
  now: Date,
) {
  return inTransaction(db, async (trx) => {
    const before = await getLocation(trx, context.companyId, id)
    if (before.archived === archived) return before
    if (archived && before.headcount > 0)
      throw invalidField(
        'org.location_in_use',
        '/params/id',
        `${String(before.headcount)} people still work at ${before.name}: move them first.`,
      )
    await trx
      .updateTable('org_location')
      .set((eb) => ({ archived_at: archived ? now : null, version: eb('version', '+', 1) }))
      .where('company_id', '=', context.companyId)
      .where('id', '=', id)
      .execute()
    await recordAudit(trx, context, {
      action: archived ? 'org.location.archived' : 'org.location.restored',
      entityType: 'location',
      entityId: id,
      changes: { archived: { before: !archived, after: archived } },
    })
    return getLocation(trx, context.companyId, id)
  })
}
