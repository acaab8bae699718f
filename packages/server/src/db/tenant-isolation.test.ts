import { sql, type Kysely } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from './database.ts'
import { aCompanyWithAdmin, type SeededCompany } from '../testing/builders.ts'
import { createTestApp, signInAs, type TestApp } from '../testing/test-app.ts'

// Row-level security exists only on PostgreSQL (PGlite has one user and one process).
describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('row-level security on company_id', () => {
  let t: TestApp
  let acme: SeededCompany
  let globex: SeededCompany

  beforeEach(async () => {
    t = await createTestApp()
    // As production runs: an ordinary role, not the superuser the test server
    // gives us. A careless query with no company filter: RLS must still keep it
    // inside the company.
    const probe = async (db: Kysely<Database>) => {
      const setting = await sql<{
        company: string | null
      }>`select current_setting('keel.company_id', true) as company`.execute(db)
      await sql`set role keel_rls_probe`.execute(db)
      try {
        const roles = await sql<{ company_id: string }>`select company_id from identity_role`.execute(db)
        return {
          company: setting.rows[0]?.company ?? null,
          roleCompanies: [...new Set(roles.rows.map((r) => r.company_id))],
        }
      } finally {
        await sql`reset role`.execute(db)
      }
    }
    // A read runs without a transaction: one connection for the probe's statements.
    t.app.get('/api/v1/test/tenant', { config: { access: 'authenticated' } }, (request) =>
      request.db.connection().execute(probe),
    )
    t.app.post('/api/v1/test/tenant', { config: { access: 'authenticated' } }, (request) => probe(request.db))
    acme = await aCompanyWithAdmin(t.handle)
    globex = await aCompanyWithAdmin(t.handle, 'Globex')
    await sql`do $$ begin if not exists (select 1 from pg_roles where rolname = 'keel_rls_probe') then create role keel_rls_probe nologin; end if; end $$`.execute(
      t.handle.db,
    )
    await sql`grant select, insert on all tables in schema public to keel_rls_probe`.execute(t.handle.db)
  })
  afterEach(() => t.close())

  it('is on and forced for every table with company_id', async () => {
    const { rows } = await sql<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>`
      select c.relname, c.relrowsecurity, c.relforcerowsecurity from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'company_id'
      where n.nspname = 'public' and c.relkind = 'r'`.execute(t.handle.db)
    expect(rows.length).toBeGreaterThan(5)
    expect(rows.filter((r) => !r.relrowsecurity || !r.relforcerowsecurity).map((r) => r.relname)).toEqual([])
  })

  it("hides another company's rows from an ordinary role bound to a company, and refuses writes into it", async () => {
    await t.handle.db.transaction().execute(async (trx) => {
      await sql`set local role keel_rls_probe`.execute(trx)
      await sql`select set_config('keel.company_id', ${acme.id}, true)`.execute(trx)
      const { rows } = await sql<{ company_id: string }>`select distinct company_id from identity_role`.execute(trx)
      expect(rows.map((r) => r.company_id)).toEqual([acme.id])
    })
    const smuggle = t.handle.db.transaction().execute(async (trx) => {
      await sql`set local role keel_rls_probe`.execute(trx)
      await sql`select set_config('keel.company_id', ${acme.id}, true)`.execute(trx)
      await sql`insert into identity_role (company_id, id, key, name) values (${globex.id}, gen_random_uuid(), 'smuggled', 'Smuggled')`.execute(
        trx,
      )
    })
    await expect(smuggle).rejects.toThrow(/row-level security/)
  })

  it('binds every signed-in request to its company, reads and writes', async () => {
    const admin = await signInAs(t.app, acme.admin.email, acme.admin.password)
    const read = await admin.request('GET', '/api/v1/test/tenant')
    expect(read.json()).toEqual({ company: acme.id, roleCompanies: [acme.id] })
    const write = await admin.request('POST', '/api/v1/test/tenant', {})
    expect(write.json()).toEqual({ company: acme.id, roleCompanies: [acme.id] })
    const other = await signInAs(t.app, globex.admin.email, globex.admin.password)
    expect((await other.request('GET', '/api/v1/test/tenant')).json()).toEqual({
      company: globex.id,
      roleCompanies: [globex.id],
    })
  })
})
