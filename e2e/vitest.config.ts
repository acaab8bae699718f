import { defineConfig } from 'vitest/config'

// End-to-end tests: a real Keel (PGlite in a temporary folder) driven in
// Debian's Chromium through playwright-core. Run with `npm run test:e2e`.
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
    reporters: ['default', './packages/server/src/testing/summary-reporter.ts'],
  },
})
