import { describe, expect, it } from 'vitest'
import { isRetryableDbError, isUniqueViolation, withRetries } from './db.ts'

const pgError = (code: string, constraint?: string) => Object.assign(new Error(code), { code, constraint })

describe('withRetries', () => {
  it('runs the work again after a serialization failure or deadlock, then succeeds', async () => {
    let calls = 0
    const result = await withRetries(async () => {
      calls++
      if (calls === 1) throw pgError('40001')
      if (calls === 2) throw pgError('40P01')
      return 'done'
    })
    expect(result).toBe('done')
    expect(calls).toBe(3)
  })

  it('gives up after a bounded number of attempts', async () => {
    let calls = 0
    await expect(
      withRetries(async () => {
        calls++
        throw pgError('40001')
      }, 3),
    ).rejects.toMatchObject({ code: '40001' })
    expect(calls).toBe(3)
  })

  it('never retries other errors', async () => {
    let calls = 0
    await expect(
      withRetries(async () => {
        calls++
        throw pgError('23505')
      }),
    ).rejects.toMatchObject({ code: '23505' })
    expect(calls).toBe(1)
  })

  it('recognises unique violations, optionally of one constraint', () => {
    expect(isUniqueViolation(pgError('23505', 'a_key'))).toBe(true)
    expect(isUniqueViolation(pgError('23505', 'a_key'), 'b_key')).toBe(false)
    expect(isRetryableDbError(new Error('x'))).toBe(false)
  })
})
