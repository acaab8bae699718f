import { inTransaction, invalidField, isTimeZone, newId, notFound } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import {
  isWorkingAt,
  weeklyHoursProblem,
  workingMsBetween,
  workingPeriods,
  type BusinessCalendar,
  type WorkingInterval,
} from './business-time.ts'
import { STANDARD_WEEK } from './calendars.ts'
import type { OrgDeps } from './org.tables.ts'

/**
 * A person's business calendar between two instants: their own hours and
 * time zone if set, else their location's calendar, else the company's
 * default calendar, else Monday to Friday 09:00–17:00 in the company's time
 * zone; that calendar's holidays; and their absences overlapping the window.
 */
export async function personCalendar(
  db: Kysely<OrgDeps>,
  companyId: string,
  employeeId: string,
  window: { from: Date; to: Date },
): Promise<BusinessCalendar> {
  const person = await db
    .selectFrom('org_employee as e')
    .leftJoin('org_location as l', (j) =>
      j.onRef('l.company_id', '=', 'e.company_id').onRef('l.id', '=', 'e.location_id'),
    )
    .select(['e.time_zone', 'e.weekly_hours', 'l.calendar_id', 'l.time_zone as location_time_zone'])
    .where('e.company_id', '=', companyId)
    .where('e.id', '=', employeeId)
    .executeTakeFirst()
  if (!person) throw notFound('org.employee_not_found', 'No such employee.')
  let calendarQuery = db
    .selectFrom('org_calendar')
    .select(['id', 'time_zone', 'weekly_hours'])
    .where('company_id', '=', companyId)
  calendarQuery = person.calendar_id
    ? calendarQuery.where('id', '=', person.calendar_id)
    : calendarQuery.where('is_default', '=', true)
  const [calendar, profile, absences] = await Promise.all([
    calendarQuery.executeTakeFirst(),
    db.selectFrom('org_company_profile').select('time_zone').where('company_id', '=', companyId).executeTakeFirst(),
    db
      .selectFrom('org_absence')
      .select(['starts_at', 'ends_at'])
      .where('company_id', '=', companyId)
      .where('employee_id', '=', employeeId)
      .where('starts_at', '<', window.to)
      .where('ends_at', '>', window.from)
      .execute(),
  ])
  const holidays = calendar
    ? await db
        .selectFrom('org_holiday')
        .select('holiday_date')
        .where('company_id', '=', companyId)
        .where('calendar_id', '=', calendar.id)
        .execute()
    : []
  return {
    timeZone: person.time_zone ?? person.location_time_zone ?? calendar?.time_zone ?? profile?.time_zone ?? 'UTC',
    weeklyHours: person.weekly_hours ?? calendar?.weekly_hours ?? STANDARD_WEEK,
    holidays: new Set(holidays.map((h) => h.holiday_date)),
    absences: absences.map((a) => ({ startsAt: a.starts_at, endsAt: a.ends_at })),
  }
}

/** The one availability answer: working now, and working time and periods in a window. */
export async function availabilityOf(
  db: Kysely<OrgDeps>,
  companyId: string,
  employeeId: string,
  window: { from: Date; to: Date },
  now: Date,
) {
  const from = new Date(Math.min(window.from.getTime(), now.getTime()))
  const to = new Date(Math.max(window.to.getTime(), now.getTime() + 1))
  const calendar = await personCalendar(db, companyId, employeeId, { from, to })
  return {
    timeZone: calendar.timeZone,
    workingNow: isWorkingAt(calendar, now),
    workingMs: workingMsBetween(calendar, window.from, window.to),
    periods: workingPeriods(calendar, window.from, window.to),
  }
}

