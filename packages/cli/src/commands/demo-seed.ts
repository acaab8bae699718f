import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, seedDemo } from '@keel/server/demo/seed-demo'
import { loadSecretKey } from '@keel/server/secret-key'
import { EXIT_OK, flag, requireMigrated, UsageError, withDatabase, type Command } from '../command.ts'

export const demoSeed: Command = {
  name: 'seed',
  summary: 'load the demo data into an empty installation (--demo)',
  help: `Usage: keel seed --demo

Creates the demo companies (Northwind Trading, Northwind Labs), their users in
the built-in roles and Northwind's organisation (about sixty people in six
departments and two locations), on an installation that has no company yet;
does nothing otherwise. Salaries are sealed with the installation key
(KEEL_SECRET_KEY or the data directory's key file). The database must be migrated (\`keel migrate\`).

Options:
  --demo    the demo data set (the only one there is; required)`,
  options: { demo: { type: 'boolean' } },
  async run(ctx, values) {
    if (!flag(values, 'demo')) throw new UsageError('say which data to seed: --demo')
    return withDatabase(ctx, async (handle) => {
      await requireMigrated(handle)
      const result = await seedDemo(handle, await loadSecretKey(ctx.config()), (step) => {
        ctx.out(`seeded ${step}`)
      })
      if (!result.seeded) {
        ctx.out('nothing seeded: this installation already has a company')
        return EXIT_OK
      }
      ctx.out(`sign in as ${DEMO_ADMIN_EMAIL} with the password ${DEMO_PASSWORD}`)
      return EXIT_OK
    })
  },
}
