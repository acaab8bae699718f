import { BUILTIN_ROLES, createUser, identityDb, listRoles } from '@keel/server/modules/identity/index'
import { systemContext } from '@keel/server/modules/audit/index'
import {
  companyBySlug,
  EXIT_OK,
  flag,
  readPasswordFromStdin,
  requiredString,
  requireMigrated,
  stringList,
  UsageError,
  withDatabase,
  type Command,
} from '../command.ts'

const roleKeys = BUILTIN_ROLES.map((r) => r.key).join(', ')

export const userCreate: Command = {
  name: 'user create',
  summary: 'add a user to a company, with roles and optionally a password from stdin; prints the user id',
  help: `Usage: keel user create --company <slug> --email <address> --name "<full name>"
                        [--role <key>]... [--password-stdin]

Adds a person to a company with the given roles. A person who already has a
Keel login (in another company) joins this one and keeps their password.
Prints the user's id on stdout. The change is recorded in the company's audit
trail with the system as actor.

Without --password-stdin the user has no password and cannot sign in until
one is set with \`keel user reset-password --email <address> --password-stdin\`.

Options:
  --company <slug>    the company's short name
  --email <address>   their e-mail address (their login)
  --name <text>       their full name
  --role <key>        a role in the company, by key; repeat for several.
                      Built-in keys: ${roleKeys}
  --password-stdin    read the password from stdin (the whole input, one trailing
                      line break dropped); at least 12 characters, not a common one`,
  options: {
    company: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', multiple: true },
    'password-stdin': { type: 'boolean' },
  },
  async run(ctx, values) {
    const slug = requiredString(values, 'company')
    const email = requiredString(values, 'email')
    const displayName = requiredString(values, 'name')
    const roleKeysWanted = stringList(values, 'role')
    const password = flag(values, 'password-stdin') ? await readPasswordFromStdin(ctx.io) : undefined
    return withDatabase(ctx, async (handle) => {
      await requireMigrated(handle)
      const db = identityDb(handle.db)
      const company = await companyBySlug(handle, slug)
      const roles = await listRoles(db, company.id)
      const roleIds = [...new Set(roleKeysWanted)].map((key) => {
        const role = roles.find((r) => r.key === key)
        if (!role)
          throw new UsageError(
            `--role ${key}: no such role in ${company.slug}; its roles are ${roles.map((r) => r.key).join(', ')}`,
          )
        return role.id
      })
      const { userId, created } = await createUser(db, systemContext(company.id), {
        email,
        displayName,
        password,
        roleIds,
      })
      if (!created) {
        ctx.err(
          `${email} already has a Keel login: they joined ${company.slug}${password === undefined ? '' : ' and keep their existing password (the one given was not used)'}`,
        )
      } else if (password === undefined) {
        ctx.err(`created ${email} in ${company.slug} without a password: they cannot sign in until one is set with`)
        ctx.err(`  keel user reset-password --email ${email} --password-stdin`)
      } else {
        ctx.err(`created ${email} in ${company.slug}; they can sign in now`)
      }
      ctx.out(userId)
      return EXIT_OK
    })
  },
}
