import type { Problem } from './types.ts'

/** An API call that did not succeed. `problem` is the RFC 9457 body when the server sent one. */
export class ApiError extends Error {
  readonly status: number
  readonly problem: Problem | null

  constructor(status: number, problem: Problem | null, fallback: string) {
    super(problem?.detail ?? fallback)
    this.name = 'ApiError'
    this.status = status
    this.problem = problem
  }

  get code(): string | null {
    return this.problem?.code ?? null
  }

  /** Field errors keyed by the last segment of their JSON path (`/body/email` → `email`). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const e of this.problem?.errors ?? []) {
      const field = e.path.replace(/^\/(body|query|params)\/?/, '').split('/')[0]
      if (field && !(field in out)) out[field] = e.message
    }
    return out
  }
}

let csrfToken: string | null = null
let onUnauthorized: (() => void) | null = null

/** Remembers the CSRF token from the login reply or GET /auth/session; sent on every non-GET request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

/** Called when a signed-in request answers 401 (the session expired or was revoked). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler
}

type Query = Record<string, string | number | boolean | null | undefined>

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  body?: unknown
  query?: Query
  headers?: Record<string, string>
  signal?: AbortSignal
  /** Do not report a 401 as an expired session (login, session probe, public pages). */
  allowUnauthorized?: boolean
}

export interface ApiResponse<T> {
  data: T
  headers: Headers
  status: number
}

function buildUrl(path: string, query?: Query): string {
  const url = path.startsWith('/api') ? path : `/api/v1${path}`
  if (!query) return url
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue
    params.set(k, String(v))
  }
  const qs = params.toString()
  return qs ? `${url}?${qs}` : url
}

async function readProblem(res: Response): Promise<Problem | null> {
  const type = res.headers.get('content-type') ?? ''
  if (!type.includes('json')) return null
  try {
    const body = (await res.json()) as Partial<Problem> | null
    if (body && typeof body === 'object' && typeof body.status === 'number') {
      return {
        type: body.type ?? 'about:blank',
        title: body.title ?? res.statusText,
        status: body.status,
        detail: body.detail ?? body.title ?? res.statusText,
        code: body.code ?? 'unknown',
        requestId: body.requestId ?? '',
        ...(body.errors ? { errors: body.errors } : {}),
      }
    }
  } catch {
    // not JSON after all
  }
  return null
}

/** Calls the API and returns the parsed body with the response headers. Throws ApiError on non-2xx. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const method = options.method ?? 'GET'
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers }
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken

  let res: Response
  try {
    res = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    })
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err
    throw new ApiError(0, null, 'Keel could not be reached. Check your connection and try again.')
  }

  if (!res.ok) {
    const problem = await readProblem(res)
    if (res.status === 401 && !options.allowUnauthorized) onUnauthorized?.()
    throw new ApiError(res.status, problem, fallbackMessage(res.status))
  }
  if (res.status === 204 || res.status === 202 || res.headers.get('content-length') === '0') {
    const text = res.status === 204 ? '' : await res.text()
    return { data: (text ? JSON.parse(text) : undefined) as T, headers: res.headers, status: res.status }
  }
  const data = (await res.json()) as T
  return { data, headers: res.headers, status: res.status }
}

/** Calls the API and returns the parsed body. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await apiRequest<T>(path, options)).data
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Your session has ended. Please sign in again.'
  if (status === 403) return 'You do not have permission to do this.'
  if (status === 404) return 'Not found.'
  if (status === 409) return 'This was changed by someone else. Reload and try again.'
  if (status === 429) return 'Too many attempts. Please wait a moment and try again.'
  if (status >= 500) return 'Something went wrong on the server. Please try again.'
  return `Request failed (${status}).`
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message
  return 'Something went wrong.'
}

export function isApiError(err: unknown, code?: string): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code)
}

/** A fresh key for the Idempotency-Key header. */
export function newIdempotencyKey(): string {
  // randomUUID exists only in secure contexts (https, localhost); fall back to a v4 UUID by hand.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
