import { deactivateUser, identityDb, revokeUserSessions } from '@keel/server/modules/identity/index'
import { systemContext } from '@keel/server/modules/audit/index'
import {
  CliFailure,
  EXIT_OK,
  optionalString,
  requiredString,
  requireMigrated,
  userByEmail,
  withDatabase,
  type Command,
} from '../command.ts'

export const userDeactivate: Command = {
  name: 'user deactivate',
  summary: "end a user's access to one company, or to all of them",
  help: `Usage: keel user deactivate --email <address> [--company <slug>]

Deactivates the user's membership in the company (in every company they belong
to when --company is left out): their sessions in it and their API tokens for it
stop working at once. Recorded in each company's audit trail with the system as
actor. Memberships already deactivated are left as they are.

Options:
  --email <address>   the user's e-mail address
  --company <slug>    only this company`,
  options: { email: { type: 'string' }, company: { type: 'string' } },
  async run(ctx, values) {
    const email = requiredString(values, 'email')
    const slug = optionalString(values, 'company')
    return withDatabase(ctx, async (handle) => {
      await requireMigrated(handle)
      const user = await userByEmail(handle, email)
      let query = handle.db
        .selectFrom('identity_membership as m')
        .innerJoin('identity_company as c', 'c.id', 'm.company_id')
        .select(['c.id', 'c.slug', 'm.status'])
        .where('m.user_id', '=', user.id)
      if (slug !== undefined) query = query.where('c.slug', '=', slug)
      const memberships = await query.orderBy('c.slug').execute()
      if (memberships.length === 0) {
        throw new CliFailure(
          slug === undefined
            ? `${user.email} belongs to no company`
            : `${user.email} does not belong to the company "${slug}"`,
        )
      }
      const db = identityDb(handle.db)
      const now = new Date()
      for (const membership of memberships) {
        if (membership.status === 'deactivated') {
          ctx.out(`${user.email} in ${membership.slug}: already deactivated`)
          continue
        }
        await deactivateUser(db, systemContext(membership.id), user.id, now)
        ctx.out(`${user.email} in ${membership.slug}: deactivated; sessions and API tokens ended`)
      }
      // Every company: no session of theirs may outlive it, whichever company it was opened in.
      if (slug === undefined) await revokeUserSessions(db, user.id, now)
      return EXIT_OK
    })
  },
}
