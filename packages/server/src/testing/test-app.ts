import { fixedClock } from '@keel/kernel'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { loadConfig, type Config } from '../config.ts'
import type { DatabaseHandle } from '../db/connect.ts'
import { buildApp } from '../http/build-app.ts'
import { deriveKey } from '../modules/identity/index.ts'
import { createTestDatabase } from './test-db.ts'

export const TEST_SECRET_KEY = deriveKey('keel-tests')

export interface TestApp {
  readonly app: FastifyInstance
  readonly handle: DatabaseHandle
  readonly clock: ReturnType<typeof fixedClock>
  readonly config: Config
  close(): Promise<void>
}

/** A fresh database and an app over it, with a clock the test moves by hand. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const handle = await createTestDatabase()
  const clock = fixedClock('2026-03-02T09:00:00.000Z')
  const config = loadConfig({ KEEL_PUBLIC_URL: 'http://keel.test', KEEL_DATA_DIR: '/nonexistent', ...env })
  const app = await buildApp({ handle, config, secretKey: TEST_SECRET_KEY, clock, webDistDir: '/nonexistent' })
  return {
    app,
    handle,
    clock,
    config,
    async close() {
      await app.close()
      await handle.close()
    },
  }
}

/** A signed-in browser: its cookie and CSRF token, sent with every request. */
export interface Browser {
  readonly cookie: string
  readonly csrfToken: string
  request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>
}

export function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'keel_session')
  if (!cookie) throw new Error(`no session cookie in response ${String(response.statusCode)}: ${response.body}`)
  return `keel_session=${cookie.value}`
}

export function browserFor(app: FastifyInstance, cookie: string, csrfToken: string): Browser {
  return {
    cookie,
    csrfToken,
    request: (method, url, payload, headers = {}) =>
      app.inject({
        method,
        url,
        headers: { cookie, 'x-csrf-token': csrfToken, ...headers },
        ...(payload === undefined ? {} : { payload: payload as object }),
      }),
  }
}

/** Signs in through the API, as the web app does. */
export async function signInAs(app: FastifyInstance, email: string, password: string): Promise<Browser> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } })
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${String(response.statusCode)} ${response.body}`)
  const body = response.json<{ csrfToken: string }>()
  return browserFor(app, sessionCookieOf(response), body.csrfToken)
}
