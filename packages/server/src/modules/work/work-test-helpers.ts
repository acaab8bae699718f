import { sql, type Kysely } from 'kysely'
import { STANDARD_WORKFLOW } from './catalog-documents.ts'

// Small readers and writers of the work API's JSON for the tests beside this
// file. (Structural types, so this file needs nothing from the app's test helpers.)

interface Browser {
  request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ statusCode: number; body: string }>
}

export interface ItemJson {
  id: string
  number: string
  title: string
  queue: { id: string; key: string; name: string }
  assignee: { employeeId: string; name: string } | null
  status: { key: string; label: string; category: string }
  priority: string
  form: { key: string; value: string | number | null }[]
  attachments: { id: string; fileName: string }[]
  tags: string[]
  timeSpentMinutes: number
  watchers: { userId: string; name: string }[]
  routingExplanation: string
  assignmentExplanation: string
  transitions: { to: string }[]
  canWork: boolean
  version: number
}

export async function json<T>(
  browser: Browser,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<T> {
  const reply = await browser.request(method, url, body)
  if (reply.statusCode >= 300) throw new Error(`${method} ${url}: ${String(reply.statusCode)} ${reply.body}`)
  return JSON.parse(reply.body) as T
}

export async function aQueue(
  admin: Browser,
  body: { key: string; name: string; departmentId: string; memberEmployeeIds: string[]; strategy?: string } & Record<
    string,
    unknown
  >,
) {
  return json<{ id: string; name: string; version: number }>(admin, 'POST', '/api/v1/work/queues', {
    strategy: 'manual',
    ...body,
  })
}

export async function aRequestType(
  admin: Browser,
  body: { key: string; name: string; departmentId: string; defaultQueueId: string } & Record<string, unknown>,
) {
  return json<{ id: string; version: number }>(admin, 'POST', '/api/v1/work/request-types', {
    defaultPriority: 'normal',
    fields: [],
    workflow: STANDARD_WORKFLOW,
    routingRules: [],
    ...body,
  })
}

/** Submits a request and returns the item as its page shows it. */
export async function aRequest(
  browser: Browser,
  typeId: string,
  title = 'Please help',
  fields: Record<string, unknown> = {},
) {
  const { id } = await json<{ id: string }>(browser, 'POST', '/api/v1/work/items', { typeId, title, fields })
  return json<ItemJson>(browser, 'GET', `/api/v1/work/items/${id}`)
}

export const itemOf = (browser: Browser, id: string) => json<ItemJson>(browser, 'GET', `/api/v1/work/items/${id}`)

/** Numbers of the items a person sees in the list, with an optional query string. */
export async function visibleNumbers(browser: Browser, query = '') {
  const page = await json<{ items: { number: string }[] }>(browser, 'GET', `/api/v1/work/items?limit=200${query}`)
  return page.items.map((i) => i.number).sort()
}

export async function countRows<DB>(handle: { db: Kysely<DB> }, table: string) {
  const { rows } = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)}`.execute(handle.db)
  return Number(rows[0]?.n ?? 0)
}

export async function auditActions<DB>(handle: { db: Kysely<DB> }, prefix: string) {
  const { rows } = await sql<{ action: string }>`
    select action from audit_event where action like ${`${prefix}%`} order by seq`.execute(handle.db)
  return rows.map((r) => r.action)
}
