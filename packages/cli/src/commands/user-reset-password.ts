import { identityDb, setPasswordByOperator } from '@keel/server/modules/identity/index'
import {
  EXIT_OK,
  flag,
  readPasswordFromStdin,
  requiredString,
  requireMigrated,
  userByEmail,
  withDatabase,
  type Command,
} from '../command.ts'

export const userResetPassword: Command = {
  name: 'user reset-password',
  summary: "set (or remove) a user's password and end all their sessions",
  help: `Usage: keel user reset-password --email <address> [--password-stdin]

With --password-stdin: checks the new password against the password policy,
sets it (an invited user becomes active), clears a sign-in lockout, and ends
every session of the user.

Without it: removes the password and ends every session, e.g. for an account
that may be compromised. The user then chooses a new password with "Forgot
password?" on the sign-in page (or you run this again with --password-stdin).

Either way the change is recorded, with the system as actor, in the audit trail
of every company the user belongs to.

Options:
  --email <address>   the user's e-mail address
  --password-stdin    read the new password from stdin (the whole input, one
                      trailing line break dropped)`,
  options: { email: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  async run(ctx, values) {
    const email = requiredString(values, 'email')
    const password = flag(values, 'password-stdin') ? await readPasswordFromStdin(ctx.io) : undefined
    return withDatabase(ctx, async (handle) => {
      await requireMigrated(handle)
      const user = await userByEmail(handle, email)
      const newPassword = password ?? null
      const companies = await setPasswordByOperator(identityDb(handle.db), user.id, newPassword, new Date())
      ctx.out(
        newPassword === null
          ? `removed the password of ${user.email} and ended all their sessions: they set a new one with "Forgot password?"`
          : `set a new password for ${user.email} and ended all their sessions`,
      )
      ctx.err(`recorded in the audit trail of ${String(companies)} compan${companies === 1 ? 'y' : 'ies'}`)
      return EXIT_OK
    })
  },
}
