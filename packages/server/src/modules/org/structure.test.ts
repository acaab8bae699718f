import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aCompanyWithAdmin } from '../../testing/builders.ts'
import { createTestApp, signInAs, type Browser, type TestApp } from '../../testing/test-app.ts'
import { created } from '../../testing/small-organisation.ts'

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

describe('company structure', () => {
  let t: TestApp
  let admin: Browser
  beforeEach(async () => {
    t = await createTestApp()
    const company = await aCompanyWithAdmin(t.handle)
    admin = await signInAs(t.app, company.admin.email, company.admin.password)
  })
  afterEach(() => t.close())

  it('keeps departments a tree: a department cannot move below itself or its own sub-department', async () => {
    const top = await created<{ id: string; version: number }>(
      admin.request('POST', '/api/v1/org/departments', { name: 'Operations' }),
    )
    const mid = await created<{ id: string }>(
      admin.request('POST', '/api/v1/org/departments', { name: 'Logistics', parentId: top.id }),
    )
    const low = await created<{ id: string }>(
      admin.request('POST', '/api/v1/org/departments', { name: 'Shipping', parentId: mid.id }),
    )
    for (const parentId of [top.id, low.id]) {
      const response = await admin.request('PUT', `/api/v1/org/departments/${top.id}`, { name: 'Operations', parentId })
      expect(response.statusCode).toBe(422)
      expect(JSON.parse(response.body)).toMatchObject({
        code: 'org.department_cycle',
        errors: [{ path: '/body/parentId' }],
      })
    }
    const list = JSON.parse((await admin.request('GET', '/api/v1/org/departments')).body) as {
      items: { name: string; parentId: string | null }[]
    }
    expect(list.items.map((d) => [d.name, d.parentId])).toEqual([
      ['Logistics', top.id],
      ['Operations', null],
      ['Shipping', mid.id],
    ])
  })

  it('archives only what nothing uses, and hides the archived from lists unless asked', async () => {
    const department = await created<{ id: string }>(
      admin.request('POST', '/api/v1/org/departments', { name: 'Legal' }),
    )
    const team = await created<{ id: string }>(
      admin.request('POST', '/api/v1/org/teams', { name: 'Contracts', departmentId: department.id }),
    )
    const busy = await admin.request('POST', `/api/v1/org/departments/${department.id}/archive`)
    expect(JSON.parse(busy.body)).toMatchObject({ code: 'org.department_in_use' })
    expect((await admin.request('POST', `/api/v1/org/teams/${team.id}/archive`)).statusCode).toBe(200)
    expect((await admin.request('POST', `/api/v1/org/departments/${department.id}/archive`)).statusCode).toBe(200)
    expect(
      (JSON.parse((await admin.request('GET', '/api/v1/org/departments')).body) as { items: unknown[] }).items,
    ).toEqual([])
    const all = JSON.parse((await admin.request('GET', '/api/v1/org/departments?includeArchived=true')).body) as {
      items: { archived: boolean }[]
    }
    expect(all.items.map((d) => d.archived)).toEqual([true])
    const hire = await admin.request('POST', '/api/v1/org/employees', {
      legalName: 'Ada Archive',
      hireDate: '2026-03-02',
      employmentType: 'permanent',
      departmentId: department.id,
      teamId: null,
      positionId: null,
      managerId: null,
      locationId: null,
    })
    expect(JSON.parse(hire.body)).toMatchObject({
      code: 'org.archived_reference',
      errors: [{ path: '/body/departmentId' }],
    })
  })

  it('refuses duplicate names and unknown time zones with the field named', async () => {
    await created(admin.request('POST', '/api/v1/org/locations', { name: 'Berlin', timeZone: 'Europe/Berlin' }))
    const again = await admin.request('POST', '/api/v1/org/locations', { name: 'Berlin', timeZone: 'Europe/Berlin' })
    expect(JSON.parse(again.body)).toMatchObject({ code: 'org.location_name_taken', errors: [{ path: '/body/name' }] })
    const nowhere = await admin.request('POST', '/api/v1/org/locations', {
      name: 'Atlantis',
      timeZone: 'Atlantic/Atlantis',
    })
    expect(JSON.parse(nowhere.body)).toMatchObject({
      code: 'org.unknown_time_zone',
      errors: [{ path: '/body/timeZone' }],
    })
  })
})

describe('company profile', () => {
  let t: TestApp
  let admin: Browser
  beforeEach(async () => {
    t = await createTestApp()
    const company = await aCompanyWithAdmin(t.handle, 'Acme Ltd')
    admin = await signInAs(t.app, company.admin.email, company.admin.password)
  })
  afterEach(() => t.close())

  const profile = {
    legalName: 'Acme Trading GmbH',
    registrationId: 'HRB 12345',
    taxId: 'DE123456789',
    functionalCurrency: 'EUR',
    fiscalYearStartMonth: 4,
    timeZone: 'Europe/Berlin',
    locale: 'de-DE',
    registeredAddress: { line1: 'Unter den Linden 1', postalCode: '10117', city: 'Berlin', countryCode: 'DE' },
    postalAddress: null,
  }

  it('starts from the company name and defaults, and is changed with If-Match', async () => {
    const first = await admin.request('GET', '/api/v1/org/company-profile')
    expect(JSON.parse(first.body)).toMatchObject({
      legalName: 'Acme Ltd',
      functionalCurrency: 'EUR',
      timeZone: 'UTC',
      version: 0,
    })
    const saved = await admin.request('PUT', '/api/v1/org/company-profile', profile, {
      'if-match': first.headers.etag as string,
    })
    expect(saved.statusCode).toBe(200)
    expect(JSON.parse(saved.body)).toMatchObject({
      legalName: 'Acme Trading GmbH',
      fiscalYearStartMonth: 4,
      version: 1,
    })
    const stale = await admin.request('PUT', '/api/v1/org/company-profile', profile, {
      'if-match': first.headers.etag as string,
    })
    expect(stale.statusCode).toBe(409)
    const badZone = await admin.request('PUT', '/api/v1/org/company-profile', { ...profile, timeZone: 'Berlin' })
    expect(JSON.parse(badZone.body)).toMatchObject({ errors: [{ path: '/body/timeZone' }] })
  })

  it('takes a real PNG as the logo and refuses a file that only claims to be one', async () => {
    const upload = (body: Buffer, type: string) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/org/company-profile/logo',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': type },
        payload: body,
      })
    expect((await upload(PNG, 'image/png')).statusCode).toBe(204)
    const logo = await admin.request('GET', '/api/v1/org/company-profile/logo')
    expect(logo.headers['content-type']).toBe('image/png')
    expect(logo.rawPayload.equals(PNG)).toBe(true)
    const fake = await upload(Buffer.from('<svg onload="alert(1)"></svg>'), 'image/png')
    expect(fake.statusCode).toBe(422)
    expect(JSON.parse(fake.body)).toMatchObject({ code: 'org.unsupported_image' })
    const svg = await upload(Buffer.from('<svg/>'), 'image/svg+xml')
    expect(svg.statusCode).toBe(415)
    const huge = await upload(Buffer.concat([PNG, Buffer.alloc(600 * 1024)]), 'image/png')
    expect(huge.statusCode).toBe(413)
  })
})
