import type { LiveSession } from '../modules/identity/index.ts'

/**
 * Embedded mode only. PGlite runs in this process and nothing else can write
 * to its data directory, so a resolved session stays true until this process
 * changes something. The cache is dropped after every state-changing request
 * (sign-out, role change, deactivation, …) and each entry is re-read after
 * `maxAgeMs` so idle and absolute timeouts and `last_seen_at` stay exact enough.
 * On PostgreSQL other processes write too: there every request reads the database.
 */
export interface SessionCache {
  /** Changes with every clear: a read that started before a clear is not cached after it. */
  generation(): number
  get(cookie: string, nowMs: number): LiveSession | null | undefined
  set(cookie: string, session: LiveSession | null, nowMs: number, readAtGeneration: number): void
  clear(): void
}

const MAX_ENTRIES = 10_000

export function sessionCache(maxAgeMs: number): SessionCache {
  const entries = new Map<string, { session: LiveSession | null; cachedAtMs: number }>()
  let generation = 0
  return {
    generation: () => generation,
    get(cookie, nowMs) {
      const entry = entries.get(cookie)
      if (!entry) return undefined
      // A clock that went backwards (tests move it by hand) also invalidates.
      if (nowMs - entry.cachedAtMs >= maxAgeMs || nowMs < entry.cachedAtMs) {
        entries.delete(cookie)
        return undefined
      }
      return entry.session
    },
    set(cookie, session, nowMs, readAtGeneration) {
      if (readAtGeneration !== generation) return
      if (entries.size >= MAX_ENTRIES) entries.clear()
      entries.set(cookie, { session, cachedAtMs: nowMs })
    },
    clear() {
      generation++
      entries.clear()
    },
  }
}
