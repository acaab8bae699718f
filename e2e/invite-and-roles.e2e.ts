import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from '../packages/server/src/demo/seed-demo.ts'
import { screenshot, startE2E, type E2E } from './harness.ts'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e.stop()
})

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel(/^Password/).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('navigation', { name: 'Main navigation' }).waitFor()
}

const navLinks = async (page: Page) =>
  (await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').allTextContents()).map((t) =>
    t.trim(),
  )

describe('a back-office manager brings in a new colleague', () => {
  const newEmail = 'nora.newhire@northwind.example'
  const newPassword = 'nora chooses a long passphrase'
  let admin: Page
  let nora: Page

  it('signs in and sees every admin screen', async () => {
    admin = await e2e.newPage()
    await signIn(admin, DEMO_ADMIN_EMAIL, DEMO_PASSWORD)
    await expect
      .poll(() => navLinks(admin))
      .toEqual(expect.arrayContaining(['Home', 'Users', 'Roles', 'Audit log', 'Outbox', 'API tokens', 'Profile']))
    await screenshot(admin, '01-admin-home')
  })

  it('invites a new employee by e-mail', async () => {
    await admin.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Users' }).click()
    await admin.getByRole('button', { name: 'Invite user' }).click()
    const dialog = admin.getByRole('dialog')
    await dialog.getByLabel('Email').fill(newEmail)
    await dialog.getByLabel('Display name').fill('Nora Newhire')
    await dialog.getByLabel(/^Roles/).click()
    await admin.getByRole('option', { name: 'Employee' }).click()
    await screenshot(admin, '02-invite-dialog')
    await dialog.getByRole('button', { name: 'Send invitation' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await admin.getByText(newEmail).first().waitFor()
    await screenshot(admin, '03-users-after-invite')
  })

  it('finds the invitation in the outbox, and Nora sets her password from its link', async () => {
    await admin.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Outbox' }).click()
    const link = admin.getByRole('link', { name: /\/invitation\?token=/ }).first()
    await link.waitFor()
    await screenshot(admin, '04-outbox')
    const href = await link.getAttribute('href')
    expect(href).toMatch(/\/invitation\?token=/)

    nora = await e2e.newPage()
    await nora.goto(href ?? '')
    await nora.getByLabel(/^Password/).fill('too short')
    await nora.getByRole('button', { name: 'Activate account' }).click()
    await nora
      .getByText(/at least 12 characters/i)
      .first()
      .waitFor()
    await nora.getByLabel(/^Password/).fill(newPassword)
    await nora.getByRole('button', { name: 'Activate account' }).click()
    await nora.waitForURL(/sign-in/)
    await screenshot(nora, '05-invitation-accepted')
  })

  it('lets Nora sign in, with an employee’s navigation', async () => {
    await signIn(nora, newEmail, newPassword)
    // Every employee sees colleagues and the structure (read-only), not the admin screens.
    await expect
      .poll(() => navLinks(nora))
      .toEqual([
        'Home',
        'People',
        'Org chart',
        'Request catalog',
        'My requests',
        'Work queues',
        'Policies',
        'Organization',
        'API tokens',
        'Profile',
      ])
    await screenshot(nora, '06-employee-home')
  })

  it('makes Nora HR, and her navigation grows to the users screen', async () => {
    await admin.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Users' }).click()
    await admin.getByRole('link', { name: 'Nora Newhire' }).first().click()
    await admin.getByRole('checkbox', { name: /^HR/ }).check()
    await admin.getByRole('button', { name: 'Save roles' }).click()
    await admin.getByRole('button', { name: 'Save roles' }).and(admin.locator('[disabled]')).waitFor()
    await screenshot(admin, '07-user-roles-saved')

    await nora.reload()
    await expect
      .poll(() => navLinks(nora))
      .toEqual([
        'Home',
        'People',
        'Org chart',
        'Request catalog',
        'My requests',
        'Work queues',
        'Announcements',
        'Policies',
        'Organization',
        'Access review',
        'Users',
        'API tokens',
        'Profile',
      ])
    await screenshot(nora, '08-hr-home')
  })

  it('shows all of it in the audit log, with an intact chain', async () => {
    await admin.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Audit log' }).click()
    for (const action of ['identity.user.invited', 'identity.invitation.accepted', 'identity.user.roles_changed']) {
      await admin.getByText(action, { exact: true }).first().waitFor()
    }
    await admin.getByRole('button', { name: 'Verify chain' }).click()
    await admin
      .getByText(/intact/i)
      .first()
      .waitFor()
    await screenshot(admin, '09-audit-log')
  })
})
