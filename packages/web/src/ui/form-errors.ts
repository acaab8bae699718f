import { ApiError, errorMessage } from '../api/client.ts'

interface FormLike {
  setFieldError: (path: string, error: string) => void
  values: object
}

/**
 * Puts an API error's field errors (`/body/email`) on the matching form fields.
 * Returns the message to show above the form, or null when every error landed on a field.
 */
export function applyApiError(form: FormLike, err: unknown, rename: Record<string, string> = {}): string | null {
  if (!(err instanceof ApiError)) return errorMessage(err)
  const fields = err.fieldErrors()
  let unplaced = false
  let placed = false
  for (const [field, message] of Object.entries(fields)) {
    const target = rename[field] ?? field
    if (target in form.values) {
      form.setFieldError(target, message)
      placed = true
    } else {
      unplaced = true
    }
  }
  if (placed && !unplaced) return null
  return err.message
}
