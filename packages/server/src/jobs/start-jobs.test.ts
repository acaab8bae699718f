import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enqueue } from './enqueue-job.ts'
import { DEFAULT_RETRY, startJobs, type Job, type Jobs } from './start-jobs.ts'
import { silentLogger, testEngines, waitFor, type TestDatabase } from './test-engines.ts'

describe.each(testEngines())('job runner on $name', (engine) => {
  let database: TestDatabase
  let jobs: Jobs

  beforeAll(async () => {
    database = await engine.open()
    jobs = await startJobs(database.handle, { logger: silentLogger, pollingIntervalSeconds: 0.5, stopTimeoutMs: 1000 })
  })

  afterAll(async () => {
    await jobs.stop()
    await database.dispose()
  })

  const send = (name: 'test.flaky' | 'test.backoff', data: object) =>
    database.handle.db.transaction().execute((trx) => enqueue(trx, name, data))

  const queueRow = async (name: string) => {
    const { rows } = await database.handle.executeSql(
      'select retry_limit, retry_delay, retry_backoff, retry_delay_max from pgboss.queue where name = $1',
      [name],
    )
    return rows[0]
  }

  it('installs its schema on first start', async () => {
    const { rows } = await database.handle.executeSql('select version from pgboss.version')
    expect(rows).toHaveLength(1)
  })

  it('retries a failing handler until it succeeds', async () => {
    const attempts: Job<{ n: number }>[] = []
    await jobs.work<{ n: number }>(
      'test.flaky',
      async (job) => {
        attempts.push(job)
        if (attempts.length === 1) throw new Error('transient failure')
      },
      { retry: { limit: 2, delaySeconds: 0, backoff: false } },
    )
    const id = await send('test.flaky', { n: 1 })
    await waitFor(() => attempts.length >= 2, 10_000, 'the retry')
    expect(attempts.map((a) => [a.id, a.retryCount, a.lastAttempt])).toEqual([
      [id, 0, false],
      [id, 1, false],
    ])
    await waitFor(async () => {
      const { rows } = await database.handle.executeSql('select state from pgboss.job where id = $1', [id])
      return (rows[0] as { state: string } | undefined)?.state === 'completed'
    })
  })

  it('gives every queue the default retry policy, with exponential backoff', async () => {
    let failures = 0
    await jobs.work('test.backoff', async () => {
      failures++
      throw new Error('down')
    })
    expect(await queueRow('test.backoff')).toEqual({
      retry_limit: DEFAULT_RETRY.limit,
      retry_delay: DEFAULT_RETRY.delaySeconds,
      retry_backoff: true,
      retry_delay_max: DEFAULT_RETRY.maxDelaySeconds,
    })
    const id = await send('test.backoff', {})
    await waitFor(() => failures === 1, 10_000, 'the first attempt')
    let retry: { state: string; delay: number } | undefined
    await waitFor(async () => {
      const { rows } = await database.handle.executeSql(
        `select state, extract(epoch from start_after - now())::float8 as delay from pgboss.job where id = $1`,
        [id],
      )
      retry = rows[0] as typeof retry
      return retry?.state === 'retry'
    })
    // First retry waits delay × (1 + jitter): at least the base delay, not the instant retry of retryDelay 0.
    expect(retry?.delay).toBeGreaterThan(DEFAULT_RETRY.delaySeconds - 5)
    expect(failures).toBe(1)
  })

  it('registers a cron schedule, replacing it when scheduled again', async () => {
    await jobs.schedule('test.tick', '*/5 * * * *', { every: 'five minutes' })
    await jobs.schedule('test.tick', '0 * * * *', { every: 'hour' })
    const schedules = (await jobs.listSchedules()).filter((s) => s.name === 'test.tick')
    expect(schedules).toEqual([{ name: 'test.tick', cron: '0 * * * *', timezone: 'UTC', data: { every: 'hour' } }])
  })

  it('only creates queues when workers are off', async () => {
    const ran: unknown[] = []
    const passive = await startJobs(database.handle, { logger: silentLogger, workers: false, schedules: false })
    try {
      await passive.work('test.passive', async (job) => {
        ran.push(job.data)
      })
      const id = await database.handle.db.transaction().execute((trx) => enqueue(trx, 'test.passive', { a: 1 }))
      await new Promise((resolve) => setTimeout(resolve, 1200))
      expect(ran).toEqual([])
      const { rows } = await database.handle.executeSql('select state from pgboss.job where id = $1', [id])
      expect(rows).toEqual([{ state: 'created' }])
      // Schedules are still recorded, for whichever process fires them.
      await passive.schedule('test.passive-tick', '0 0 * * *')
      expect((await passive.listSchedules()).map((s) => s.name)).toContain('test.passive-tick')
    } finally {
      await passive.stop()
    }
  })
})
