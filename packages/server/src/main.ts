import { loadConfig } from './config.ts'
import { startKeel } from './start-keel.ts'

// Composition root: `npm start` and `keel start` both end up here.
const config = loadConfig()
const keel = await startKeel(config)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void keel.stop().then(() => process.exit(0))
  })
}
