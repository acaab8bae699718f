import {
  inTransaction,
  invalidField,
  isCalendarDate,
  isTimeZone,
  isUniqueViolation,
  newId,
  notFound,
} from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import { weeklyHoursProblem, type WorkingInterval } from './business-time.ts'
import { parseIcsHolidays } from './ical.ts'
import { assertVersion } from './org-errors.ts'
import type { OrgDeps } from './org.tables.ts'

export interface CalendarView {
  readonly id: string
  readonly name: string
  readonly timeZone: string
  readonly weeklyHours: WorkingInterval[][]
  readonly isDefault: boolean
  readonly holidays: { id: string; date: string; name: string }[]
  readonly version: number
}

export interface CalendarInput {
  readonly name: string
  readonly timeZone: string
  readonly weeklyHours: WorkingInterval[][]
  readonly isDefault?: boolean | undefined
}

/** Monday to Friday, 09:00–17:00: what a new company's default calendar starts as. */
export const STANDARD_WEEK: WorkingInterval[][] = [
  ...Array.from({ length: 5 }, () => [{ from: '09:00', to: '17:00' }]),
  [],
  [],
]

export async function listCalendars(db: Kysely<OrgDeps>, companyId: string): Promise<CalendarView[]> {
  const [calendars, holidays] = await Promise.all([
    db.selectFrom('org_calendar').selectAll().where('company_id', '=', companyId).orderBy('name').execute(),
    db
      .selectFrom('org_holiday')
      .select(['id', 'calendar_id', 'holiday_date', 'name'])
      .where('company_id', '=', companyId)
      .orderBy('holiday_date')
      .execute(),
  ])
  return calendars.map((c) => ({
    id: c.id,
    name: c.name,
    timeZone: c.time_zone,
    weeklyHours: c.weekly_hours,
    isDefault: c.is_default,
    holidays: holidays
      .filter((h) => h.calendar_id === c.id)
      .map((h) => ({ id: h.id, date: h.holiday_date, name: h.name })),
    version: c.version,
  }))
}

export async function getCalendar(db: Kysely<OrgDeps>, companyId: string, id: string): Promise<CalendarView> {
  const calendar = (await listCalendars(db, companyId)).find((c) => c.id === id)
  if (!calendar) throw notFound('org.calendar_not_found', 'No such calendar.')
  return calendar
}

function check(input: CalendarInput) {
  if (!isTimeZone(input.timeZone))
    throw invalidField('org.unknown_time_zone', '/body/timeZone', `${input.timeZone} is not a known time zone.`)
  const problem = weeklyHoursProblem(input.weeklyHours)
  if (problem) throw invalidField('org.invalid_working_hours', '/body/weeklyHours', problem)
}

const nameTaken = (name: string) =>
  invalidField('org.calendar_name_taken', '/body/name', `A calendar named ${name} exists.`)

/** The default calendar is the one locations without their own follow; making one default unmakes the other. */
async function takeDefault(db: Kysely<OrgDeps>, companyId: string, id: string) {
  await db
    .updateTable('org_calendar')
    .set((eb) => ({ is_default: false, version: eb('version', '+', 1) }))
    .where('company_id', '=', companyId)
    .where('is_default', '=', true)
    .where('id', '<>', id)
    .execute()
}

export async function createCalendar(db: Kysely<OrgDeps>, context: AuditContext, input: CalendarInput, now: Date) {
  check(input)
  const id = newId()
  try {
    return await inTransaction(db, async (trx) => {
      const first = !(await trx
        .selectFrom('org_calendar')
        .select('id')
        .where('company_id', '=', context.companyId)
        .executeTakeFirst())
      const isDefault = first || input.isDefault === true
      if (isDefault) await takeDefault(trx, context.companyId, id)
      await trx
        .insertInto('org_calendar')
        .values({
          company_id: context.companyId,
          id,
          name: input.name.trim(),
          time_zone: input.timeZone,
          weekly_hours: JSON.stringify(input.weeklyHours),
          is_default: isDefault,
          created_at: now,
        })
        .execute()
      await recordAudit(trx, context, {
        action: 'org.calendar.created',
        entityType: 'calendar',
        entityId: id,
        changes: {
          name: { before: null, after: input.name.trim() },
          timeZone: { before: null, after: input.timeZone },
          weeklyHours: { before: null, after: input.weeklyHours },
          isDefault: { before: null, after: isDefault },
        },
      })
      return getCalendar(trx, context.companyId, id)
    })
  } catch (error) {
    if (isUniqueViolation(error, 'org_calendar_company_id_name_key')) throw nameTaken(input.name)
    throw error
  }
}

