import { PGlite } from '@electric-sql/pglite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { preparingClient, type PreparingClient } from './pglite-prepared.ts'

describe('prepared statements on PGlite', () => {
  let pglite: PGlite
  let client: PreparingClient
  beforeEach(async () => {
    pglite = await PGlite.create()
    client = preparingClient(pglite)
    await pglite.exec(`
      create table t (id int primary key, name text not null unique, at timestamptz, amount bigint, doc jsonb);
      insert into t values (1, 'one', '2026-03-02T09:00:00Z', 9007199254740993, '{"a": [1, 2]}');`)
  })
  afterEach(() => pglite.close())

  const prepared = async () =>
    (await pglite.query<{ n: number }>(`select count(*)::int as n from pg_prepared_statements`)).rows[0]?.n

  it('answers exactly as PGlite does, and prepares each statement text once', async () => {
    const text = 'select id, name, at, amount, doc from t where id = $1'
    const plain = await pglite.query(text, [1])
    const first = await client.query(text, [1])
    const again = await client.query(text, [1])
    expect(first.rows).toEqual(plain.rows)
    expect(again.rows).toEqual(plain.rows)
    expect(first.fields).toEqual(plain.fields)
    expect(await prepared()).toBe(1)
    const none = await client.query(text, [2])
    expect(none.rows).toEqual([])
  })

  it('reports errors with their code and constraint, and the connection goes on working', async () => {
    const insert = 'insert into t (id, name) values ($1, $2)'
    await expect(client.query(insert, [2, 'one'])).rejects.toMatchObject({ code: '23505', constraint: 't_name_key' })
    await expect(client.query('select * from t where id = $1', ['not a number'])).rejects.toMatchObject({
      code: '22P02',
    })
    expect((await client.query(insert, [2, 'two'])).affectedRows).toBe(1)
    await client.query('begin')
    await expect(client.query(insert, [3, 'two'])).rejects.toMatchObject({ code: '23505' })
    await client.query('rollback')
    expect((await client.query<{ n: number }>('select count(*)::int as n from t where id > $1', [0])).rows).toEqual([
      { n: 2 },
    ])
  })

  it('prepares afresh after the schema changed under a statement', async () => {
    const text = 'select * from t where id = $1'
    expect(Object.keys((await client.query<object>(text, [1])).rows[0] ?? {})).toHaveLength(5)
    await pglite.exec('alter table t add column note text')
    // PostgreSQL refuses a cached plan whose columns changed; the next call prepares again.
    await client.query(text, [1]).catch((error: unknown) => {
      expect(error).toMatchObject({ code: '0A000' })
    })
    expect(Object.keys((await client.query<object>(text, [1])).rows[0] ?? {})).toHaveLength(6)
    await client.forget()
    expect(await prepared()).toBe(0)
  })

  it('leaves parameterless statements and plan-each-call statements unprepared', async () => {
    await client.query('select 1')
    await client.query('select * from t where name = $1 /* keel:plan-each-call */', ['one'])
    expect(await prepared()).toBe(0)
  })
})
