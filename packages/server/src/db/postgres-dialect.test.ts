import { sql, type Kysely } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../testing/test-db.ts'
import type { DatabaseHandle } from './connect.ts'
import type { Database } from './database.ts'
import { PLAN_EACH_CALL } from '@keel/kernel'
import { withTenant } from './postgres-dialect.ts'

const ACME = '01900000-0000-7000-8000-00000000000a'
const GLOBEX = '01900000-0000-7000-8000-00000000000b'

const tenantOf = async (db: Kysely<Database>) =>
  (await sql<{ company: string }>`select current_setting('keel.company_id', true) as company`.execute(db)).rows[0]
    ?.company ?? null

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('PostgreSQL connections', () => {
  let handle: DatabaseHandle
  beforeEach(async () => {
    handle = await createTestDatabase()
  })
  afterEach(() => handle.close())

  it('carry the company of the request a query runs for, and none outside one, on the same connection', async () => {
    await handle.db.connection().execute(async (conn) => {
      expect(await tenantOf(conn)).toBeFalsy()
      expect(await withTenant(ACME, () => tenantOf(conn))).toBe(ACME)
      expect(await tenantOf(conn)).toBe('')
      expect(await withTenant(GLOBEX, () => tenantOf(conn))).toBe(GLOBEX)
      expect(await withTenant(ACME, () => tenantOf(conn))).toBe(ACME)
    })
  })

  it('bind a transaction opened for a request before its first statement, and forget it after a rollback', async () => {
    await handle.db.connection().execute(async (conn) => {
      const inside = await withTenant(ACME, () => conn.transaction().execute((trx) => tenantOf(trx)))
      expect(inside).toBe(ACME)
      const failed = withTenant(GLOBEX, () =>
        conn.transaction().execute(async (trx) => {
          expect(await tenantOf(trx)).toBe(GLOBEX)
          throw new Error('roll back')
        }),
      )
      await expect(failed).rejects.toThrow('roll back')
      expect(await tenantOf(conn)).toBe('')
      expect(await withTenant(GLOBEX, () => tenantOf(conn))).toBe(GLOBEX)
    })
  })

  it('give a query inside a transaction that wants another company a setting local to that transaction', async () => {
    await handle.db.connection().execute(async (conn) => {
      await conn.transaction().execute(async (trx) => {
        expect(await withTenant(ACME, () => tenantOf(trx))).toBe(ACME)
      })
      expect(await tenantOf(conn)).toBe('')
    })
  })

  it('keep each request its own company while they wait for connections from a busy pool', async () => {
    // 40 requests over 5 connections: most wait, and are handed a connection
    // by a request of the other company finishing.
    const companies = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? ACME : GLOBEX))
    const seen = await Promise.all(
      companies.map((company) =>
        withTenant(company, async () => {
          await sql`select pg_sleep(0.002)`.execute(handle.db)
          return tenantOf(handle.db)
        }),
      ),
    )
    expect(seen).toEqual(companies)
  })

  it('reset a connection that served a request before raw SQL (jobs, maintenance) uses it', async () => {
    // Raw SQL takes connections from the same pool: the one the request
    // returned must not lend its company to them.
    await withTenant(ACME, () => tenantOf(handle.db))
    const results = await Promise.all(
      Array.from({ length: 8 }, () => handle.executeSql("select current_setting('keel.company_id', true) as c")),
    )
    const settings = results.flatMap((r) => (r.rows as { c: string | null }[]).map((row) => row.c))
    expect(settings).toHaveLength(8)
    expect(settings.filter((c) => c === ACME)).toEqual([])
  })

  it('prepare parameterised statements once per connection', async () => {
    await handle.db.connection().execute(async (conn) => {
      for (let i = 0; i < 3; i++) await sql`select ${i}::int + 1 as n`.execute(conn)
      const { rows } = await sql<{
        name: string
        statement: string
      }>`select name, statement from pg_prepared_statements where statement like ${'%::int + 1 as n'}`.execute(conn)
      expect(rows).toHaveLength(1)
      expect(rows[0]?.name).toMatch(/^keel_\d+$/)
    })
  })

  it('plan a statement marked PLAN_EACH_CALL on every call instead of preparing it', async () => {
    await handle.db.connection().execute(async (conn) => {
      for (let i = 0; i < 3; i++) await sql`select ${i}::int + 2 as n${sql.raw(PLAN_EACH_CALL)}`.execute(conn)
      const { rows } = await sql<{ name: string }>`select name from pg_prepared_statements
        where statement like ${'%::int + 2 as n%'}`.execute(conn)
      expect(rows).toEqual([])
    })
  })
})
