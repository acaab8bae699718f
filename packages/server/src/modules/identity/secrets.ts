import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

/** A random token for a cookie, link or API key: 32 bytes, base64url. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url')

/** Tokens are stored as their SHA-256: a database leak yields no usable token. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex')

/**
 * AES-256-GCM for secrets that must be read back (TOTP seeds, sensitive
 * employee data). The key comes from KEEL_SECRET_KEY or the data directory's
 * key file (see secret-key.ts). `associatedData` binds the ciphertext to where
 * it is stored (company and record): moved to another row it no longer opens.
 */
export function encryptSecret(key: Buffer, plaintext: string, associatedData?: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  if (associatedData !== undefined) cipher.setAAD(Buffer.from(associatedData, 'utf8'))
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join(
    '.',
  )
}

export function decryptSecret(key: Buffer, sealed: string, associatedData?: string): string {
  const [version, iv, tag, data] = sealed.split('.')
  if (version !== 'v1' || !iv || !tag || !data) throw new Error('unknown secret format')
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
  if (associatedData !== undefined) decipher.setAAD(Buffer.from(associatedData, 'utf8'))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8')
}

/** A 32-byte key from any passphrase-like string. */
export const deriveKey = (material: string): Buffer =>
  createHash('sha256').update(`keel-secret-v1:${material}`).digest()
