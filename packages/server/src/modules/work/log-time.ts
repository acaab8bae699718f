import { inTransaction, invalidField, isCalendarDate, newId } from '@keel/kernel'
import type { Kysely } from 'kysely'
import type { AuditContext } from '../audit/index.ts'
import { itemFor } from './item-access.ts'
import { recordItemChange } from './item-history.ts'
import { saveItem } from './save-item.ts'
import type { WorkViewer } from './work-viewer.ts'
import type { WorkDeps } from './work.tables.ts'

/** Records time a worker spent on an item; the item keeps the running total. */
export async function logTime(
  db: Kysely<WorkDeps>,
  context: AuditContext & { actorId: string },
  viewer: WorkViewer,
  id: string,
  input: { minutes: number; workDate: string; note?: string | undefined },
  now: Date,
) {
  if (!isCalendarDate(input.workDate))
    throw invalidField('work.invalid_date', '/body/workDate', 'Enter a date (yyyy-mm-dd).')
  return inTransaction(db, async (trx) => {
    const item = await itemFor(trx, viewer, id, 'work')
    await trx
      .insertInto('work_time_entry')
      .values({
        company_id: viewer.companyId,
        id: newId(),
        item_id: id,
        user_id: context.actorId,
        minutes: input.minutes,
        work_date: input.workDate,
        note: input.note?.trim() ?? '',
        created_at: now,
      })
      .execute()
    const total = item.time_spent_minutes + input.minutes
    await saveItem(trx, item, { time_spent_minutes: total }, now)
    await recordItemChange(
      trx,
      context,
      {
        itemId: id,
        kind: 'time_logged',
        summary: `Logged ${String(input.minutes)} min on ${input.workDate} (total ${String(total)} min).`,
        changes: { timeSpentMinutes: { before: item.time_spent_minutes, after: total } },
      },
      now,
    )
  })
}
