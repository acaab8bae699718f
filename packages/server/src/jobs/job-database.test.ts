import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, type DatabaseHandle } from '../db/connect.ts'
import { handleDatabase } from './job-database.ts'

describe('pg-boss connection on PGlite', () => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await connect({ dataDir: 'memory://' })
  })
  afterAll(() => handle.close())

  it('leaves the single connection usable after a script fails inside BEGIN … COMMIT', async () => {
    const db = handleDatabase(handle)
    await expect(db.executeSql('begin; select 1/0; commit;')).rejects.toThrow(/division by zero/)
    expect((await db.executeSql('select 1 as one', [])).rows).toEqual([{ one: 1 }])
    expect((await sql`select 2 as two`.execute(handle.db)).rows).toEqual([{ two: 2 }])
  })

  it('returns the rows of every statement of a parameterless script', async () => {
    const db = handleDatabase(handle)
    expect((await db.executeSql('select 1 as a; select 2 as a;')).rows).toEqual([{ a: 1 }, { a: 2 }])
  })
})
