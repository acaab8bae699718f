import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db/connect.ts'
import { createTestDatabase } from '../../testing/test-db.ts'
import { recordAudit } from './record-audit.ts'
import { verifyAuditChain } from './verify-audit-chain.ts'

const COMPANY = '0190a0b0-0000-7000-8000-0000000000c1'
const OTHER = '0190a0b0-0000-7000-8000-0000000000c2'
const ctx = (companyId = COMPANY) => ({ companyId, actorId: null, actorKind: 'system' as const, requestId: 'req-1' })

let handle: DatabaseHandle

async function appendEvents(n: number, companyId = COMPANY) {
  for (let i = 1; i <= n; i++) {
    await recordAudit(handle.db, ctx(companyId), {
      action: 'test.thing.changed',
      entityType: 'thing',
      entityId: `thing-${String(i)}`,
      changes: {
        amountMinor: { before: BigInt(i), after: BigInt(i + 1) },
        note: { before: null, after: `n${String(i)}` },
      },
    })
  }
}

// The trigger refuses UPDATE and DELETE; a tamperer with database access would turn it off.
const tamper = async (statement: ReturnType<typeof sql>) => {
  await sql`alter table audit_event disable trigger audit_event_append_only`.execute(handle.db)
  await statement.execute(handle.db)
  await sql`alter table audit_event enable trigger audit_event_append_only`.execute(handle.db)
}

beforeEach(async () => {
  handle = await createTestDatabase()
  await appendEvents(5)
  await appendEvents(2, OTHER)
})
afterEach(() => handle.close())

describe('verifyAuditChain', () => {
  it('accepts an untouched chain', async () => {
    expect(await verifyAuditChain(handle.db, COMPANY)).toEqual({ ok: true, checked: 5, brokenAt: null })
  })

  it('refuses UPDATE and DELETE through the append-only trigger', async () => {
    await expect(sql`update audit_event set action = 'x'`.execute(handle.db)).rejects.toThrow(/append-only/)
    await expect(sql`delete from audit_event`.execute(handle.db)).rejects.toThrow(/append-only/)
  })

  it('names the altered event', async () => {
    await tamper(
      sql`update audit_event set changes = '{"amountMinor":{"before":"3","after":"999"}}' where company_id = ${COMPANY} and seq = 3`,
    )
    const verdict = await verifyAuditChain(handle.db, COMPANY)
    expect(verdict).toMatchObject({
      ok: false,
      checked: 2,
      brokenAt: { seq: '3', reason: expect.stringContaining('hash') as string },
    })
  })

  it('names the first missing event when one is deleted', async () => {
    await tamper(sql`delete from audit_event where company_id = ${COMPANY} and seq = 2`)
    expect(await verifyAuditChain(handle.db, COMPANY)).toMatchObject({
      ok: false,
      checked: 1,
      brokenAt: { seq: '2', id: null },
    })
  })

  it('notices the newest event removed', async () => {
    await tamper(sql`delete from audit_event where company_id = ${COMPANY} and seq = 5`)
    expect(await verifyAuditChain(handle.db, COMPANY)).toMatchObject({ ok: false, checked: 4, brokenAt: { seq: '5' } })
  })

  it('names the first event of a reordered pair', async () => {
    await tamper(sql`update audit_event set seq = 1000 where company_id = ${COMPANY} and seq = 2`)
    await tamper(sql`update audit_event set seq = 2 where company_id = ${COMPANY} and seq = 4`)
    await tamper(sql`update audit_event set seq = 4 where company_id = ${COMPANY} and seq = 1000`)
    expect(await verifyAuditChain(handle.db, COMPANY)).toMatchObject({ ok: false, checked: 1, brokenAt: { seq: '2' } })
  })

  it('notices an event whose whole chain after it was rewritten consistently but not the head', async () => {
    await tamper(sql`update audit_event set actor_id = ${COMPANY} where company_id = ${COMPANY} and seq = 4`)
    const verdict = await verifyAuditChain(handle.db, COMPANY)
    expect(verdict.brokenAt?.seq).toBe('4')
  })

  it("keeps each company's chain separate", async () => {
    await tamper(sql`delete from audit_event where company_id = ${COMPANY} and seq = 1`)
    expect((await verifyAuditChain(handle.db, OTHER)).ok).toBe(true)
    expect((await verifyAuditChain(handle.db, COMPANY)).ok).toBe(false)
  })
})
