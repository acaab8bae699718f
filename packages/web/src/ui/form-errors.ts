import { ApiError, errorMessage } from '../api/client.ts'

interface FormLike {
  setFieldError: (path: string, error: string) => void
  values: object
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object'

/**
 * The longest prefix of `segments` that names a field of the form, dotted (`privateData.bankAccount.iban`).
 * It does not descend into an array of plain values: `roleIds/0` is the field `roleIds`.
 */
function deepestField(values: object, segments: string[]): string | null {
  let at: unknown = values
  const found: string[] = []
  for (const key of segments) {
    if (!isObject(at) || !(key in at)) break
    const next = at[key]
    if (Array.isArray(at) && !isObject(next)) break
    found.push(key)
    at = next
  }
  return found.length > 0 ? found.join('.') : null
}

/**
 * Puts an API error's field errors (`/body/email`) on the matching form fields: as deep as the form goes
 * (`/body/salary/amount` → `salary.amount`), or where `rename` says (keyed by the path's first segment).
 * Returns the message to show above the form, or null when every error landed on a field.
 */
export function applyApiError(form: FormLike, err: unknown, rename: Record<string, string> = {}): string | null {
  if (!(err instanceof ApiError)) return errorMessage(err)
  let unplaced = false
  let placed = false
  const done = new Set<string>()
  for (const e of err.problem?.errors ?? []) {
    const segments = e.path
      .replace(/^\/(body|query|params)\/?/, '')
      .split('/')
      .filter(Boolean)
    const renamed = rename[segments[0] ?? '']
    const target = renamed ? deepestField(form.values, renamed.split('.')) : deepestField(form.values, segments)
    if (target) {
      if (!done.has(target)) form.setFieldError(target, e.message)
      done.add(target)
      placed = true
    } else {
      unplaced = true
    }
  }
  if (placed && !unplaced) return null
  return err.message
}
