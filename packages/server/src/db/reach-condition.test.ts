import { isWithinReach, reachCondition, REACHES, type ReachSubject } from '@keel/kernel'
import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../testing/test-db.ts'
import type { DatabaseHandle } from './connect.ts'

// The kernel's reach scope in SQL must agree with its TypeScript twin on every row.
const IDS = [
  '0190a0b0-0000-7000-8000-00000000000a',
  '0190a0b0-0000-7000-8000-00000000000b',
  '0190a0b0-0000-7000-8000-00000000000c',
]

let handle: DatabaseHandle
beforeAll(async () => {
  handle = await createTestDatabase()
  await sql`create temporary table reach_probe (n int primary key, owner_id uuid, team_id uuid, department_id uuid)`.execute(
    handle.db,
  )
  let n = 0
  const values = [null, ...IDS]
  for (const owner of values)
    for (const team of values)
      for (const department of values) {
        await sql`insert into reach_probe values (${n++}, ${owner}, ${team}, ${department})`.execute(handle.db)
      }
})
afterAll(() => handle.close())

const id = fc.constantFrom(...IDS)
const subject: fc.Arbitrary<ReachSubject> = fc.record({
  userId: id,
  teamIds: fc.uniqueArray(id, { maxLength: 3 }),
  departmentIds: fc.uniqueArray(id, { maxLength: 3 }),
})

describe('reachCondition', () => {
  it('selects exactly the rows isWithinReach accepts, for any reach and actor', async () => {
    const rows = (
      await sql<{
        n: number
        owner_id: string | null
        team_id: string | null
        department_id: string | null
      }>`select * from reach_probe order by n`.execute(handle.db)
    ).rows
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...REACHES), subject, async (reach, who) => {
        const selected = await sql<{
          n: number
        }>`select n from reach_probe where ${reachCondition(reach, who, { owner: 'owner_id', team: 'team_id', department: 'department_id' })} order by n`.execute(
          handle.db,
        )
        const expected = rows
          .filter((r) =>
            isWithinReach(reach, who, { ownerUserId: r.owner_id, teamId: r.team_id, departmentId: r.department_id }),
          )
          .map((r) => r.n)
        expect(selected.rows.map((r) => r.n)).toEqual(expected)
      }),
      { numRuns: 60 },
    )
  })
})
