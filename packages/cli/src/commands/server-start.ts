import { startKeel } from '@keel/server/start-keel'
import { EXIT_OK, type Command } from '../command.ts'

const untilSignal = (): Promise<void> =>
  new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve()
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })

export const serverStart: Command = {
  name: 'start',
  summary: 'run Keel: migrate, (optionally) seed demo data, serve the app and run background jobs',
  help: `Usage: keel start

Runs Keel in this process until it gets SIGINT (Ctrl-C) or SIGTERM: applies
pending migrations, seeds the demo data on an empty installation (unless
KEEL_SEED_DEMO=false), serves the web app and the API, and runs background jobs
(unless KEEL_RUN_JOBS=false).

Configuration comes from the environment, as for \`npm start\`: DATABASE_URL
(PostgreSQL) or KEEL_DATA_DIR (embedded PGlite, default ./data), PORT, HOST,
KEEL_PUBLIC_URL, SMTP_*, LOG_LEVEL, … (see the README).`,
  options: {},
  async run(ctx) {
    const keel = await startKeel(ctx.config())
    await (ctx.io.stopSignal ?? untilSignal())
    ctx.err('stopping Keel…')
    await keel.stop()
    return EXIT_OK
  },
}
