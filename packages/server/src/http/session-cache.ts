import type { LiveSession } from '../modules/identity/index.ts'

/**
 * Resolved sessions kept in memory between changes, on both engines. Every
 * change a session's answer depends on notifies `keel_access_changed` when it
 * commits (identity migration 0002, from any process or tool), and the server
 * clears the cache on each notification. While the listener is down the cache
 * is off: a missed notification must not leave a revoked session alive. This
 * process also clears it around its own state-changing requests, so its next
 * request never waits for the notification to come round. Each entry is
 * re-read after `maxAgeMs` so idle and absolute timeouts and `last_seen_at`
 * stay exact enough.
 */
export interface SessionCache {
  /** Changes with every clear: a read that started before a clear is not cached after it. */
  generation(): number
  get(cookie: string, nowMs: number): LiveSession | null | undefined
  set(cookie: string, session: LiveSession | null, nowMs: number, readAtGeneration: number): void
  clear(): void
  /** Off while changes could be missed (see above); turning it on or off clears it. */
  setEnabled(enabled: boolean): void
}

const MAX_ENTRIES = 10_000

export function sessionCache(maxAgeMs: number): SessionCache {
  const entries = new Map<string, { session: LiveSession | null; cachedAtMs: number }>()
  let generation = 0
  let enabled = false
  const clear = () => {
    generation++
    entries.clear()
  }
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
      if (!enabled || readAtGeneration !== generation) return
      if (entries.size >= MAX_ENTRIES) entries.clear()
      entries.set(cookie, { session, cachedAtMs: nowMs })
    },
    clear,
    setEnabled(on) {
      enabled = on
      clear()
    },
  }
}
