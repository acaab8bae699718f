// Keel as a benchmark server: a fresh database, migrations, the benchmark's seed,
// then buildApp on a random loopback port. Prints `READY {"port":…,"fixture":…}`.
//   node bench/serve-keel.ts (--database-url URL | --data-dir DIR) --seed MODULE_URL [--pool-size N]
import { parseArgs } from 'node:util'
import { loadConfig } from '../packages/server/src/config.ts'
import { connect, type DatabaseHandle } from '../packages/server/src/db/connect.ts'
import { migrate } from '../packages/server/src/db/migrate.ts'
import { buildApp } from '../packages/server/src/http/build-app.ts'
import { deriveKey } from '../packages/server/src/modules/identity/index.ts'
import { exitWithParent, reportReady } from './lib/child.ts'

export interface SeedModule {
  seed(handle: DatabaseHandle): Promise<unknown>
}

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    seed: { type: 'string' },
    'pool-size': { type: 'string' },
  },
})
if (!values.seed) throw new Error('--seed MODULE_URL is required')
if (!values['database-url'] && !values['data-dir']) throw new Error('--database-url or --data-dir is required')

// The environment a production start would read, minus anything ambient.
const config = loadConfig({
  ...(values['database-url'] ? { DATABASE_URL: values['database-url'] } : {}),
  KEEL_DATA_DIR: values['data-dir'] ?? '/nonexistent',
  KEEL_PUBLIC_URL: 'http://127.0.0.1',
  KEEL_SEED_DEMO: 'false',
  KEEL_RUN_JOBS: 'false',
})
const poolSize = values['pool-size'] ? Number(values['pool-size']) : undefined
const handle = await connect({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  ...(poolSize ? { poolSize } : {}),
})
await migrate(handle)
const seedModule = (await import(values.seed)) as SeedModule
const fixture = await seedModule.seed(handle)
// No request logging: the benchmark measures the request path, not pino writing to a pipe.
const app = await buildApp({ handle, config, secretKey: deriveKey('keel-bench'), logger: false })
await app.listen({ port: 0, host: '127.0.0.1' })
const address = app.server.address()
if (address === null || typeof address === 'string') throw new Error('no TCP address')

exitWithParent(async () => {
  await app.close()
  await handle.close()
})
reportReady({ port: address.port, kind: handle.kind, fixture })
