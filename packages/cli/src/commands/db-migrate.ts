import { prepareDatabase } from '@keel/server/prepare-database'
import { EXIT_OK, withDatabase, type Command } from '../command.ts'

export const dbMigrate: Command = {
  name: 'migrate',
  summary: 'apply pending database migrations and print the schema version',
  help: `Usage: keel migrate

Applies, in order and each in its own transaction, every migration this Keel
ships that the database has not applied yet, printing each one; then prints the
schema version; then gives every company's built-in roles the permissions
this version defines for them. Running it again applies nothing. Refuses to
run when an applied migration file was changed since.

The database is the one Keel uses: DATABASE_URL (PostgreSQL) when set, else
embedded PGlite in KEEL_DATA_DIR (default ./data). Stop a running Keel first
when it uses PGlite: one data directory serves one process.`,
  options: {},
  async run(ctx) {
    return withDatabase(ctx, async (handle) => {
      const report = await prepareDatabase(handle, (id) => {
        ctx.out(`applied ${id}`)
      })
      if (report.applied.length === 0) ctx.out('nothing to apply: the schema is up to date')
      ctx.out(`schema version ${report.schemaVersion}`)
      if (report.rolesSynced > 0) ctx.out(`updated the permissions of ${String(report.rolesSynced)} built-in roles`)
      return EXIT_OK
    })
  },
}
