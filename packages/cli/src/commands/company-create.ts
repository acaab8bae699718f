import { createCompany, identityDb } from '@keel/server/modules/identity/index'
import { EXIT_OK, requiredString, requireMigrated, withDatabase, type Command } from '../command.ts'

export const companyCreate: Command = {
  name: 'company create',
  summary: 'create a company (tenant) with the built-in roles; prints its id',
  help: `Usage: keel company create --name "Acme Ltd" --slug acme

Creates a company with the built-in roles (admin, department_head, team_lead,
employee, hr, payroll, accountant, it_support, auditor, external) and starts its
audit chain. Prints the new company's id on stdout. Add its first user with
\`keel user create --company <slug> … --role admin\`.

Options:
  --name <text>   the company's name, 1 to 200 characters
  --slug <slug>   its short name: lower-case letters, digits and dashes, unique`,
  options: { name: { type: 'string' }, slug: { type: 'string' } },
  async run(ctx, values) {
    const name = requiredString(values, 'name')
    const slug = requiredString(values, 'slug')
    return withDatabase(ctx, async (handle) => {
      await requireMigrated(handle)
      const company = await createCompany(
        identityDb(handle.db),
        { name, slug },
        { actorId: null, actorKind: 'system', requestId: null },
      )
      ctx.err(`created company ${company.name} (${company.slug})`)
      ctx.out(company.id)
      return EXIT_OK
    })
  },
}
