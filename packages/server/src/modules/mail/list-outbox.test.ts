import { newId } from '@keel/kernel'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startJobs, type Jobs } from '../../jobs/index.ts'
import { silentLogger, testEngines, waitFor, type TestDatabase } from '../../jobs/test-engines.ts'
import { listOutbox, type OutboxItem } from './list-outbox.ts'
import { queueMail } from './queue-mail.ts'
import { registerMailJobs } from './register-mail-jobs.ts'

describe.each(testEngines())('dev outbox on $name', (engine) => {
  let database: TestDatabase
  let jobs: Jobs
  const companyId = newId()
  const otherCompanyId = newId()
  /** Message ids in the order they were queued. */
  const queued: string[] = []

  beforeAll(async () => {
    database = await engine.open()
    jobs = await startJobs(database.handle, { logger: silentLogger, pollingIntervalSeconds: 0.5, stopTimeoutMs: 1000 })
    await registerMailJobs(jobs, database.handle.db, { smtp: undefined, from: 'Keel <keel@example.test>' })
    const { db } = database.handle
    // Five in one transaction share one created_at (now() is the transaction's
    // start): the id must break the tie, or pages would skip or repeat them.
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 5; i++) {
        queued.push(
          await queueMail(trx, {
            companyId,
            to: `user${String(i)}@example.test`,
            subject: `Batch ${String(i)}`,
            text: 'x',
          }),
        )
      }
    })
    for (let i = 5; i < 8; i++) {
      queued.push(
        await db.transaction().execute((trx) =>
          queueMail(trx, {
            companyId,
            to: `user${String(i)}@example.test`,
            subject: `Single ${String(i)}`,
            text: 'x',
          }),
        ),
      )
    }
    await db
      .transaction()
      .execute((trx) =>
        queueMail(trx, { companyId: otherCompanyId, to: 'other@example.test', subject: 'Not yours', text: 'x' }),
      )
  })

  afterAll(async () => {
    await jobs.stop()
    await database.dispose()
  })

  async function readAll(limit: number): Promise<OutboxItem[]> {
    const all: OutboxItem[] = []
    let cursor: string | undefined
    for (let pages = 0; pages < 100; pages++) {
      const page = await listOutbox(database.handle.db, companyId, {
        limit,
        ...(cursor === undefined ? {} : { cursor }),
      })
      expect(page.items.length).toBeLessThanOrEqual(limit)
      all.push(...page.items)
      if (page.nextCursor === null) return all
      expect(page.items).toHaveLength(limit)
      cursor = page.nextCursor
    }
    throw new Error('pagination does not end')
  }

  it('parks every message in the outbox when no SMTP server is configured', async () => {
    await waitFor(async () => (await readAll(200)).every((m) => m.status === 'outbox'), 10_000, 'the outbox')
    const [newest] = (await listOutbox(database.handle.db, companyId, { limit: 1 })).items
    expect(newest).toMatchObject({
      id: queued.at(-1),
      to: 'user7@example.test',
      subject: 'Single 7',
      textBody: 'x',
      htmlBody: null,
      status: 'outbox',
      sentAt: null,
    })
    expect(newest?.createdAt).toBeInstanceOf(Date)
  })

  it('pages newest first, every message once, for any page size', async () => {
    const newestFirst = [...queued].reverse()
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10 }), async (limit) => {
        expect((await readAll(limit)).map((m) => m.id)).toEqual(newestFirst)
      }),
      { numRuns: 12 },
    )
  })

  it('shows a company only its own mail', async () => {
    const other = await listOutbox(database.handle.db, otherCompanyId, { limit: 50 })
    expect(other.items.map((m) => m.subject)).toEqual(['Not yours'])
    expect(other.nextCursor).toBeNull()
  })

  it('rejects a forged cursor and an out-of-range limit', async () => {
    const { db } = database.handle
    await expect(listOutbox(db, companyId, { limit: 5, cursor: 'bm90IGEgY3Vyc29y' })).rejects.toMatchObject({
      code: 'request.invalid_cursor',
    })
    await expect(listOutbox(db, companyId, { limit: 0 })).rejects.toMatchObject({ code: 'mail.invalid_limit' })
    await expect(listOutbox(db, companyId, { limit: 201 })).rejects.toMatchObject({ code: 'mail.invalid_limit' })
  })
})
