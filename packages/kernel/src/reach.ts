/**
 * How far a permission reaches. `own`: records of the actor; `team`: of the
 * teams the actor leads or belongs to; `department`: of the actor's
 * departments; `company`: all of the active company. Wider includes narrower.
 */
export type Reach = 'own' | 'team' | 'department' | 'company'

export const REACHES: readonly Reach[] = ['own', 'team', 'department', 'company']

export const widerReach = (a: Reach, b: Reach): Reach => (REACHES.indexOf(a) >= REACHES.indexOf(b) ? a : b)

export const reachIncludes = (granted: Reach, needed: Reach): boolean =>
  REACHES.indexOf(granted) >= REACHES.indexOf(needed)

/** Who the actor is inside the org, as far as reach needs to know. */
export interface ReachSubject {
  readonly userId: string
  readonly teamIds: readonly string[]
  readonly departmentIds: readonly string[]
}

/** What a record says about whom it belongs to. Unknown parts are null. */
export interface ReachTarget {
  readonly ownerUserId: string | null
  readonly teamId: string | null
  readonly departmentId: string | null
}

/** The single rule every module uses to decide whether a record is within an actor's reach. */
export function isWithinReach(reach: Reach, subject: ReachSubject, target: ReachTarget): boolean {
  switch (reach) {
    case 'company':
      return true
    case 'department':
      if (target.departmentId !== null && subject.departmentIds.includes(target.departmentId)) return true
      return isWithinReach('team', subject, target)
    case 'team':
      if (target.teamId !== null && subject.teamIds.includes(target.teamId)) return true
      return isWithinReach('own', subject, target)
    case 'own':
      return target.ownerUserId === subject.userId
  }
}