export async function updateCalendar(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  id: string,
  input: CalendarInput,
  expectedVersion?: number,
) {
  check(input)
  try {
    return await inTransaction(db, async (trx) => {
      const before = await getCalendar(trx, context.companyId, id)
      assertVersion(before.version, expectedVersion, 'calendar')
      // There is always a default: it moves to another calendar, never away.
      const isDefault = before.isDefault || input.isDefault === true
      if (isDefault && !before.isDefault) await takeDefault(trx, context.companyId, id)
      await trx
        .updateTable('org_calendar')
        .set((eb) => ({
          name: input.name.trim(),
          time_zone: input.timeZone,
          weekly_hours: JSON.stringify(input.weeklyHours),
          is_default: isDefault,
          version: eb('version', '+', 1),
        }))
        .where('company_id', '=', context.companyId)
        .where('id', '=', id)
        .execute()
      await recordAudit(trx, context, {
        action: 'org.calendar.updated',
        entityType: 'calendar',
        entityId: id,
        changes: {
          name: { before: before.name, after: input.name.trim() },
          timeZone: { before: before.timeZone, after: input.timeZone },
          weeklyHours: { before: before.weeklyHours, after: input.weeklyHours },
          isDefault: { before: before.isDefault, after: isDefault },
        },
      })
      return getCalendar(trx, context.companyId, id)
    })
  } catch (error) {
    if (isUniqueViolation(error, 'org_calendar_company_id_name_key')) throw nameTaken(input.name)
    throw error
  }
}

export async function addHoliday(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  calendarId: string,
  input: { date: string; name: string },
  now: Date,
) {
  if (!isCalendarDate(input.date)) throw invalidField('org.invalid_date', '/body/date', 'Not a calendar date.')
  return inTransaction(db, async (trx) => {
    await getCalendar(trx, context.companyId, calendarId)
    const id = newId()
    const inserted = await trx
      .insertInto('org_holiday')
      .values({
        company_id: context.companyId,
        calendar_id: calendarId,
        id,
        holiday_date: input.date,
        name: input.name.trim(),
        source_uid: null,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['company_id', 'calendar_id', 'holiday_date']).doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!inserted)
      throw invalidField('org.holiday_exists', '/body/date', `${input.date} is already a holiday in this calendar.`)
    await recordAudit(trx, context, {
      action: 'org.holiday.added',
      entityType: 'calendar',
      entityId: calendarId,
      changes: { holiday: { before: null, after: `${input.date} ${input.name.trim()}` } },
    })
    return getCalendar(trx, context.companyId, calendarId)
  })
}

export async function removeHoliday(db: Kysely<OrgDeps>, context: AuditContext, calendarId: string, holidayId: string) {
  return inTransaction(db, async (trx) => {
    const removed = await trx
      .deleteFrom('org_holiday')
      .where('company_id', '=', context.companyId)
      .where('calendar_id', '=', calendarId)
      .where('id', '=', holidayId)
      .returning(['holiday_date', 'name'])
      .executeTakeFirst()
    if (!removed) throw notFound('org.holiday_not_found', 'No such holiday in this calendar.')
    await recordAudit(trx, context, {
      action: 'org.holiday.removed',
      entityType: 'calendar',
      entityId: calendarId,
      changes: { holiday: { before: `${removed.holiday_date} ${removed.name}`, after: null } },
    })
    return getCalendar(trx, context.companyId, calendarId)
  })
}

/**
 * Imports public holidays from an iCalendar file. `dryRun` reports what would
 * be added without writing. Dates the calendar already has are skipped, so the
 * same file imported twice adds nothing the second time.
 */
export async function importHolidays(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  calendarId: string,
  icsText: string,
  now: Date,
  dryRun: boolean,
) {
  const { holidays, problems } = parseIcsHolidays(icsText)
  if (holidays.length === 0 && problems.length > 0) throw invalidField('org.invalid_ics', '/body', problems.join(' '))
  return inTransaction(db, async (trx) => {
    const calendar = await getCalendar(trx, context.companyId, calendarId)
    const known = new Set(calendar.holidays.map((h) => h.date))
    const fresh = new Map<string, (typeof holidays)[number]>()
    for (const holiday of holidays)
      if (!known.has(holiday.date) && !fresh.has(holiday.date)) fresh.set(holiday.date, holiday)
    const toAdd = [...fresh.values()].sort((a, b) => (a.date < b.date ? -1 : 1))
    if (!dryRun && toAdd.length > 0) {
      await trx
        .insertInto('org_holiday')
        .values(
          toAdd.map((h) => ({
            company_id: context.companyId,
            calendar_id: calendarId,
            id: newId(),
            holiday_date: h.date,
            name: h.name.slice(0, 200),
            source_uid: h.uid.slice(0, 300),
            created_at: now,
          })),
        )
        .execute()
      await recordAudit(trx, context, {
        action: 'org.holidays.imported',
        entityType: 'calendar',
        entityId: calendarId,
        changes: { holidays: { before: null, after: toAdd.map((h) => `${h.date} ${h.name}`) } },
      })
    }
    return {
      dryRun,
      added: toAdd.map((h) => ({ date: h.date, name: h.name })),
      skipped: holidays.length - toAdd.length,
      problems,
    }
  })
}