/** Sets or clears (null) a person's own hours and time zone; cleared, their location's calendar applies. */
export async function setWorkingHours(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  employeeId: string,
  input: { timeZone: string | null; weeklyHours: WorkingInterval[][] | null },
  now: Date,
) {
  if (input.timeZone !== null && !isTimeZone(input.timeZone))
    throw invalidField('org.unknown_time_zone', '/body/timeZone', `${input.timeZone} is not a known time zone.`)
  const problem = input.weeklyHours ? weeklyHoursProblem(input.weeklyHours) : null
  if (problem) throw invalidField('org.invalid_working_hours', '/body/weeklyHours', problem)
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('org_employee')
      .select(['time_zone', 'weekly_hours'])
      .where('company_id', '=', context.companyId)
      .where('id', '=', employeeId)
      .executeTakeFirst()
    if (!before) throw notFound('org.employee_not_found', 'No such employee.')
    await trx
      .updateTable('org_employee')
      .set((eb) => ({
        time_zone: input.timeZone,
        weekly_hours: input.weeklyHours ? JSON.stringify(input.weeklyHours) : null,
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('company_id', '=', context.companyId)
      .where('id', '=', employeeId)
      .execute()
    await recordAudit(trx, context, {
      action: 'org.employee.working_hours_changed',
      entityType: 'employee',
      entityId: employeeId,
      changes: {
        timeZone: { before: before.time_zone, after: input.timeZone },
        weeklyHours: { before: before.weekly_hours, after: input.weeklyHours },
      },
    })
  })
}

/**
 * Records a period a person is away (the leave module writes approved leave
 * here, with its own record as the source). Availability answers change at once.
 */
export async function recordAbsence(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  input: {
    employeeId: string
    startsAt: Date
    endsAt: Date
    reason: string
    source?: string
    sourceId?: string | null
  },
  now: Date,
): Promise<string> {
  if (input.endsAt.getTime() <= input.startsAt.getTime())
    throw invalidField('org.invalid_period', '/body/endsAt', 'An absence ends after it starts.')
  return inTransaction(db, async (trx) => {
    const id = newId()
    await trx
      .insertInto('org_absence')
      .values({
        company_id: context.companyId,
        id,
        employee_id: input.employeeId,
        starts_at: input.startsAt,
        ends_at: input.endsAt,
        reason: input.reason.trim(),
        source: input.source ?? 'org',
        source_id: input.sourceId ?? null,
        created_at: now,
      })
      .execute()
      .catch((error: unknown) => {
        if (typeof error === 'object' && error !== null && 'code' in error && error.code === '23503')
          throw notFound('org.employee_not_found', 'No such employee.')
        throw error
      })
    await recordAudit(trx, context, {
      action: 'org.absence.recorded',
      entityType: 'employee',
      entityId: input.employeeId,
      changes: {
        absence: { before: null, after: `${input.startsAt.toISOString()} – ${input.endsAt.toISOString()}` },
        source: { before: null, after: input.source ?? 'org' },
      },
    })
    return id
  })
}

/** Removes one of a person's absences (a cancelled leave); not_found for an id that is not theirs. */
export async function removeAbsence(db: Kysely<OrgDeps>, context: AuditContext, employeeId: string, absenceId: string) {
  return inTransaction(db, async (trx) => {
    const removed = await trx
      .deleteFrom('org_absence')
      .where('company_id', '=', context.companyId)
      .where('employee_id', '=', employeeId)
      .where('id', '=', absenceId)
      .returning(['employee_id', 'starts_at', 'ends_at'])
      .executeTakeFirst()
    if (!removed) throw notFound('org.absence_not_found', 'No such absence.')
    await recordAudit(trx, context, {
      action: 'org.absence.removed',
      entityType: 'employee',
      entityId: removed.employee_id,
      changes: {
        absence: { before: `${removed.starts_at.toISOString()} – ${removed.ends_at.toISOString()}`, after: null },
      },
    })
  })
}

export async function listAbsences(
  db: Kysely<OrgDeps>,
  companyId: string,
  employeeId: string,
  window: { from: Date; to: Date },
) {
  const rows = await db
    .selectFrom('org_absence')
    .select(['id', 'starts_at', 'ends_at', 'reason', 'source'])
    .where('company_id', '=', companyId)
    .where('employee_id', '=', employeeId)
    .where('starts_at', '<', window.to)
    .where('ends_at', '>', window.from)
    .orderBy('starts_at')
    .execute()
  return rows.map((r) => ({ id: r.id, startsAt: r.starts_at, endsAt: r.ends_at, reason: r.reason, source: r.source }))
}
