import { inTransaction, invalidField, isCalendarDate } from '@keel/kernel'
import type { Kysely } from 'kysely'
import type { AuditContext } from '../audit/index.ts'
import { priorityName, priorityRank, type PriorityName } from './catalog-documents.ts'
import { itemFor } from './item-access.ts'
import { recordItemChange } from './item-history.ts'
import { saveItem } from './save-item.ts'
import { assertVersion } from './work-errors.ts'
import type { WorkViewer } from './work-viewer.ts'
import type { WorkDeps } from './work.tables.ts'

export interface ItemChanges {
  readonly title?: string | undefined
  readonly priority?: PriorityName | undefined
  readonly dueDate?: string | null | undefined
  readonly tags?: readonly string[] | undefined
  readonly queueId?: string | undefined
}

const TAG = /^[\p{L}\p{N}][\p{L}\p{N} _-]{0,39}$/u

/**
 * Triage: change an item's title, priority, due date, tags or queue. Each
 * changed field is one entry of the item's history. Moving to another queue
 * keeps the item's number and clears the assignee (the new queue's members work it).
 */
export async function updateItem(
  db: Kysely<WorkDeps>,
  context: AuditContext,
  viewer: WorkViewer,
  id: string,
  input: ItemChanges,
  now: Date,
  expectedVersion?: number,
) {
  if (input.dueDate && !isCalendarDate(input.dueDate))
    throw invalidField('work.invalid_date', '/body/dueDate', 'Enter a date (yyyy-mm-dd).')
  const tags = input.tags ? [...new Set(input.tags.map((t) => t.trim().toLowerCase()))] : undefined
  for (const [index, tag] of (tags ?? []).entries())
    if (!TAG.test(tag)) throw invalidField('work.invalid_tag', `/body/tags/${String(index)}`, 'Tags are short words.')
  return inTransaction(db, async (trx) => {
    const item = await itemFor(trx, viewer, id, 'work')
    assertVersion(item.version, expectedVersion, 'item')
    const entries: { kind: string; summary: string; field: string; before: unknown; after: unknown }[] = []
    if (input.title !== undefined && input.title.trim() !== item.title)
      entries.push({
        kind: 'title_changed',
        summary: `Title: ${input.title.trim()}.`,
        field: 'title',
        before: item.title,
        after: input.title.trim(),
      })
    if (input.priority !== undefined && priorityRank(input.priority) !== item.priority)
      entries.push({
        kind: 'priority_changed',
        summary: `Priority: ${priorityName(item.priority)} → ${input.priority}.`,
        field: 'priority',
        before: priorityName(item.priority),
        after: input.priority,
      })
    if (input.dueDate !== undefined && input.dueDate !== item.due_date)
      entries.push({
        kind: 'due_date_changed',
        summary: input.dueDate ? `Due ${input.dueDate}.` : 'Due date removed.',
        field: 'dueDate',
        before: item.due_date,
        after: input.dueDate,
      })
    if (tags !== undefined && [...tags].sort().join() !== [...item.tags].sort().join())
      entries.push({
        kind: 'tags_changed',
        summary: tags.length > 0 ? `Tags: ${tags.join(', ')}.` : 'Tags removed.',
        field: 'tags',
        before: item.tags,
        after: tags,
      })
    let moveTo: { id: string; name: string } | undefined
    if (input.queueId !== undefined && input.queueId !== item.queue_id) {
      moveTo = await trx
        .selectFrom('work_queue')
        .select(['id', 'name'])
        .where('company_id', '=', viewer.companyId)
        .where('id', '=', input.queueId)
        .where('archived_at', 'is', null)
        .executeTakeFirst()
      if (!moveTo) throw invalidField('work.unknown_reference', '/body/queueId', 'No such queue in this company.')
      entries.push({
        kind: 'moved',
        summary: `Moved to ${moveTo.name}; unassigned.`,
        field: 'queue',
        before: item.queue_id,
        after: moveTo.id,
      })
    }
    if (entries.length === 0) return
    await saveItem(
      trx,
      item,
      {
        ...(input.title !== undefined ? { title: input.title.trim() } : {}),
        ...(input.priority !== undefined ? { priority: priorityRank(input.priority) } : {}),
        ...(input.dueDate !== undefined ? { due_date: input.dueDate } : {}),
        ...(tags !== undefined ? { tags } : {}),
        ...(moveTo
          ? {
              queue_id: moveTo.id,
              assignee_employee_id: null,
              assignee_user_id: null,
              assignment_explanation: `Moved to ${moveTo.name}.`,
            }
          : {}),
      },
      now,
    )
    for (const entry of entries)
      await recordItemChange(
        trx,
        context,
        {
          itemId: id,
          kind: entry.kind,
          summary: entry.summary,
          changes: { [entry.field]: { before: entry.before, after: entry.after } },
        },
        now,
      )
  })
}
