import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../testing/test-db.ts'
import type { DatabaseHandle } from './connect.ts'

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('listening for notifications on PostgreSQL', () => {
  let handle: DatabaseHandle
  beforeEach(async () => {
    handle = await createTestDatabase()
  })
  afterEach(() => handle.close())

  it('reports the listener lost when its connection dies, comes back by itself, and hears what is sent after', async () => {
    const states: boolean[] = []
    let notifications = 0
    const stop = await handle.listen('keel_test_channel', {
      onNotify: () => notifications++,
      onListening: (listening) => states.push(listening),
    })
    try {
      await expect.poll(() => states).toEqual([true])
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
        where application_name = 'keel-listen-keel_test_channel' and datname = current_database()`.execute(handle.db)
      await expect.poll(() => states).toEqual([true, false, true])
      await sql`select pg_notify('keel_test_channel', '')`.execute(handle.db)
      await expect.poll(() => notifications).toBe(1)
    } finally {
      await stop()
    }
    expect(states.at(-1)).toBe(false)
  })
})
