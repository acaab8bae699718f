import { conflict, inTransaction, invalidField, newId } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import { queueMail } from '../mail/index.ts'
import { createUser, type CreateUserInput } from './create-user.ts'
import type { IdentityDeps } from './identity.tables.ts'
import { checkPasswordPolicy, hashPassword } from './passwords.ts'
import { hashToken, randomToken } from './secrets.ts'
import { revokeUserSessions } from './sessions.ts'

const INVITATION_TTL_MS = 7 * 86_400_000
const RESET_TTL_MS = 60 * 60_000
const RESETS_PER_HOUR = 3

/**
 * Adds a person to the company and e-mails them a link to set their password.
 * Someone who already has a Keel login just joins and is told by e-mail.
 */
export async function inviteUser(
  db: Kysely<IdentityDeps>,
  context: AuditContext & { actorId: string },
  input: Omit<CreateUserInput, 'password'>,
  publicUrl: string,
  now: Date,
) {
  return inTransaction(db, async (trx) => {
    const { userId, created } = await createUser(trx, context, { ...input, password: undefined })
    const company = await trx
      .selectFrom('identity_company')
      .select('name')
      .where('id', '=', context.companyId)
      .executeTakeFirstOrThrow()
    const inviter = await trx
      .selectFrom('identity_user')
      .select('display_name')
      .where('id', '=', context.actorId)
      .executeTakeFirstOrThrow()
    const user = await trx
      .selectFrom('identity_user')
      .select(['status', 'email'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow()
    const token = randomToken()
    const invitationId = newId()
    await trx
      .insertInto('identity_invitation')
      .values({
        company_id: context.companyId,
        id: invitationId,
        user_id: userId,
        token_hash: hashToken(token),
        invited_by: context.actorId,
        expires_at: new Date(now.getTime() + INVITATION_TTL_MS),
      })
      .execute()
    const link =
      created || user.status === 'invited' ? `${publicUrl}/invitation?token=${token}` : `${publicUrl}/sign-in`
    await queueMail(trx, {
      companyId: context.companyId,
      to: user.email,
      subject: `${inviter.display_name} invited you to ${company.name} on Keel`,
      text: [
        `Hello ${input.displayName},`,
        '',
        `${inviter.display_name} invited you to join ${company.name} on Keel.`,
        created || user.status === 'invited'
          ? 'Set your password to get started (the link works for 7 days):'
          : 'Sign in with your existing Keel password:',
        link,
      ].join('\n'),
    })
    await recordAudit(trx, context, {
      action: 'identity.user.invited',
      entityType: 'user',
      entityId: userId,
      changes: { invitationId: { before: null, after: invitationId } },
    })
    return { userId, invitationId }
  })
}

/** Sets the password of an invited user from their link; the link then stops working. */
export async function acceptInvitation(
  db: Kysely<IdentityDeps>,
  input: { token: string; password: string; displayName?: string | undefined },
  now: Date,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const invitation = await trx
      .selectFrom('identity_invitation as i')
      .innerJoin('identity_user as u', 'u.id', 'i.user_id')
      .select([
        'i.company_id',
        'i.id',
        'i.user_id',
        'i.expires_at',
        'i.accepted_at',
        'u.email',
        'u.display_name',
        'u.status',
      ])
      .where('i.token_hash', '=', hashToken(input.token))
      .forUpdate()
      .executeTakeFirst()
    if (!invitation || invitation.accepted_at !== null || invitation.expires_at.getTime() <= now.getTime()) {
      throw invalidField(
        'identity.invalid_invitation',
        '/body/token',
        'This invitation link is not valid any more; ask for a new one.',
      )
    }
    if (invitation.status === 'deactivated') throw conflict('identity.user_deactivated', 'This account is deactivated.')
    const displayName = input.displayName?.trim() || invitation.display_name
    checkPasswordPolicy(input.password, '/body/password', [invitation.email.split('@')[0] ?? '', displayName])
    const passwordHash = await hashPassword(input.password)
    if (invitation.status === 'invited') {
      await trx
        .updateTable('identity_user')
        .set({
          password_hash: passwordHash,
          status: 'active',
          display_name: displayName,
          password_changed_at: now,
          version: (eb) => eb('version', '+', 1),
        })
        .where('id', '=', invitation.user_id)
        .execute()
    }
    await trx
      .updateTable('identity_invitation')
      .set({ accepted_at: now })
      .where('company_id', '=', invitation.company_id)
      .where('id', '=', invitation.id)
      .execute()
    await recordAudit(
      trx,
      { companyId: invitation.company_id, actorId: invitation.user_id, actorKind: 'user', requestId: null },
      {
        action: 'identity.invitation.accepted',
        entityType: 'user',
        entityId: invitation.user_id,
        changes: { status: { before: invitation.status, after: 'active' } },
      },
    )
  })
}

