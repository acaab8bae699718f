import { mkdtemp, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { loadConfig } from '../packages/server/src/config.ts'
import { startKeel, type RunningKeel } from '../packages/server/src/start-keel.ts'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const SCREENSHOTS = path.resolve(import.meta.dirname, 'screenshots')

export interface E2E {
  readonly keel: RunningKeel
  readonly browser: Browser
  readonly baseUrl: string
  newPage(): Promise<Page>
  stop(): Promise<void>
}

/** A fresh Keel with the demo data on a free loopback port, and a headless Chromium. */
export async function startE2E(): Promise<E2E> {
  if (!existsSync(path.resolve(import.meta.dirname, '../packages/web/dist/index.html'))) {
    throw new Error('build the web app first: npm run build:web')
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'keel-e2e-'))
  const port = 20_000 + Math.floor(Math.random() * 20_000)
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    KEEL_DATA_DIR: dataDir,
    KEEL_PUBLIC_URL: `http://127.0.0.1:${String(port)}`,
    LOG_LEVEL: 'warn',
  })
  const keel = await startKeel(config, { quiet: true })
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  return {
    keel,
    browser,
    baseUrl: keel.url,
    async newPage() {
      const context = await browser.newContext({ baseURL: keel.url, viewport: { width: 1280, height: 800 } })
      return context.newPage()
    },
    async stop() {
      await browser.close()
      await keel.stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true })
}
