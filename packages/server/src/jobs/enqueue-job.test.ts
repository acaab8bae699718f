import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enqueue } from './enqueue-job.ts'
import { startJobs, type Jobs } from './start-jobs.ts'
import { silentLogger, testEngines, waitFor, type TestDatabase } from './test-engines.ts'

describe.each(testEngines())('enqueue on $name', (engine) => {
  let database: TestDatabase
  let jobs: Jobs
  const ran: string[] = []

  beforeAll(async () => {
    database = await engine.open()
    jobs = await startJobs(database.handle, { logger: silentLogger, pollingIntervalSeconds: 0.5, stopTimeoutMs: 1000 })
    await jobs.work<{ label: string }>('test.record', async (job) => {
      ran.push(job.data.label)
    })
  })

  afterAll(async () => {
    await jobs.stop()
    await database.dispose()
  })

  const jobExists = async (id: string | null) => {
    const { rows } = await database.handle.executeSql('select count(*)::int as n from pgboss.job where id = $1', [id])
    return (rows[0] as { n: number }).n === 1
  }

  it('runs a job whose transaction commits, and never one whose transaction rolls back', async () => {
    const { db } = database.handle
    let rolledBackId: string | null = null
    await expect(
      db.transaction().execute(async (trx) => {
        rolledBackId = await enqueue(trx, 'test.record', { label: 'rolled back' })
        throw new Error('abort the transaction')
      }),
    ).rejects.toThrow('abort the transaction')
    expect(rolledBackId).toEqual(expect.any(String))

    const committedId = await db.transaction().execute((trx) => enqueue(trx, 'test.record', { label: 'committed' }))

    await waitFor(() => ran.includes('committed'), 10_000, 'the committed job')
    expect(ran).toEqual(['committed'])
    expect(await jobExists(rolledBackId)).toBe(false)
    expect(await jobExists(committedId)).toBe(true)
  })

  it('refuses to enqueue outside a transaction or under a malformed name', async () => {
    const { db } = database.handle
    await expect(enqueue(db, 'test.record', { label: 'x' })).rejects.toThrow(/inside a transaction/)
    await expect(
      db.transaction().execute((trx) => enqueue(trx, 'Not-A-Name' as 'a.b', { label: 'x' })),
    ).rejects.toThrow(/<module>\.<verb>/)
  })

  it('fails the caller transaction for a queue nobody created, without hanging', async () => {
    const { db } = database.handle
    await expect(db.transaction().execute((trx) => enqueue(trx, 'test.nobody', {}))).rejects.toThrow(/does not exist/)
  })
})
