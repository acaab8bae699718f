import { invalid } from './errors.ts'

export type CurrencyCode = string & { readonly __brand: 'CurrencyCode' }

/** ISO 4217 minor-unit scales for the currencies Keel knows. */
const MINOR_UNIT_SCALE: Readonly<Record<string, number>> = {
  AUD: 2,
  BGN: 2,
  BHD: 3,
  BRL: 2,
  CAD: 2,
  CHF: 2,
  CLP: 0,
  CNY: 2,
  CZK: 2,
  DKK: 2,
  EUR: 2,
  GBP: 2,
  HKD: 2,
  HUF: 2,
  IDR: 2,
  ILS: 2,
  INR: 2,
  ISK: 0,
  JOD: 3,
  JPY: 0,
  KRW: 0,
  KWD: 3,
  MXN: 2,
  MYR: 2,
  NOK: 2,
  NZD: 2,
  OMR: 3,
  PHP: 2,
  PLN: 2,
  RON: 2,
  RSD: 2,
  SAR: 2,
  SEK: 2,
  SGD: 2,
  THB: 2,
  TND: 3,
  TRY: 2,
  TWD: 2,
  UAH: 2,
  USD: 2,
  VND: 0,
  ZAR: 2,
}

export function currencyCode(raw: string): CurrencyCode {
  if (MINOR_UNIT_SCALE[raw] === undefined) {
    throw invalid('money.unknown_currency', `unsupported currency: ${raw}`)
  }
  return raw as CurrencyCode
}

export const minorUnitScale = (currency: CurrencyCode): number => MINOR_UNIT_SCALE[currency] ?? 0

/**
 * `'1234.5'` in EUR -> `123450n`. Amounts travel as decimal strings so nothing
 * rounds them; more decimals than the currency has is an error, never a rounding.
 */
export function parseDecimalAmount(raw: string, currency: CurrencyCode): bigint {
  const scale = minorUnitScale(currency)
  const match = /^(-?)(0|[1-9][0-9]{0,15})(?:\.([0-9]+))?$/.exec(raw)
  if (!match) throw invalid('money.malformed_amount', `not a decimal amount: ${raw}`)
  const [, sign = '', whole = '0', fraction = ''] = match
  if (fraction.length > scale) {
    throw invalid('money.too_many_decimals', `${currency} has ${String(scale)} decimals: ${raw}`)
  }
  const minor = BigInt(whole + fraction.padEnd(scale, '0'))
  return sign === '-' ? -minor : minor
}

/** `formatDecimalAmount(123456n, 'EUR')` -> `'1234.56'`: the API's representation. */
export function formatDecimalAmount(amountMinor: bigint, currency: CurrencyCode): string {
  const scale = minorUnitScale(currency)
  const sign = amountMinor < 0n ? '-' : ''
  const digits = (amountMinor < 0n ? -amountMinor : amountMinor).toString().padStart(scale + 1, '0')
  return scale === 0 ? sign + digits : `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`
}

/**
 * Splits `totalMinor` into parts proportional to `weights` by largest remainder:
 * the parts always add up to the total, so no cent is ever lost.
 */
export function allocate(totalMinor: bigint, weights: readonly bigint[]): bigint[] {
  const weightSum = weights.reduce((sum, w) => sum + w, 0n)
  if (weights.length === 0 || weightSum <= 0n || weights.some((w) => w < 0n)) {
    throw invalid('money.bad_weights', 'allocation weights must be non-negative with a positive sum')
  }
  const negative = totalMinor < 0n
  const total = negative ? -totalMinor : totalMinor
  const parts = weights.map((w) => (total * w) / weightSum)
  const remainders = weights.map((w, index) => ({ index, remainder: (total * w) % weightSum }))
  let left = total - parts.reduce((sum, p) => sum + p, 0n)
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1))
  for (const { index } of remainders) {
    if (left === 0n) break
    parts[index] = (parts[index] ?? 0n) + 1n
    left -= 1n
  }
  return negative ? parts.map((p) => -p) : parts
}
