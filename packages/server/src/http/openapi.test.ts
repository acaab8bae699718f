import { execFile } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../testing/test-app.ts'

const run = promisify(execFile)
let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('the API description', () => {
  it('is OpenAPI 3.1 that @redocly/cli lints with no errors', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' })
    expect(response.statusCode).toBe(200)
    const document = response.json<{ openapi: string; paths: Record<string, unknown> }>()
    expect(document.openapi).toBe('3.1.0')
    expect(Object.keys(document.paths)).toContain('/api/v1/identity/users/{id}')
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'keel-openapi-')), 'openapi.json')
    await writeFile(file, response.body)
    const redocly = path.resolve(import.meta.dirname, '../../../../node_modules/.bin/redocly')
    const result = await run(redocly, ['lint', file, '--format', 'json'], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    }).catch((error: unknown) => error as { stdout: string; stderr: string })
    const report = JSON.parse(result.stdout) as {
      totals: { errors: number; warnings: number }
      problems: { severity: string; message: string; location: unknown }[]
    }
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([])
    expect(report.totals.errors).toBe(0)
  }, 60_000)

  it('is browsable at /api/docs', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/' })
    expect(response.statusCode).toBe(200)
    expect(response.body).toContain('swagger')
  })

  it('describes errors as problem documents and lists who may call each operation', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<
        string,
        Record<string, { description?: string; responses: Record<string, unknown>; security?: unknown[] }>
      >
    }>()
    const invite = document.paths['/api/v1/identity/users/invitations']?.post
    expect(invite?.description).toContain('identity.user.invite')
    expect(Object.keys(invite?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '401', '403', '422']))
    expect(document.paths['/api/v1/auth/login']?.post?.security).toEqual([])
  })
})
