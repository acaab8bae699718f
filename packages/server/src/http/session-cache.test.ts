import { describe, expect, it } from 'vitest'
import type { LiveSession } from '../modules/identity/index.ts'
import { sessionCache, type SessionCache } from './session-cache.ts'

const session = { id: 's1', userId: 'u1' } as unknown as LiveSession

function enabledCache(maxAgeMs: number): SessionCache {
  const cache = sessionCache(maxAgeMs)
  cache.setEnabled(true)
  return cache
}

describe('the session cache', () => {
  it('answers from memory until the entry is older than its limit', () => {
    const cache = enabledCache(1000)
    cache.set('cookie', session, 0, cache.generation())
    expect(cache.get('cookie', 999)).toBe(session)
    expect(cache.get('cookie', 1000)).toBeUndefined()
  })

  it('forgets everything on clear, and refuses a read that started before the clear', () => {
    const cache = enabledCache(60_000)
    cache.set('cookie', session, 0, cache.generation())
    const readStartedAt = cache.generation()
    cache.clear()
    expect(cache.get('cookie', 1)).toBeUndefined()
    cache.set('cookie', session, 2, readStartedAt)
    expect(cache.get('cookie', 3)).toBeUndefined()
  })

  it('remembers that a cookie has no session, too', () => {
    const cache = enabledCache(60_000)
    cache.set('forged', null, 0, cache.generation())
    expect(cache.get('forged', 1)).toBeNull()
  })

  it('treats a clock moved backwards as a miss', () => {
    const cache = enabledCache(60_000)
    cache.set('cookie', session, 5000, cache.generation())
    expect(cache.get('cookie', 4000)).toBeUndefined()
  })

  it('keeps nothing while it is off (its change notifications could be missed)', () => {
    const cache = sessionCache(60_000)
    cache.set('cookie', session, 0, cache.generation())
    expect(cache.get('cookie', 1)).toBeUndefined()
    cache.setEnabled(true)
    cache.set('cookie', session, 0, cache.generation())
    expect(cache.get('cookie', 1)).toBe(session)
    cache.setEnabled(false)
    expect(cache.get('cookie', 2)).toBeUndefined()
  })
})
