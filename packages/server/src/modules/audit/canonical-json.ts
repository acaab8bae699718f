/**
 * JSON with object keys sorted at every level, so the same value always hashes
 * the same, whatever order its keys were written in or jsonb stored them in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalize(value))
}

/** Makes a value JSON-safe the way audit events store it: bigints and Dates become strings. */
export function normalize(value: unknown): unknown {
  if (value === undefined) return null
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(normalize)
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) sorted[key] = normalize((value as Record<string, unknown>)[key])
    return sorted
  }
  return value
}
