import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Config } from './config.ts'
import { deriveKey } from './modules/identity/index.ts'

/**
 * The key that encrypts secrets at rest (TOTP seeds). KEEL_SECRET_KEY wins;
 * otherwise a random key is made once and kept in the data directory, so the
 * embedded mode needs no setup. Production should set KEEL_SECRET_KEY.
 */
export async function loadSecretKey(config: Config): Promise<Buffer> {
  if (config.secretKey) return deriveKey(config.secretKey)
  const file = path.join(config.dataDir, 'secret.key')
  try {
    return deriveKey((await readFile(file, 'utf8')).trim())
  } catch {
    await mkdir(config.dataDir, { recursive: true })
    const material = randomBytes(32).toString('base64url')
    await writeFile(file, `${material}\n`, { mode: 0o600, flag: 'wx' }).catch(() => undefined)
    return deriveKey((await readFile(file, 'utf8')).trim())
  }
}
