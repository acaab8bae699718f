import { mkdir } from 'node:fs/promises'
import type { FastifyInstance } from 'fastify'
import type { Config } from './config.ts'
import { connect, type DatabaseHandle } from './db/connect.ts'
import { prepareDatabase } from './prepare-database.ts'
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, seedDemo } from './demo/seed-demo.ts'
import { buildApp } from './http/build-app.ts'
import { startBackgroundWork } from './jobs/background-work.ts'
import { loadSecretKey } from './secret-key.ts'

export interface RunningKeel {
  readonly app: FastifyInstance
  readonly handle: DatabaseHandle
  readonly url: string
  stop(): Promise<void>
}

/** config → database → migrations → demo data → app → jobs → listen. */
export async function startKeel(config: Config, options: { quiet?: boolean } = {}): Promise<RunningKeel> {
  const say = (line: string) => {
    if (!options.quiet) process.stdout.write(`${line}\n`)
  }
  if (!config.databaseUrl) await mkdir(config.dataDir, { recursive: true })
  const handle = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  const report = await prepareDatabase(handle, (id) => {
    say(`  migrated ${id}`)
  })
  const secretKey = await loadSecretKey(config)
  const seeded = config.seedDemo ? await seedDemo(handle, secretKey) : { seeded: false }
  const app = await buildApp({ handle, config, secretKey, logger: { level: config.logLevel } })
  const background = await startBackgroundWork(handle, config, app.log)
  await app.listen({ port: config.port, host: config.host })
  const url = config.publicUrl
  say('')
  say(`Keel is running at ${url}`)
  say(
    `  database: ${handle.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'} (schema ${report.schemaVersion})`,
  )
  if (seeded.seeded) {
    say(`  demo data: sign in as ${DEMO_ADMIN_EMAIL} with the password ${DEMO_PASSWORD}`)
    say('  (other demo users share that password: see README "Demo data")')
  }
  say(`  API reference: ${url}/api/docs`)
  return {
    app,
    handle,
    url,
    async stop() {
      await app.close()
      await background.stop()
      await handle.close()
    },
  }
}
