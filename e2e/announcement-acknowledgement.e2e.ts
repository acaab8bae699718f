import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../packages/server/src/demo/seed-demo.ts'
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

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name, exact: true })

const count = async (scope: Page | Locator, testId: string) => Number(await scope.getByTestId(testId).textContent())

describe('an announcement requiring acknowledgement reaches its department, and the compliance view follows', () => {
  const title = 'Badge readers replaced on Monday'
  let hr: Page
  let announcementUrl: string

  it('HR publishes it to the IT department through the composer', async () => {
    hr = await e2e.newPage()
    await signIn(hr, 'hana.hr@northwind.example')
    await nav(hr, 'Announcements').click()
    await hr.getByRole('table', { name: 'Announcements' }).waitFor()
    await screenshot(hr, 'intranet-01-announcements')
    await hr.getByRole('button', { name: 'New announcement' }).click()
    const dialog = hr.getByRole('dialog')
    await dialog.getByLabel('Title').fill(title)
    await dialog
      .getByLabel('Message')
      .fill('The badge readers at every door are replaced on Monday.\nCollect your new badge at reception.')
    const audience = dialog.getByRole('combobox', { name: 'Audience' })
    await audience.click()
    await audience.fill('IT')
    await hr.getByRole('option', { name: 'IT', exact: true }).click()
    await audience.press('Escape')
    await dialog.getByRole('switch', { name: /^Readers must acknowledge it/ }).click()
    await screenshot(hr, 'intranet-02-compose')
    await dialog.getByRole('button', { name: 'Publish' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await hr.getByRole('heading', { name: title }).waitFor()
    await hr.getByTestId('compliance-pending').waitFor()
    announcementUrl = new URL(hr.url()).pathname
    // Lena leads the Service Desk and Ivan works in it: both are in IT.
    expect(await count(hr, 'compliance-audience')).toBe(2)
    expect(await count(hr, 'compliance-acknowledged')).toBe(0)
    expect(await count(hr, 'compliance-pending')).toBe(2)
    const pending = hr.getByRole('table', { name: 'People in the audience' })
    await expect.poll(async () => (await pending.getByRole('row').allTextContents()).length).toBe(3)
    expect(await pending.textContent()).toContain('Ivan Petrov')
    await screenshot(hr, 'intranet-03-compliance-before')
  })

  it('a person of that department sees it on their home feed and acknowledges it', async () => {
    const ivan = await e2e.newPage()
    await signIn(ivan, 'ivan.it@northwind.example')
    const card = ivan.getByRole('article', { name: title })
    await card.waitFor()
    expect(await card.textContent()).toContain('Collect your new badge at reception.')
    await screenshot(ivan, 'intranet-04-home-feed')
    await card.getByRole('button', { name: `Acknowledge ${title}` }).click()
    await card.getByText(/^Acknowledged/).waitFor()
    await screenshot(ivan, 'intranet-05-acknowledged')
    // Someone outside IT does not get it.
    const emma = await e2e.newPage()
    await signIn(emma, 'emma.employee@northwind.example')
    await emma.getByRole('heading', { name: 'For you' }).waitFor()
    await emma.getByRole('article').first().waitFor()
    expect(await emma.getByRole('article', { name: title }).count()).toBe(0)
  })

  it('HR sees them as acknowledged and the pending count drops', async () => {
    await hr.goto(announcementUrl)
    await hr.getByTestId('compliance-pending').waitFor()
    await expect.poll(() => count(hr, 'compliance-pending')).toBe(1)
    expect(await count(hr, 'compliance-acknowledged')).toBe(1)
    expect(await hr.getByRole('table', { name: 'People in the audience' }).textContent()).not.toContain('Ivan Petrov')
    await hr.getByRole('radiogroup', { name: 'Show' }).getByText('Acknowledged', { exact: true }).click()
    const done = hr.getByRole('table', { name: 'People in the audience' })
    await done.getByRole('cell', { name: 'Ivan Petrov' }).waitFor()
    await screenshot(hr, 'intranet-06-compliance-after')
  })

  it('shows the policies with their versions to HR', async () => {
    await nav(hr, 'Policies').click()
    await hr.getByRole('link', { name: 'Code of conduct' }).click()
    await hr.getByRole('table', { name: 'Version history' }).waitFor()
    expect(await hr.getByRole('table', { name: 'Version history' }).getByRole('row').count()).toBe(3)
    await hr.getByTestId('compliance-pending').waitFor()
    await screenshot(hr, 'intranet-07-policy')
  })
})
