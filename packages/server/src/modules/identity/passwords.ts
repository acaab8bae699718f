import { hash, verify } from '@node-rs/argon2'
import { dictionary } from '@zxcvbn-ts/language-common'
import { invalidField } from '@keel/kernel'

export const PASSWORD_MIN_LENGTH = 12
const PASSWORD_MAX_LENGTH = 256

// ~49,000 passwords seen most often in breaches; lower-cased for the check.
let common: Set<string> | undefined
const commonPasswords = (): Set<string> =>
  (common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase())))

/**
 * OWASP ASVS 6.2: at least 12 characters, any characters allowed, and not a
 * known-breached common password. Throws an `invalid` naming `path`.
 */
export function checkPasswordPolicy(password: string, path = '/body/password', context: readonly string[] = []): void {
  // Code points, not UTF-16 units: an emoji is one character to the person typing it.
  const length = Array.from(password).length
  if (length < PASSWORD_MIN_LENGTH) {
    throw invalidField(
      'identity.weak_password',
      path,
      `The password must be at least ${String(PASSWORD_MIN_LENGTH)} characters long.`,
    )
  }
  if (length > PASSWORD_MAX_LENGTH) {
    throw invalidField(
      'identity.weak_password',
      path,
      `The password must be at most ${String(PASSWORD_MAX_LENGTH)} characters long.`,
    )
  }
  const lowered = password.toLowerCase()
  if (commonPasswords().has(lowered) || /^(.)\1+$/.test(password)) {
    throw invalidField('identity.weak_password', path, 'This password is too common; choose another.')
  }
  if (context.some((word) => word.length >= 4 && lowered.includes(word.toLowerCase()))) {
    throw invalidField('identity.weak_password', path, 'The password must not contain your name or e-mail.')
  }
}

// argon2id with OWASP's second recommended profile (19 MiB, 2 iterations).
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2)

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  // With no hash, still spend the time a check takes, so timing does not reveal which accounts exist.
  if (passwordHash === null) {
    await hash(password, ARGON2)
    return false
  }
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}