/**
 * Always answers the same way, so it cannot be used to find out who has an
 * account; an active user gets a one-hour link.
 */
export async function requestPasswordReset(
  db: Kysely<IdentityDeps>,
  email: string,
  publicUrl: string,
  now: Date,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const user = await trx
      .selectFrom('identity_user as u')
      .innerJoin('identity_membership as m', 'm.user_id', 'u.id')
      .select(['u.id', 'u.email', 'u.display_name', 'm.company_id'])
      .where((eb) => eb(eb.fn('lower', ['u.email']), '=', email.trim().toLowerCase()))
      .where('u.status', '=', 'active')
      .where('m.status', '=', 'active')
      .orderBy('m.created_at')
      .executeTakeFirst()
    if (!user) return
    // At most a few links an hour per person, so the form cannot be used to flood a mailbox.
    const recent = await trx
      .selectFrom('identity_password_reset')
      .select((eb) => eb.fn.countAll<bigint>().as('n'))
      .where('user_id', '=', user.id)
      .where('created_at', '>', new Date(now.getTime() - 3_600_000))
      .executeTakeFirstOrThrow()
    if (Number(recent.n) >= RESETS_PER_HOUR) return
    const token = randomToken()
    await trx
      .insertInto('identity_password_reset')
      .values({
        token_hash: hashToken(token),
        user_id: user.id,
        expires_at: new Date(now.getTime() + RESET_TTL_MS),
        created_at: now,
      })
      .execute()
    await queueMail(trx, {
      companyId: user.company_id,
      to: user.email,
      subject: 'Reset your Keel password',
      text: [
        `Hello ${user.display_name},`,
        '',
        'Someone asked to reset your Keel password. If it was you, choose a new one here (the link works for one hour):',
        `${publicUrl}/reset-password?token=${token}`,
        '',
        'If it was not you, ignore this e-mail.',
      ].join('\n'),
    })
    await recordAudit(
      trx,
      { companyId: user.company_id, actorId: null, actorKind: 'anonymous', requestId: null },
      { action: 'identity.password.reset_requested', entityType: 'user', entityId: user.id },
    )
  })
}

/** Sets a new password from a reset link, and signs the user out everywhere. */
export async function completePasswordReset(
  db: Kysely<IdentityDeps>,
  input: { token: string; password: string },
  now: Date,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const reset = await trx
      .selectFrom('identity_password_reset as r')
      .innerJoin('identity_user as u', 'u.id', 'r.user_id')
      .innerJoin('identity_membership as m', 'm.user_id', 'u.id')
      .select(['r.token_hash', 'r.user_id', 'r.expires_at', 'r.used_at', 'u.email', 'u.display_name', 'm.company_id'])
      .where('r.token_hash', '=', hashToken(input.token))
      .orderBy('m.created_at')
      .forUpdate()
      .executeTakeFirst()
    if (!reset || reset.used_at !== null || reset.expires_at.getTime() <= now.getTime()) {
      throw invalidField(
        'identity.invalid_reset_token',
        '/body/token',
        'This reset link is not valid any more; ask for a new one.',
      )
    }
    checkPasswordPolicy(input.password, '/body/password', [reset.email.split('@')[0] ?? '', reset.display_name])
    await trx
      .updateTable('identity_user')
      .set({
        password_hash: await hashPassword(input.password),
        password_changed_at: now,
        version: (eb) => eb('version', '+', 1),
      })
      .where('id', '=', reset.user_id)
      .execute()
    await trx
      .updateTable('identity_password_reset')
      .set({ used_at: now })
      .where('token_hash', '=', reset.token_hash)
      .execute()
    await revokeUserSessions(trx, reset.user_id, now)
    await recordAudit(
      trx,
      { companyId: reset.company_id, actorId: reset.user_id, actorKind: 'user', requestId: null },
      { action: 'identity.password.reset', entityType: 'user', entityId: reset.user_id },
    )
  })
}
