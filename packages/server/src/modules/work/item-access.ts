import { forbidden, isWithinReach, notFound, reachCondition } from '@keel/kernel'
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely'
import { canWorkQueue, type WorkViewer } from './work-viewer.ts'
import type { WorkDeps } from './work.tables.ts'

type ItemRow = Awaited<ReturnType<typeof itemRow>>

async function itemRow(db: Kysely<WorkDeps>, companyId: string, id: string) {
  return db
    .selectFrom('work_item')
    .selectAll()
    .select((eb) =>
      eb
        .selectFrom('work_item_watcher as w')
        .select((w) => w.fn.agg<string[]>('array_agg', ['w.user_id']).as('ids'))
        .whereRef('w.company_id', '=', 'work_item.company_id')
        .whereRef('w.item_id', '=', 'work_item.id')
        .as('watcher_user_ids'),
    )
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Whether the viewer may see an item (see work-viewer.ts for the rule). */
export function canReadItem(viewer: WorkViewer, item: NonNullable<ItemRow>): boolean {
  if (canWorkQueue(viewer, item.queue_id)) return true
  if (item.assignee_user_id === viewer.userId) return true
  if ((item.watcher_user_ids ?? []).includes(viewer.userId)) return true
  return (
    viewer.readReach !== null &&
    isWithinReach(viewer.readReach, viewer.subject, {
      ownerUserId: item.requester_user_id,
      teamId: item.requester_team_id,
      departmentId: item.requester_department_id,
    })
  )
}

/**
 * An item the viewer may see, else 404 (another company's item and one
 * outside reach look the same). With `need: 'work'`, a visible item of a
 * queue the viewer does not work is a 403.
 */
export async function itemFor(db: Kysely<WorkDeps>, viewer: WorkViewer, id: string, need: 'read' | 'work' = 'read') {
  const item = await itemRow(db, viewer.companyId, id)
  if (!item || !canReadItem(viewer, item)) throw notFound('work.item_not_found', 'No such item.')
  if (need === 'work' && !canWorkQueue(viewer, item.queue_id))
    throw forbidden('work.not_a_worker', 'Only members of the queue (or its lead) may work this item.')
  return item
}

/** The same rule as `canReadItem`, as SQL for lists: rows outside it never leave the database. */
export function visibleItems(viewer: WorkViewer) {
  return (eb: ExpressionBuilder<WorkDeps & { i: WorkDeps['work_item'] }, 'i'>): Expression<SqlBool> => {
    const ors: Expression<SqlBool>[] = [
      eb('i.assignee_user_id', '=', viewer.userId),
      eb.exists(
        eb
          .selectFrom('work_item_watcher as w')
          .select('w.item_id')
          .whereRef('w.company_id', '=', 'i.company_id')
          .whereRef('w.item_id', '=', 'i.id')
          .where('w.user_id', '=', viewer.userId),
      ),
    ]
    if (viewer.workableQueueIds.length > 0) ors.push(eb('i.queue_id', 'in', viewer.workableQueueIds))
    if (viewer.readReach !== null)
      ors.push(
        reachCondition(viewer.readReach, viewer.subject, {
          owner: 'i.requester_user_id',
          team: 'i.requester_team_id',
          department: 'i.requester_department_id',
        }),
      )
    return eb.or(ors)
  }
}
