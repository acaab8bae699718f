import { TOTP } from 'otpauth'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot, startE2E, type E2E } from './harness.ts'

// An IT person (demo user) protects their account and makes an integration token.
const EMAIL = 'ivan.it@northwind.example'
const PASSWORD = 'keel-demo-2026!'

let e2e: E2E
let page: Page
beforeAll(async () => {
  e2e = await startE2E()
  page = await e2e.newPage()
})
afterAll(async () => {
  await e2e.stop()
})

async function signInWithPassword() {
  await page.goto('/sign-in')
  await page.getByLabel('Email').fill(EMAIL)
  await page.getByLabel(/^Password/).fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

const codeFor = (secret: string) => new TOTP({ secret, digits: 6, period: 30 }).generate()

describe('account security', () => {
  let secret = ''

  it('turns on two-factor sign-in from the profile, and shows the recovery codes once', async () => {
    await signInWithPassword()
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Profile' }).click()
    await page.getByRole('button', { name: 'Set up two-factor authentication' }).click()
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor()
    secret = ((await page.getByLabel('Setup key', { exact: true }).textContent()) ?? '').replace(/\s/g, '')
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    await page.getByLabel(/^Verification code/).fill(codeFor(secret))
    await page.getByRole('button', { name: 'Turn on' }).click()
    await page
      .getByText(/recovery codes/i)
      .first()
      .waitFor()
    await screenshot(page, '11-recovery-codes')
  })

  it('asks for the code at the next sign-in', async () => {
    await page.context().clearCookies()
    await signInWithPassword()
    await page.getByLabel(/^Authentication code/).waitFor()
    await screenshot(page, '12-second-factor')
    // A fresh time step: the code used to turn it on is spent.
    await page.waitForTimeout(Math.max(0, 30_500 - (Date.now() % 30_000)))
    await page.getByLabel(/^Authentication code/).fill(codeFor(secret))
    await page.getByRole('button', { name: /Verify|Continue|Sign in/ }).click()
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor()
  })

  it('creates an API token, shown once, that works on the API', async () => {
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'API tokens' }).click()
    await page
      .getByRole('button', { name: /Create (your first )?token/ })
      .first()
      .click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel(/^Token name/).fill('Asset inventory sync')
    await dialog.getByRole('checkbox', { name: 'identity.user.read' }).check()
    await dialog.getByRole('button', { name: 'Create token' }).click()
    const token = ((await dialog.getByLabel('API token', { exact: true }).textContent()) ?? '').trim()
    expect(token).toMatch(/^keel_/)
    await screenshot(page, '13-token-created')
    await dialog.getByRole('button', { name: 'I have copied it' }).click()
    await page.getByRole('table', { name: 'API tokens' }).getByText('Asset inventory sync').waitFor()
    expect(await page.content()).not.toContain(token)

    const response = await fetch(`${e2e.baseUrl}/api/v1/identity/users?limit=1`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(response.status).toBe(200)
    const forbidden = await fetch(`${e2e.baseUrl}/api/v1/audit/events`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(forbidden.status).toBe(403)
  })

  it('lists the active sessions on the profile', async () => {
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Profile' }).click()
    await page.getByRole('table', { name: 'Active sessions' }).waitFor()
    await expect
      .poll(() => page.getByRole('table', { name: 'Active sessions' }).getByRole('row').count())
      .toBeGreaterThan(1)
    await screenshot(page, '14-profile-sessions')
  })
})
