/** The time source. Production uses the system clock; tests pass a fixed or stepping one. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock that stays where it is put, for tests. */
export function fixedClock(
  start: Date | string,
): Clock & { set(at: Date | string): void; advanceMs(ms: number): void } {
  let current = new Date(start)
  return {
    now: () => new Date(current),
    set: (at) => {
      current = new Date(at)
    },
    advanceMs: (ms) => {
      current = new Date(current.getTime() + ms)
    },
  }
}
