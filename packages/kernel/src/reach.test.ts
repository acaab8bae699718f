import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isWithinReach, REACHES, reachIncludes, widerReach, type ReachSubject, type ReachTarget } from './reach.ts'

const id = fc.constantFrom('a', 'b', 'c', 'd')
const subject: fc.Arbitrary<ReachSubject> = fc.record({
  userId: id,
  teamIds: fc.array(id, { maxLength: 3 }),
  departmentIds: fc.array(id, { maxLength: 3 }),
})
const target: fc.Arbitrary<ReachTarget> = fc.record({
  ownerUserId: fc.option(id),
  teamId: fc.option(id),
  departmentId: fc.option(id),
})
const reach = fc.constantFrom(...REACHES)

describe('reach', () => {
  it('is monotone: whatever a narrower reach sees, a wider one sees too', () => {
    fc.assert(
      fc.property(reach, reach, subject, target, (a, b, who, what) => {
        if (reachIncludes(a, b) && isWithinReach(b, who, what)) expect(isWithinReach(a, who, what)).toBe(true)
      }),
    )
  })

  it('sees only own records at own reach, and everything at company reach', () => {
    fc.assert(
      fc.property(subject, target, (who, what) => {
        expect(isWithinReach('own', who, what)).toBe(what.ownerUserId === who.userId)
        expect(isWithinReach('company', who, what)).toBe(true)
      }),
    )
  })

  it('reaches a team member’s record at team reach but not another team’s', () => {
    const lead = { userId: 'lena', teamIds: ['t1'], departmentIds: ['d1'] }
    expect(isWithinReach('team', lead, { ownerUserId: 'eve', teamId: 't1', departmentId: 'd1' })).toBe(true)
    expect(isWithinReach('team', lead, { ownerUserId: 'bob', teamId: 't2', departmentId: 'd1' })).toBe(false)
    expect(isWithinReach('department', lead, { ownerUserId: 'bob', teamId: 't2', departmentId: 'd1' })).toBe(true)
    expect(isWithinReach('department', lead, { ownerUserId: 'zoe', teamId: 't9', departmentId: 'd2' })).toBe(false)
  })

  it('picks the wider of two reaches', () => {
    expect(widerReach('team', 'own')).toBe('team')
    expect(widerReach('department', 'company')).toBe('company')
  })
})
