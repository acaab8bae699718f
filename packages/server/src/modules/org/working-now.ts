import type { Kysely } from 'kysely'
import { personCalendar } from './availability.ts'
import { isWorkingAt } from './business-time.ts'
import type { OrgDeps } from './org.tables.ts'

/** Whether a person works at an instant, and if not, why: away (an absence) or outside their hours. */
export type WorkingState = 'working' | 'absent' | 'off_shift'

/**
 * The working state of several people at one instant (assignment asks this
 * of a whole queue): an absence covering the instant makes a person
 * `absent`; otherwise outside their working hours or on a holiday they are
 * `off_shift`. Each person's calendar is the one `availabilityOf` uses.
 */
export async function workingStatesAt(
  db: Kysely<OrgDeps>,
  companyId: string,
  employeeIds: readonly string[],
  at: Date,
): Promise<ReadonlyMap<string, WorkingState>> {
  const window = { from: at, to: new Date(at.getTime() + 1) }
  const states = await Promise.all(
    employeeIds.map(async (id): Promise<[string, WorkingState]> => {
      const calendar = await personCalendar(db, companyId, id, window)
      const away = calendar.absences.some((a) => a.startsAt <= at && a.endsAt > at)
      if (away) return [id, 'absent']
      return [id, isWorkingAt(calendar, at) ? 'working' : 'off_shift']
    }),
  )
  return new Map(states)
}
