import { createHash, randomBytes } from 'node:crypto'
import { conflict, inTransaction, invalidField, unauthenticated } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { Secret, TOTP } from 'otpauth'
import QRCode from 'qrcode'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import type { IdentityDeps } from './identity.tables.ts'
import { verifyPassword } from './passwords.ts'
import { decryptSecret, encryptSecret } from './secrets.ts'

const PERIOD_S = 30
const totpFor = (secretBase32: string, label: string) =>
  new TOTP({
    issuer: 'Keel',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_S,
    secret: Secret.fromBase32(secretBase32),
  })

/**
 * Starts enrolment: a new secret, stored encrypted but not yet enabled, and
 * what an authenticator app needs to add it. Enabling needs one valid code.
 */
export async function setupTotp(db: Kysely<IdentityDeps>, key: Buffer, context: AuditContext & { actorId: string }) {
  const userId = context.actorId
  const user = await db
    .selectFrom('identity_user')
    .select(['email', 'totp_enabled_at'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow()
  if (user.totp_enabled_at !== null)
    throw conflict('identity.mfa_already_enabled', 'Two-factor sign-in is already on; turn it off first.')
  const secret = new Secret({ size: 20 }).base32
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('identity_user')
      .set({ totp_secret_enc: encryptSecret(key, secret) })
      .where('id', '=', userId)
      .execute()
    await recordAudit(trx, context, { action: 'identity.mfa.setup_started', entityType: 'user', entityId: userId })
  })
  const otpauthUrl = totpFor(secret, user.email).toString()
  const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', margin: 1, width: 200 })
  return { secret, otpauthUrl, qrSvg }
}

/** The TOTP step a code matches (±1 step for clock drift), or null. */
function matchingStep(secretBase32: string, code: string, now: Date): bigint | null {
  const delta = totpFor(secretBase32, 'x').validate({ token: code, timestamp: now.getTime(), window: 1 })
  if (delta === null) return null
  return BigInt(Math.floor(now.getTime() / 1000 / PERIOD_S) + delta)
}

export const hashRecoveryCode = (code: string) =>
  createHash('sha256').update(code.replace(/[\s-]/g, '').toLowerCase()).digest('hex')

function newRecoveryCodes(): string[] {
  return Array.from({ length: 10 }, () => {
    const raw = randomBytes(5).toString('hex')
    return `${raw.slice(0, 5)}-${raw.slice(5)}`
  })
}

async function replaceRecoveryCodes(trx: Kysely<IdentityDeps>, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes()
  await trx.deleteFrom('identity_recovery_code').where('user_id', '=', userId).execute()
  await trx
    .insertInto('identity_recovery_code')
    .values(codes.map((code) => ({ user_id: userId, code_hash: hashRecoveryCode(code), used_at: null })))
    .execute()
  return codes
}

/** Turns TOTP on after one valid code, and returns fresh recovery codes (shown once). */
export async function enableTotp(
  db: Kysely<IdentityDeps>,
  key: Buffer,
  context: AuditContext & { actorId: string },
  code: string,
  now: Date,
): Promise<string[]> {
  return inTransaction(db, async (trx) => {
    const user = await trx
      .selectFrom('identity_user')
      .select(['totp_secret_enc', 'totp_enabled_at'])
      .where('id', '=', context.actorId)
      .forUpdate()
      .executeTakeFirstOrThrow()
    if (user.totp_enabled_at !== null)
      throw conflict('identity.mfa_already_enabled', 'Two-factor sign-in is already on.')
    if (user.totp_secret_enc === null) throw conflict('identity.mfa_not_set_up', 'Start the set-up first.')
    const step = matchingStep(decryptSecret(key, user.totp_secret_enc), code, now)
    if (step === null)
      throw invalidField(
        'identity.invalid_mfa_code',
        '/body/code',
        'That code is not right; check the time on your device.',
      )
    await trx
      .updateTable('identity_user')
      .set({ totp_enabled_at: now, totp_last_step: step, version: (eb) => eb('version', '+', 1) })
      .where('id', '=', context.actorId)
      .execute()
    const codes = await replaceRecoveryCodes(trx, context.actorId)
    await recordAudit(trx, context, {
      action: 'identity.mfa.enabled',
      entityType: 'user',
      entityId: context.actorId,
      changes: { mfaEnabled: { before: false, after: true } },
    })
    return codes
  })
}

