import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

// Binary twin of encryptSecret/decryptSecret for files (employee documents):
// no base64 detour, so a 10 MB file is stored as 10 MB of bytea, not 13.
// Layout: version byte 1 | 12-byte IV | 16-byte GCM tag | ciphertext.
const VERSION = 1
const IV_BYTES = 12
const TAG_BYTES = 16

/** AES-256-GCM; `associatedData` binds the ciphertext to its row (copied elsewhere, it no longer opens). */
export function sealBytes(key: Buffer, plaintext: Buffer, associatedData: string): Buffer {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(associatedData, 'utf8'))
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body])
}

export function openBytes(key: Buffer, sealed: Buffer, associatedData: string): Buffer {
  if (sealed[0] !== VERSION || sealed.length < 1 + IV_BYTES + TAG_BYTES) throw new Error('unknown sealed format')
  const iv = sealed.subarray(1, 1 + IV_BYTES)
  const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES)
  const decipher = createDecipheriv('aes-256-gcm', key, iv)
  decipher.setAAD(Buffer.from(associatedData, 'utf8'))
  decipher.setAuthTag(tag)
  return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()])
}
