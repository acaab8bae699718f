import type { Kysely } from 'kysely'
import { peopleFacts } from '../org/index.ts'
import { priorityName, statusOf, type FieldDefinition, type PriorityName } from './catalog-documents.ts'
import { itemFor } from './item-access.ts'
import { getRequestType } from './request-types.ts'
import { canWorkQueue, type WorkViewer } from './work-viewer.ts'
import type { StatusCategory, WorkDeps } from './work.tables.ts'

/** Display names of users by id (identity owns them; the HTTP layer passes the lookup in). */
export type UserNames = (companyId: string, ids: readonly string[]) => Promise<ReadonlyMap<string, string>>

export interface ItemRef {
  readonly id: string
  readonly number: string
  readonly title: string
  readonly status: string
}

export interface ItemView {
  readonly id: string
  readonly number: string
  readonly title: string
  readonly type: { id: string; name: string }
  readonly queue: { id: string; key: string; name: string }
  readonly requester: { userId: string; name: string }
  readonly assignee: { employeeId: string; name: string } | null
  readonly status: { key: string; label: string; category: StatusCategory }
  readonly priority: PriorityName
  readonly dueDate: string | null
  /** The answers as asked, each with `display`: what a person reads (a colleague's name, an amount with its currency). */
  readonly form: {
    key: string
    label: string
    kind: FieldDefinition['kind']
    value: string | number | null
    display: string
  }[]
  readonly attachments: {
    id: string
    fieldKey: string | null
    fileName: string
    contentType: string
    sizeBytes: number
  }[]
  readonly tags: string[]
  readonly timeSpentMinutes: number
  readonly parent: ItemRef | null
  readonly children: ItemRef[]
  readonly links: ItemRef[]
  readonly watchers: { userId: string; name: string }[]
  readonly routingExplanation: string
  readonly assignmentExplanation: string
  /** The steps this viewer may take from the current status. */
  readonly transitions: { to: string; label: string }[]
  readonly canWork: boolean
  readonly createdAt: string
  readonly updatedAt: string
  readonly resolvedAt: string | null
  readonly closedAt: string | null
  readonly version: number
}

async function refs(db: Kysely<WorkDeps>, companyId: string, ids: readonly string[]): Promise<ItemRef[]> {
  if (ids.length === 0) return []
  const rows = await db
    .selectFrom('work_item')
    .select(['id', 'number_prefix', 'number', 'title', 'status'])
    .where('company_id', '=', companyId)
    .where('id', 'in', ids)
    .orderBy('created_at')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    number: `${r.number_prefix}-${String(r.number)}`,
    title: r.title,
    status: r.status,
  }))
}

