export const MIN_PASSWORD_LENGTH = 12

export function validateNewPassword(value: string): string | null {
  if (value.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters`
  return null
}

export const passwordHint = `At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong, memorable password.`
