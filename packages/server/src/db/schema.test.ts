import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../testing/test-db.ts'
import type { DatabaseHandle } from './connect.ts'

let handle: DatabaseHandle
beforeAll(async () => {
  handle = await createTestDatabase()
})
afterAll(() => handle.close())

interface Constraint {
  table_name: string
  constraint_type: 'PRIMARY KEY' | 'FOREIGN KEY'
  columns: string[]
  referenced_table: string | null
}

describe('the live schema', () => {
  it('keys every company table by company_id, and every foreign key between company tables includes it', async () => {
    const tables = await sql<{ table_name: string }>`
      select c.table_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and c.column_name = 'company_id' and t.table_type = 'BASE TABLE'`.execute(
      handle.db,
    )
    const companyTables = new Set(tables.rows.map((r) => r.table_name))
    expect(companyTables.size).toBeGreaterThan(5)
    const constraints = await sql<Constraint>`
      select cl.relname as table_name,
             case con.contype when 'p' then 'PRIMARY KEY' else 'FOREIGN KEY' end as constraint_type,
             array(select a.attname from unnest(con.conkey) k join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k)::text[] as columns,
             ref.relname as referenced_table
      from pg_constraint con
      join pg_class cl on cl.oid = con.conrelid
      join pg_namespace ns on ns.oid = cl.relnamespace
      left join pg_class ref on ref.oid = con.confrelid
      where ns.nspname = 'public' and con.contype in ('p', 'f')`.execute(handle.db)
    const problems: string[] = []
    for (const table of companyTables) {
      const pk = constraints.rows.find((c) => c.table_name === table && c.constraint_type === 'PRIMARY KEY')
      if (!pk?.columns.includes('company_id')) problems.push(`${table}: primary key lacks company_id`)
    }
    for (const fk of constraints.rows.filter((c) => c.constraint_type === 'FOREIGN KEY')) {
      if (
        companyTables.has(fk.table_name) &&
        fk.referenced_table &&
        companyTables.has(fk.referenced_table) &&
        !fk.columns.includes('company_id')
      ) {
        problems.push(
          `${fk.table_name} -> ${fk.referenced_table}: foreign key (${fk.columns.join(', ')}) lacks company_id`,
        )
      }
    }
    expect(problems).toEqual([])
  })

  it('parses int8 as bigint, numeric as string and date as string on this engine', async () => {
    const row = await sql<{
      big: unknown
      small: unknown
      num: unknown
      day: unknown
    }>`select 9007199254740993::int8 as big, 1::int8 as small, 12.30::numeric as num, '2026-02-28'::date as day`.execute(
      handle.db,
    )
    expect(row.rows[0]).toEqual({ big: 9007199254740993n, small: 1n, num: '12.30', day: '2026-02-28' })
  })
})