export async function disableTotp(
  db: Kysely<IdentityDeps>,
  context: AuditContext & { actorId: string },
  password: string,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const user = await trx
      .selectFrom('identity_user')
      .select(['password_hash', 'totp_enabled_at'])
      .where('id', '=', context.actorId)
      .forUpdate()
      .executeTakeFirstOrThrow()
    if (!(await verifyPassword(user.password_hash, password)))
      throw invalidField('identity.wrong_password', '/body/password', 'The password is not right.')
    await trx
      .updateTable('identity_user')
      .set({
        totp_enabled_at: null,
        totp_secret_enc: null,
        totp_last_step: null,
        version: (eb) => eb('version', '+', 1),
      })
      .where('id', '=', context.actorId)
      .execute()
    await trx.deleteFrom('identity_recovery_code').where('user_id', '=', context.actorId).execute()
    await recordAudit(trx, context, {
      action: 'identity.mfa.disabled',
      entityType: 'user',
      entityId: context.actorId,
      changes: { mfaEnabled: { before: user.totp_enabled_at !== null, after: false } },
    })
  })
}

export async function regenerateRecoveryCodes(
  db: Kysely<IdentityDeps>,
  context: AuditContext & { actorId: string },
  password: string,
): Promise<string[]> {
  return inTransaction(db, async (trx) => {
    const user = await trx
      .selectFrom('identity_user')
      .select(['password_hash', 'totp_enabled_at'])
      .where('id', '=', context.actorId)
      .executeTakeFirstOrThrow()
    if (!(await verifyPassword(user.password_hash, password)))
      throw invalidField('identity.wrong_password', '/body/password', 'The password is not right.')
    if (user.totp_enabled_at === null) throw conflict('identity.mfa_not_enabled', 'Two-factor sign-in is off.')
    const codes = await replaceRecoveryCodes(trx, context.actorId)
    await recordAudit(trx, context, {
      action: 'identity.mfa.recovery_codes_regenerated',
      entityType: 'user',
      entityId: context.actorId,
    })
    return codes
  })
}

/**
 * The second sign-in step: a TOTP code (each time step accepted once) or an
 * unused recovery code (then spent). Throws on a wrong code.
 */
export async function checkSecondFactor(
  db: Kysely<IdentityDeps>,
  key: Buffer,
  userId: string,
  code: string,
  now: Date,
): Promise<'totp' | 'recovery_code'> {
  return inTransaction(db, async (trx) => {
    const user = await trx
      .selectFrom('identity_user')
      .select(['totp_secret_enc', 'totp_last_step'])
      .where('id', '=', userId)
      .forUpdate()
      .executeTakeFirstOrThrow()
    if (user.totp_secret_enc === null) throw unauthenticated('identity.invalid_mfa_code', 'That code is not right.')
    if (/^\d{6}$/.test(code)) {
      const step = matchingStep(decryptSecret(key, user.totp_secret_enc), code, now)
      if (step !== null && (user.totp_last_step === null || step > user.totp_last_step)) {
        await trx.updateTable('identity_user').set({ totp_last_step: step }).where('id', '=', userId).execute()
        return 'totp'
      }
      throw unauthenticated('identity.invalid_mfa_code', 'That code is not right.')
    }
    const spent = await trx
      .updateTable('identity_recovery_code')
      .set({ used_at: now })
      .where('user_id', '=', userId)
      .where('code_hash', '=', hashRecoveryCode(code))
      .where('used_at', 'is', null)
      .executeTakeFirst()
    if (spent.numUpdatedRows === 0n) throw unauthenticated('identity.invalid_mfa_code', 'That code is not right.')
    return 'recovery_code'
  })
}

/** For tests and the CLI: the current code of a secret. */
export const currentTotpCode = (secretBase32: string, now: Date) =>
  totpFor(secretBase32, 'x').generate({ timestamp: now.getTime() })
