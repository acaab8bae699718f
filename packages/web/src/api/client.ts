import createClient from 'openapi-fetch'
import type { paths } from './schema'
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

/**
 * The typed HTTP client: paths, parameters, bodies and replies all come from
 * `schema.d.ts`, which `npm run api:types` generates from the server's OpenAPI
 * document — a route the server does not have does not compile here.
 */
export const http = createClient<paths>({ credentials: 'same-origin', headers: { Accept: 'application/json' } })

http.use({
  onRequest({ request }) {
    if (request.method !== 'GET' && csrfToken) request.headers.set('X-CSRF-Token', csrfToken)
    return request
  },
})

/**
 * Options that send a file as the raw request body with its own Content-Type (image uploads).
 * The OpenAPI document describes these bodies only by their media types, so the typed client knows no body.
 */
export function rawBody(file: Blob) {
  return { body: file as never, bodySerializer: (b: unknown) => b, headers: { 'Content-Type': file.type } }
}

/** The `cursor` query parameter of a keyset page, present only after the first page. */
export const cursor = (pageParam: string | undefined) => (pageParam ? { cursor: pageParam } : {})

export interface SendOptions {
  /** Do not report a 401 as an expired session (login, session probe, public pages). */
  allowUnauthorized?: boolean
}

export interface ApiResponse<T> {
  data: T
  headers: Headers
  status: number
}

function toProblem(body: unknown, res: Response): Problem | null {
  if (!body || typeof body !== 'object') return null
  const p = body as Partial<Problem>
  if (typeof p.status !== 'number') return null
  return {
    type: p.type ?? 'about:blank',
    title: p.title ?? res.statusText,
    status: p.status,
    detail: p.detail ?? p.title ?? res.statusText,
    code: p.code ?? 'unknown',
    requestId: p.requestId ?? '',
    ...(p.errors ? { errors: p.errors } : {}),
  }
}

/** Awaits a call of `http`: the reply with its headers on success; an ApiError (with the problem) otherwise. */
export async function send<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
  options: SendOptions = {},
): Promise<ApiResponse<T>> {
  let result: { data?: T; error?: unknown; response: Response }
  try {
    result = await call
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err
    throw new ApiError(0, null, 'Keel could not be reached. Check your connection and try again.')
  }
  const res = result.response
  if (!res.ok) {
    if (res.status === 401 && !options.allowUnauthorized) onUnauthorized?.()
    throw new ApiError(res.status, toProblem(result.error, res), fallbackMessage(res.status))
  }
  return { data: result.data as T, headers: res.headers, status: res.status }
}

/** Awaits a call of `http` and returns the reply body. */
export async function api<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
  options: SendOptions = {},
): Promise<T> {
  return (await send(call, options)).data
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
