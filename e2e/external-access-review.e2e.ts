import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_EXTERNALS } from '../packages/server/src/demo/seed-demo-externals.ts'
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from '../packages/server/src/demo/seed-demo.ts'
import { screenshot, startE2E, type E2E } from './harness.ts'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e.stop()
})

async function signIn(page: Page, email: string) {
  await page.goto('/sign-in')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel(/^Password/).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('navigation', { name: 'Main navigation' }).waitFor()
}

const [nina, paul] = DEMO_EXTERNALS

describe('external staff of an outsourcing firm, and their sponsor', () => {
  it('shows the firm, its contract scope and its people to the back-office manager', async () => {
    const admin = await e2e.newPage()
    await signIn(admin, DEMO_ADMIN_EMAIL)
    await admin.goto('/organization?tab=external')
    await admin.getByRole('button', { name: 'Ledgerline Bookkeeping GmbH' }).click()
    const drawer = admin.getByRole('dialog')
    await drawer.getByRole('table', { name: 'Contracts' }).getByText('Finance').waitFor()
    await drawer.getByText(nina.email).waitFor()
    await screenshot(admin, 'external-01-firm')
  })

  it('lets an external user see only the departments of the contract', async () => {
    const page = await e2e.newPage()
    await signIn(page, nina.email)
    await page.goto('/people')
    await page.getByText('Omar Haddad').waitFor()
    // Emma buys for Operations, Lena leads the IT service desk: outside the contract, not there at all.
    expect(await page.getByText('Emma Dubois').count()).toBe(0)
    expect(await page.getByText('Lena Fischer').count()).toBe(0)
    await screenshot(page, 'external-03-external-directory')
  })

  it('lets the sponsor confirm one account and revoke the other, which then cannot sign in', async () => {
    const omar = await e2e.newPage()
    await signIn(omar, 'omar.finance@northwind.example')
    await omar.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Access review' }).click()
    await omar.getByText('Waiting for your decision (2)').waitFor()
    await screenshot(omar, 'external-02-sponsor-review')
    const ninaCard = omar.locator('.mantine-Card-root', { hasText: nina.displayName })
    await ninaCard.getByLabel('Comment').fill('Still closes our books each month.')
    await ninaCard.getByRole('button', { name: 'Confirm access' }).click()
    await omar.getByText('Waiting for your decision (1)').waitFor()
    const paulCard = omar.locator('.mantine-Card-root', { hasText: paul.displayName })
    await paulCard.getByRole('button', { name: 'Revoke' }).click()
    await omar.getByRole('dialog').getByRole('button', { name: 'Revoke access' }).click()
    await omar.getByText('Nothing waiting for you').waitFor()
    await omar.getByRole('table', { name: 'Earlier decisions' }).getByText('revoked').waitFor()

    const refused = await e2e.newPage()
    await refused.goto('/sign-in')
    await refused.getByLabel('Email').fill(paul.email)
    await refused.getByLabel(/^Password/).fill(DEMO_PASSWORD)
    await refused.getByRole('button', { name: 'Sign in' }).click()
    await refused.getByRole('alert').waitFor()
    expect(refused.url()).toContain('/sign-in')
  })
})
