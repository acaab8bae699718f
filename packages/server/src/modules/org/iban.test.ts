import { describe, expect, it } from 'vitest'
import { isValidIban, normalizeIban } from './iban.ts'

describe('IBAN check', () => {
  it('accepts real-format IBANs with or without spaces', () => {
    expect(isValidIban('DE89 3704 0044 0532 0130 00')).toBe(true)
    expect(isValidIban('GB82WEST12345698765432')).toBe(true)
    expect(isValidIban('fr1420041010050500013m02606')).toBe(true)
    expect(normalizeIban('de89 3704 0044 0532 0130 00')).toBe('DE89370400440532013000')
  })

  it('refuses a mistyped digit, a wrong length for the country and other shapes', () => {
    expect(isValidIban('DE89370400440532013001')).toBe(false)
    expect(isValidIban('DE8937040044053201300')).toBe(false)
    expect(isValidIban('not an iban')).toBe(false)
    expect(isValidIban('')).toBe(false)
  })
})
