import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { allocate, currencyCode, formatDecimalAmount, parseDecimalAmount } from './money.ts'

const EUR = currencyCode('EUR')
const JPY = currencyCode('JPY')
const KWD = currencyCode('KWD')

describe('money', () => {
  it('round-trips every amount between minor units and decimal strings', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.constantFrom(EUR, JPY, KWD),
        (minor, currency) => {
          expect(parseDecimalAmount(formatDecimalAmount(minor, currency), currency)).toBe(minor)
        },
      ),
    )
  })

  it('refuses more decimals than the currency has rather than rounding', () => {
    expect(parseDecimalAmount('12.3', EUR)).toBe(1230n)
    expect(() => parseDecimalAmount('12.345', EUR)).toThrow(/decimals/)
    expect(() => parseDecimalAmount('1.5', JPY)).toThrow(/decimals/)
    expect(parseDecimalAmount('1.505', KWD)).toBe(1505n)
    expect(() => parseDecimalAmount('1e3', EUR)).toThrow(/not a decimal/)
  })

  it('allocates without losing or inventing a cent', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc
          .array(fc.bigInt({ min: 0n, max: 1000n }), { minLength: 1, maxLength: 12 })
          .filter((w) => w.some((x) => x > 0n)),
        (total, weights) => {
          const parts = allocate(total, weights)
          expect(parts.reduce((sum, p) => sum + p, 0n)).toBe(total)
          weights.forEach((w, i) => {
            if (w === 0n) expect(parts[i]).toBe(0n)
          })
        },
      ),
    )
  })

  it('splits 100.00 three ways as 33.34, 33.33, 33.33', () => {
    expect(allocate(10_000n, [1n, 1n, 1n])).toEqual([3334n, 3333n, 3333n])
  })
})
