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

const csv = (text: string, name: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') })

describe('HR imports people from CSV after a check, and finds them in the directory', () => {
  let admin: Page

  it('sees the demo calendars with their default', async () => {
    admin = await e2e.newPage()
    await signIn(admin, DEMO_ADMIN_EMAIL, DEMO_PASSWORD)
    await admin.goto('/organization?tab=calendars')
    const calendars = admin.getByRole('table', { name: 'Calendars' })
    await expect.poll(() => calendars.getByRole('row').count()).toBeGreaterThan(2)
    expect(await calendars.getByText('Default').count()).toBe(1)
  })

  it('reports every problem of a bad file by line and column, and writes nothing', async () => {
    await admin.goto('/organization?tab=import')
    await admin.locator('label', { hasText: /^Employees$/ }).click()
    expect(await admin.getByRole('radio', { name: 'Employees' }).isChecked()).toBe(true)
    await admin
      .locator('input[type=file]')
      .setInputFiles(csv('legal_name,hire_date,employment_type\nBad Row,2026-13-01,wizard\n', 'bad.csv'))
    await admin.getByRole('button', { name: 'Check', exact: true }).click()
    const problems = admin.getByRole('table', { name: 'Problems in the file' })
    await problems.waitFor()
    await expect.poll(() => problems.getByRole('row').count()).toBe(3)
    expect(await problems.getByText('hire_date').count()).toBe(1)
    expect(await problems.getByText('employment_type').count()).toBe(1)
    expect(await admin.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true)
  })

  it('checks a good file, then imports it, and the people appear in the directory', async () => {
    const file =
      'legal_name,hire_date,employment_type,employee_number,department\n' +
      'Ingrid Imported,2026-12-01,permanent,E2E-IMP-1,Operations\n' +
      'Ivo Imported,2026-12-01,contractor,E2E-IMP-2,\n'
    await admin.locator('input[type=file]').setInputFiles(csv(file, 'people.csv'))
    await admin.getByRole('button', { name: 'Check', exact: true }).click()
    await admin.getByText('2 rows checked: no problems.').waitFor()
    await admin.getByRole('button', { name: 'Import', exact: true }).click()
    await admin.getByText('2 employees created from 2 rows.').waitFor()
    await screenshot(admin, 'import-employees')

    await admin.goto('/people?q=Ingrid')
    await admin.getByRole('link', { name: 'Ingrid Imported' }).waitFor()
  })
})
