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

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name, exact: true })

/** Opens a Mantine select by its label, types to narrow it, and picks the option. */
async function choose(page: Page, scope: Page | ReturnType<Page['getByRole']>, label: string, option: string) {
  const input = scope.getByRole('combobox', { name: label })
  await input.click()
  await input.fill(option)
  await page.getByRole('option', { name: option }).first().click()
}

describe('HR hires a person into a team under a manager, and the org chart shows them', () => {
  const department = 'Night Operations'
  const team = 'Night Shift'
  const hireName = 'Nadia Newhire'
  let admin: Page
  let manager: string

  it('signs in and sees the people screens', async () => {
    admin = await e2e.newPage()
    await signIn(admin, DEMO_ADMIN_EMAIL, DEMO_PASSWORD)
    const links = (
      await admin.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').allTextContents()
    ).map((t) => t.trim())
    expect(links).toEqual(expect.arrayContaining(['People', 'Org chart', 'Organization']))
    // The manager: someone already in the demo organisation.
    const directory = await admin.request.get('/api/v1/org/directory?limit=1')
    expect(directory.ok()).toBe(true)
    const first = ((await directory.json()) as { items: { name: string }[] }).items[0]
    expect(first).toBeDefined()
    manager = first?.name ?? ''
  })

  it('creates a department and a team in the Organization area', async () => {
    await nav(admin, 'Organization').click()
    await admin.getByRole('tab', { name: 'Departments' }).click()
    await admin.getByRole('button', { name: 'New department' }).click()
    let dialog = admin.getByRole('dialog')
    await dialog.getByLabel('Name').fill(department)
    await dialog.getByLabel('Code').fill('NOPS')
    await dialog.getByRole('button', { name: 'Create department' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await admin.getByRole('table', { name: 'Departments' }).getByRole('link', { name: department }).waitFor()
    await screenshot(admin, 'org-01-departments')

    await admin.getByRole('tab', { name: 'Teams' }).click()
    await admin.getByRole('button', { name: 'New team' }).click()
    dialog = admin.getByRole('dialog')
    await dialog.getByLabel('Name').fill(team)
    await choose(admin, dialog, 'Department', department)
    await dialog.getByRole('button', { name: 'Create team' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await admin.getByRole('table', { name: 'Teams by department' }).getByRole('link', { name: team }).waitFor()
    await screenshot(admin, 'org-02-teams')
  })

  it('hires a person into that team with a manager, and lands on their profile', async () => {
    await nav(admin, 'People').click()
    await admin.getByRole('link', { name: 'Hire' }).click()
    await admin.getByRole('textbox', { name: 'Legal name' }).fill(hireName)
    await admin.getByRole('textbox', { name: 'Work e-mail' }).fill('nadia.newhire@northwind.example')
    await choose(admin, admin, 'Department', department)
    await choose(admin, admin, 'Team', team)
    await choose(admin, admin, 'Manager', manager)
    await screenshot(admin, 'org-03-hire-form')
    await admin.getByRole('button', { name: 'Hire', exact: true }).click()

    await admin.waitForURL(/\/people\/[0-9a-f-]{36}/)
    await admin.getByRole('heading', { name: hireName }).waitFor()
    const header = admin.getByText(`Reports to ${manager}`)
    await header.waitFor()
    await admin.getByText(`${department} · ${team}`).first().waitFor()
    await admin.getByRole('tab', { name: 'Timeline' }).click()
    await admin.getByRole('tabpanel').getByText('Hired', { exact: true }).waitFor()
    await screenshot(admin, 'org-04-profile')
  })

  it('shows them in the org chart, under their manager', async () => {
    await nav(admin, 'Org chart').click()
    const tree = admin.getByRole('tree', { name: 'Org chart' })
    await tree.waitFor()
    await choose(admin, admin, 'Find a person', hireName)

    const person = tree.getByRole('treeitem', { name: new RegExp(`^${hireName}`) })
    await person.waitFor()
    await expect.poll(() => person.getAttribute('aria-selected')).toBe('true')
    const boss = tree.getByRole('treeitem', { name: new RegExp(`^${manager}`) })
    await expect.poll(() => boss.getAttribute('aria-expanded')).toBe('true')
    const bossLevel = Number(await boss.getAttribute('aria-level'))
    expect(Number(await person.getAttribute('aria-level'))).toBe(bossLevel + 1)
    // The reporting line above the chart ends with the manager, then the new hire.
    const line = (
      await admin.getByRole('navigation', { name: 'Reporting line' }).getByRole('button').allTextContents()
    ).map((t) => t.trim())
    expect(line.slice(-2)).toEqual([manager, hireName])
    await screenshot(admin, 'org-05-chart')

    await person.getByRole('link', { name: hireName }).click()
    await admin.getByRole('heading', { name: hireName }).waitFor()
  })
})
