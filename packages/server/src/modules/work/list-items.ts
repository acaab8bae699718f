import { sql, type Kysely } from 'kysely'
import { peopleFacts } from '../org/index.ts'
import { priorityName, priorityRank, type PriorityName } from './catalog-documents.ts'
import { visibleItems } from './item-access.ts'
import type { UserNames } from './item-views.ts'
import type { WorkViewer } from './work-viewer.ts'
import type { StatusCategory, WorkDeps } from './work.tables.ts'

export type ItemSort = 'newest' | 'oldest' | 'priority' | 'due'

export interface ItemFilter {
  readonly queueId?: string | undefined
  readonly status?: string | undefined
  /** open: new, open or waiting; done: resolved or closed. */
  readonly state?: 'open' | 'done' | undefined
  readonly assigneeEmployeeId?: string | undefined
  readonly unassigned?: boolean | undefined
  readonly requesterUserId?: string | undefined
  readonly typeId?: string | undefined
  readonly priority?: PriorityName | undefined
  readonly tag?: string | undefined
  readonly text?: string | undefined
}

/** The sort key of the last row of a page: what the next page starts after. */
export interface ItemCursor {
  readonly sort: ItemSort
  readonly createdAt: string
  readonly id: string
  readonly priority?: number
  readonly dueDate?: string | null
}

export const isItemCursor = (value: unknown): value is ItemCursor =>
  typeof value === 'object' &&
  value !== null &&
  'sort' in value &&
  'createdAt' in value &&
  'id' in value &&
  typeof value.createdAt === 'string' &&
  typeof value.id === 'string' &&
  !Number.isNaN(Date.parse(value.createdAt))

export interface ItemRow {
  readonly id: string
  readonly number: string
  readonly title: string
  readonly typeId: string
  readonly queueId: string
  readonly requester: { userId: string; name: string }
  readonly assignee: { employeeId: string; name: string } | null
  readonly status: string
  readonly statusCategory: StatusCategory
  readonly priority: PriorityName
  readonly dueDate: string | null
  readonly tags: string[]
  readonly createdAt: string
  readonly updatedAt: string
}

/**
 * One page of the items the viewer may see, filtered and sorted. Keyset
 * pagination on (sort key, created_at, id), each filter served by an index
 * that starts with company_id (see the migration), so page 1,000 costs what
 * page 1 does.
 */
export async function listItems(
  db: Kysely<WorkDeps>,
  viewer: WorkViewer,
  filter: ItemFilter,
  sort: ItemSort,
  page: { after: ItemCursor | null; limit: number },
  userNames: UserNames,
): Promise<{ items: ItemRow[]; next: ItemCursor | null }> {
  let query = db
    .selectFrom('work_item as i')
    .select([
      'i.id',
      'i.number_prefix',
      'i.number',
      'i.title',
      'i.type_id',
      'i.queue_id',
      'i.requester_user_id',
      'i.assignee_employee_id',
      'i.status',
      'i.status_category',
      'i.priority',
      'i.due_date',
      'i.tags',
      'i.created_at',
      'i.updated_at',
    ])
    .where('i.company_id', '=', viewer.companyId)
    .where(visibleItems(viewer))
  if (filter.queueId) query = query.where('i.queue_id', '=', filter.queueId)
  if (filter.status) query = query.where('i.status', '=', filter.status)
  if (filter.state === 'open') query = query.where('i.status_category', 'in', ['new', 'open', 'waiting'])
  if (filter.state === 'done') query = query.where('i.status_category', 'in', ['resolved', 'closed'])
  if (filter.assigneeEmployeeId) query = query.where('i.assignee_employee_id', '=', filter.assigneeEmployeeId)
  if (filter.unassigned) query = query.where('i.assignee_employee_id', 'is', null)
  if (filter.requesterUserId) query = query.where('i.requester_user_id', '=', filter.requesterUserId)
  if (filter.typeId) query = query.where('i.type_id', '=', filter.typeId)
  if (filter.priority) query = query.where('i.priority', '=', priorityRank(filter.priority))
  if (filter.tag) query = query.where(sql<boolean>`i.tags @> array[${filter.tag}]::text[]`)
  if (filter.text) {
    const pattern = `%${filter.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    query = query.where('i.search_text', 'like', pattern)
  }
  const after = page.after?.sort === sort ? page.after : null
  if (after) {
    const createdAt = new Date(after.createdAt)
    const newer = sql<boolean>`(i.created_at, i.id) < (${createdAt}, ${after.id})`
    switch (sort) {
      case 'newest':
        query = query.where(newer)
        break
      case 'oldest':
        query = query.where(sql<boolean>`(i.created_at, i.id) > (${createdAt}, ${after.id})`)
        break
      case 'priority': {
        const rank = after.priority ?? 3
        query = query.where((eb) => eb.or([eb('i.priority', '>', rank), eb.and([eb('i.priority', '=', rank), newer])]))
        break
      }
      case 'due': {
        const due = after.dueDate ?? null
        query =
          due === null
            ? query.where('i.due_date', 'is', null).where(newer)
            : query.where((eb) =>
                eb.or([
                  eb('i.due_date', '>', due),
                  eb.and([eb('i.due_date', '=', due), newer]),
                  eb('i.due_date', 'is', null),
                ]),
              )
        break
      }
    }
  }
  switch (sort) {
    case 'newest':
      query = query.orderBy('i.created_at', 'desc').orderBy('i.id', 'desc')
      break
    case 'oldest':
      query = query.orderBy('i.created_at', 'asc').orderBy('i.id', 'asc')
      break
    case 'priority':
      query = query.orderBy('i.priority', 'asc').orderBy('i.created_at', 'desc').orderBy('i.id', 'desc')
      break
    case 'due':
      query = query
        .orderBy(sql`i.due_date asc nulls last`)
        .orderBy('i.created_at', 'desc')
        .orderBy('i.id', 'desc')
      break
  }
  const rows = await query.limit(page.limit + 1).execute()
  const pageRows = rows.slice(0, page.limit)
  const [names, people] = await Promise.all([
    userNames(viewer.companyId, [...new Set(pageRows.map((r) => r.requester_user_id))]),
    peopleFacts(db, viewer.companyId, {
      employeeIds: [...new Set(pageRows.flatMap((r) => (r.assignee_employee_id ? [r.assignee_employee_id] : [])))],
    }),
  ])
  const last = pageRows.at(-1)
  return {
    items: pageRows.map((r) => ({
      id: r.id,
      number: `${r.number_prefix}-${String(r.number)}`,
      title: r.title,
      typeId: r.type_id,
      queueId: r.queue_id,
      requester: { userId: r.requester_user_id, name: names.get(r.requester_user_id) ?? '' },
      assignee: r.assignee_employee_id
        ? {
            employeeId: r.assignee_employee_id,
            name: people.find((p) => p.employeeId === r.assignee_employee_id)?.name ?? '',
          }
        : null,
      status: r.status,
      statusCategory: r.status_category,
      priority: priorityName(r.priority),
      dueDate: r.due_date,
      tags: r.tags,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    })),
    next:
      rows.length > page.limit && last
        ? {
            sort,
            createdAt: last.created_at.toISOString(),
            id: last.id,
            priority: last.priority,
            dueDate: last.due_date,
          }
        : null,
  }
}
