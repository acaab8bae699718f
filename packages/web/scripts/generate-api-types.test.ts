import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { renderApiTypes, SCHEMA_FILE } from './generate-api-types.ts'

describe('the web client’s API types', () => {
  it('match the server’s OpenAPI document (run `npm run api:types` after changing a route)', async () => {
    expect(await readFile(SCHEMA_FILE, 'utf8')).toBe(await renderApiTypes())
  }, 60_000)
})