/** An item as its page shows it: everything but the conversation and history. */
export async function getItemView(
  db: Kysely<WorkDeps>,
  viewer: WorkViewer,
  id: string,
  userNames: UserNames,
): Promise<ItemView> {
  const item = await itemFor(db, viewer, id)
  const companyId = viewer.companyId
  const canWork = canWorkQueue(viewer, item.queue_id)
  const [type, queue, children, linkRows, files, assignee] = await Promise.all([
    getRequestType(db, companyId, item.type_id),
    db
      .selectFrom('work_queue')
      .select(['id', 'key', 'name'])
      .where('company_id', '=', companyId)
      .where('id', '=', item.queue_id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('work_item')
      .select('id')
      .where('company_id', '=', companyId)
      .where('parent_item_id', '=', item.id)
      .execute(),
    db
      .selectFrom('work_item_link')
      .select('other_item_id')
      .where('company_id', '=', companyId)
      .where('item_id', '=', item.id)
      .execute(),
    db
      .selectFrom('work_attachment')
      .select(['id', 'field_key', 'file_name', 'content_type', 'size_bytes'])
      .where('company_id', '=', companyId)
      .where('item_id', '=', item.id)
      .orderBy('created_at')
      .execute(),
    item.assignee_employee_id ? peopleFacts(db, companyId, { employeeIds: [item.assignee_employee_id] }) : [],
  ])
  const personIds = type.fields.flatMap((f) => {
    const value = item.fields[f.key]
    return f.kind === 'person' && typeof value === 'string' ? [value] : []
  })
  const colleagues = new Map(
    (await peopleFacts(db, companyId, { employeeIds: personIds })).map((p) => [p.employeeId, p.name]),
  )
  const displayOf = (f: FieldDefinition, value: string | number | null): string => {
    if (value === null) return ''
    if (f.kind === 'person') return colleagues.get(String(value)) ?? ''
    if (f.kind === 'attachment') return files.find((file) => file.id === value)?.file_name ?? ''
    if (f.kind === 'money') return `${String(value)} ${f.currency ?? ''}`.trim()
    return String(value)
  }
  const watcherIds = item.watcher_user_ids ?? []
  const names = await userNames(companyId, [item.requester_user_id, ...watcherIds])
  const [parent] = item.parent_item_id ? await refs(db, companyId, [item.parent_item_id]) : []
  const status = statusOf(type.workflow, item.status) ?? {
    key: item.status,
    label: item.status,
    category: item.status_category,
  }
  const isRequester = item.requester_user_id === viewer.userId
  return {
    id: item.id,
    number: `${item.number_prefix}-${String(item.number)}`,
    title: item.title,
    type: { id: type.id, name: type.name },
    queue,
    requester: { userId: item.requester_user_id, name: names.get(item.requester_user_id) ?? '' },
    assignee: item.assignee_employee_id
      ? { employeeId: item.assignee_employee_id, name: assignee[0]?.name ?? '' }
      : null,
    status: { key: status.key, label: status.label, category: status.category },
    priority: priorityName(item.priority),
    dueDate: item.due_date,
    form: type.fields.map((f) => {
      const value = item.fields[f.key] ?? null
      return { key: f.key, label: f.label, kind: f.kind, value, display: displayOf(f, value) }
    }),
    attachments: files.map((f) => ({
      id: f.id,
      fieldKey: f.field_key,
      fileName: f.file_name,
      contentType: f.content_type,
      sizeBytes: f.size_bytes,
    })),
    tags: item.tags,
    timeSpentMinutes: item.time_spent_minutes,
    parent: parent ?? null,
    children: await refs(
      db,
      companyId,
      children.map((c) => c.id),
    ),
    links: await refs(
      db,
      companyId,
      linkRows.map((l) => l.other_item_id),
    ),
    watchers: watcherIds.map((userId) => ({ userId, name: names.get(userId) ?? '' })),
    routingExplanation: item.routing_explanation,
    assignmentExplanation: item.assignment_explanation,
    transitions: type.workflow.transitions
      .filter((t) => t.from === item.status && (canWork || (isRequester && t.requesterMay)))
      .map((t) => ({ to: t.to, label: statusOf(type.workflow, t.to)?.label ?? t.to })),
    canWork,
    createdAt: item.created_at.toISOString(),
    updatedAt: item.updated_at.toISOString(),
    resolvedAt: item.resolved_at?.toISOString() ?? null,
    closedAt: item.closed_at?.toISOString() ?? null,
    version: item.version,
  }
}

/** The item's history, oldest first: every change, who made it and when (internal notes only for workers). */
export async function itemHistory(db: Kysely<WorkDeps>, viewer: WorkViewer, id: string, userNames: UserNames) {
  const item = await itemFor(db, viewer, id)
  let query = db
    .selectFrom('work_item_event')
    .select(['id', 'kind', 'summary', 'actor_user_id', 'at'])
    .where('company_id', '=', viewer.companyId)
    .where('item_id', '=', id)
  if (!canWorkQueue(viewer, item.queue_id)) query = query.where('kind', '<>', 'note_added')
  const events = await query.orderBy('id').execute()
  const names = await userNames(
    viewer.companyId,
    events.flatMap((e) => (e.actor_user_id ? [e.actor_user_id] : [])),
  )
  return events.map((e) => ({
    id: e.id,
    kind: e.kind,
    summary: e.summary,
    actor: e.actor_user_id ? { userId: e.actor_user_id, name: names.get(e.actor_user_id) ?? '' } : null,
    at: e.at.toISOString(),
  }))
}

/** Replies and notes, oldest first. Internal notes only for those who work the item. */
export async function itemConversation(db: Kysely<WorkDeps>, viewer: WorkViewer, id: string, userNames: UserNames) {
  const item = await itemFor(db, viewer, id)
  let query = db
    .selectFrom('work_item_comment')
    .select(['id', 'author_user_id', 'visibility', 'body', 'created_at'])
    .where('company_id', '=', viewer.companyId)
    .where('item_id', '=', id)
  if (!canWorkQueue(viewer, item.queue_id)) query = query.where('visibility', '=', 'public')
  const rows = await query.orderBy('id').execute()
  const names = await userNames(
    viewer.companyId,
    rows.map((r) => r.author_user_id),
  )
  return rows.map((r) => ({
    id: r.id,
    author: { userId: r.author_user_id, name: names.get(r.author_user_id) ?? '' },
    visibility: r.visibility,
    body: r.body,
    createdAt: r.created_at.toISOString(),
  }))
}
