import { sql, type Kysely } from 'kysely'

// Small readers of the intranet API's JSON for the tests beside this file.
// (Structural types, so this file needs nothing from the app's test helpers.)

interface Browser {
  request(method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown): Promise<{ statusCode: number; body: string }>
}

export interface FeedJson {
  pinned: { id: string; title: string; readAt: string | null; acknowledgedAt: string | null }[]
  announcements: { id: string; title: string; readAt: string | null; acknowledgedAt: string | null }[]
  policiesAwaiting: { policyId: string; versionId: string; versionNumber: number }[]
  unreadCount: number
  awaitingAcknowledgementCount: number
  nextCursor: string | null
}

export interface ComplianceJson {
  audienceSize: number
  readCount: number | null
  acknowledgedCount: number
  pendingCount: number
  items: {
    name: string
    department: { name: string } | null
    team: { name: string } | null
    acknowledgedAt: string | null
  }[]
  nextCursor: string | null
}

export async function json<T>(
  browser: Browser,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  body?: unknown,
): Promise<T> {
  const reply = await browser.request(method, url, body)
  if (reply.statusCode >= 300) throw new Error(`${method} ${url}: ${String(reply.statusCode)} ${reply.body}`)
  return JSON.parse(reply.body) as T
}

export const feedOf = (browser: Browser) => json<FeedJson>(browser, 'GET', '/api/v1/intranet/feed')

/** Titles of every announcement in the first page of someone's feed, pinned first. */
export async function feedTitles(browser: Browser) {
  const feed = await feedOf(browser)
  return [...feed.pinned, ...feed.announcements].map((a) => a.title)
}

export async function announce(browser: Browser, body: Record<string, unknown>) {
  return json<{ id: string; version: number; status: string }>(browser, 'POST', '/api/v1/intranet/announcements', {
    body: 'Please read this.',
    ...body,
  })
}

export async function auditCount<DB>(handle: { db: Kysely<DB> }, action: string) {
  const { rows } = await sql<{
    n: string
  }>`select count(*)::text as n from audit_event where action = ${action}`.execute(handle.db)
  return Number(rows[0]?.n ?? 0)
}
