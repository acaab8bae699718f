import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aCompanyWithAdmin } from '../../testing/builders.ts'
import { createTestApp, type Browser, type TestApp } from '../../testing/test-app.ts'
import { aSmallOrganisation, created, type EmployeeJson } from '../../testing/small-organisation.ts'

type Org = Awaited<ReturnType<typeof aSmallOrganisation>>

const SENSITIVE = {
  dateOfBirth: '1990-04-01',
  nationalId: 'X1234567',
  homeAddress: { line1: 'Hauptstraße 1', city: 'Berlin', countryCode: 'DE' },
  bankAccount: { holder: 'Max Member', iban: 'DE89 3704 0044 0532 0130 00' },
  emergencyContacts: [{ name: 'Mia Member', relationship: 'sister', phone: '+49 30 123456' }],
}

const get = async (browser: Browser, url: string) => {
  const response = await browser.request('GET', url)
  return { status: response.statusCode, body: JSON.parse(response.body) as EmployeeJson & { items: EmployeeJson[] } }
}
const namesIn = async (browser: Browser, url: string) => (await get(browser, url)).body.items.map((p) => p.name).sort()

describe('reach over employee records', () => {
  let t: TestApp
  let org: Org

  beforeEach(async () => {
    t = await createTestApp()
    org = await aSmallOrganisation(t, await aCompanyWithAdmin(t.handle))
    const { member } = org.people
    await created(
      org.admin.request('PUT', `/api/v1/org/employees/${member.employeeId}/private-data`, SENSITIVE, {
        'if-match': '"0"',
      }),
      200,
    )
    await created(
      org.admin.request('POST', `/api/v1/org/employees/${member.employeeId}/compensation`, {
        effectiveDate: '2025-01-06',
        salary: { amount: '52000', currency: 'EUR', period: 'year' },
      }),
    )
  })
  afterEach(() => t.close())

  it('shows an employee the directory view of a colleague and the whole of their own record', async () => {
    const max = await org.people.member.signIn()
    const colleague = await get(max, `/api/v1/org/employees/${org.people.fieldWorker.employeeId}`)
    expect(colleague.status).toBe(200)
    expect(colleague.body.name).toBe('Fiona Field')
    expect(colleague.body.employment).toBeNull()
    expect(colleague.body.sensitive).toBeNull()
    const own = await get(max, `/api/v1/org/employees/${org.people.member.employeeId}`)
    expect(own.body.employment?.hireDate).toBe('2025-01-06')
    expect(own.body.sensitive?.privateData.bankAccount?.iban).toBe('DE89370400440532013000')
    expect(own.body.sensitive?.salary).toMatchObject({ amount: '52000.00', currency: 'EUR', period: 'year' })
    expect(await namesIn(max, '/api/v1/org/employees')).toEqual(['Max Member'])
  })

  it('never gives an employee a colleague’s sensitive fields in any list, search or record', async () => {
    const fiona = await org.people.fieldWorker.signIn()
    const everything = [
      await fiona.request('GET', '/api/v1/org/directory?limit=200'),
      await fiona.request('GET', '/api/v1/org/directory?q=max'),
      await fiona.request('GET', '/api/v1/org/employees?limit=200'),
      await fiona.request('GET', `/api/v1/org/employees/${org.people.member.employeeId}`),
      await fiona.request('GET', '/api/v1/org/chart'),
    ]
    for (const response of everything) {
      expect(response.statusCode).toBe(200)
      expect(response.body).not.toContain('DE89')
      expect(response.body).not.toContain('52000')
      expect(response.body).not.toContain('1990-04-01')
      expect(response.body).not.toContain('X1234567')
    }
    expect(
      (await fiona.request('GET', `/api/v1/org/employees/${org.people.member.employeeId}/history`)).statusCode,
    ).toBe(403)
  })

  it('shows a team lead their team, not the team next door', async () => {
    const lena = await org.people.lead.signIn()
    expect(await namesIn(lena, '/api/v1/org/employees')).toEqual(['Lena Lead', 'Max Member'])
    expect((await get(lena, `/api/v1/org/employees/${org.people.member.employeeId}`)).body.employment).not.toBeNull()
    expect((await get(lena, `/api/v1/org/employees/${org.people.fieldWorker.employeeId}`)).body.employment).toBeNull()
    // A team lead reads employment, not private data or salary.
    expect((await get(lena, `/api/v1/org/employees/${org.people.member.employeeId}`)).body.sensitive).toBeNull()
  })

  it('shows a department head their department and the departments below it', async () => {
    const hugo = await org.people.head.signIn()
    expect(await namesIn(hugo, '/api/v1/org/employees')).toEqual([
      'Fiona Field',
      'Hugo Head',
      'Lena Lead',
      'Max Member',
    ])
    const frank = await org.people.financeHead.signIn()
    expect(await namesIn(frank, '/api/v1/org/employees')).toEqual(['Frank Finance', 'Paula Payables'])
  })

  it('shows HR everyone with their sensitive data', async () => {
    const hanna = await org.people.hr.signIn()
    expect(await namesIn(hanna, '/api/v1/org/employees?limit=200')).toHaveLength(7)
    expect(
      (await get(hanna, `/api/v1/org/employees/${org.people.member.employeeId}`)).body.sensitive?.salary?.amount,
    ).toBe('52000.00')
  })

  it('refuses changes outside the reach of the permission, and changes by those without it', async () => {
    const max = await org.people.member.signIn()
    const ownAddress = await max.request('PUT', `/api/v1/org/employees/${org.people.member.employeeId}/private-data`, {
      ...SENSITIVE,
      homeAddress: { line1: 'Neue Straße 2', city: 'Berlin', countryCode: 'DE' },
    })
    expect(ownAddress.statusCode).toBe(200)
    const colleagues = await max.request(
      'PUT',
      `/api/v1/org/employees/${org.people.fieldWorker.employeeId}/private-data`,
      SENSITIVE,
    )
    expect(colleagues.statusCode).toBe(403)
    const ownSalary = await max.request('POST', `/api/v1/org/employees/${org.people.member.employeeId}/compensation`, {
      effectiveDate: '2026-01-01',
      salary: { amount: '99000', currency: 'EUR', period: 'year' },
    })
    expect(ownSalary.statusCode).toBe(403)
  })

  it('asks the same permissions for salary and private data given at hiring as for changing them later', async () => {
    const lena = await org.people.lead.signIn()
    // A team lead holds none of them; HR holds all.
    const hanna = await org.people.hr.signIn()
    const hire = (who: typeof hanna, extra: Record<string, unknown>) =>
      who.request('POST', '/api/v1/org/employees', {
        legalName: 'Nina New',
        hireDate: '2026-03-02',
        employmentType: 'permanent',
        departmentId: null,
        teamId: null,
        positionId: null,
        managerId: null,
        locationId: null,
        ...extra,
      })
    expect((await hire(lena, {})).statusCode).toBe(403)
    // Team leads get org.employee.manage, as a custom role might give it, but none of the sensitive permissions.
    await sql`insert into identity_role_permission (company_id, role_id, permission, reach)
      select company_id, id, 'org.employee.manage', 'company' from identity_role where key = 'team_lead'`.execute(
      t.handle.db,
    )
    const lenaAgain = await org.people.lead.signIn()
    expect((await hire(lenaAgain, { salary: { amount: '50000', currency: 'EUR', period: 'year' } })).statusCode).toBe(
      403,
    )
    expect((await hire(lenaAgain, { privateData: SENSITIVE })).statusCode).toBe(403)
    expect((await hire(lenaAgain, {})).statusCode).toBe(201)
    expect(
      (
        await hire(hanna, {
          legalName: 'Nils New',
          salary: { amount: '50000', currency: 'EUR', period: 'year' },
          privateData: SENSITIVE,
        })
      ).statusCode,
    ).toBe(201)
  })

  it('keeps private data and salary encrypted at rest', async () => {
    const rows = await sql<{
      sealed: string
    }>`select sealed from org_employee_private union all select sealed from org_compensation`.execute(t.handle.db)
    expect(rows.rows.length).toBe(2)
    for (const row of rows.rows) {
      expect(row.sealed).toMatch(/^v1\./)
      expect(row.sealed).not.toContain('DE89')
      expect(Buffer.from(row.sealed.split('.')[3] ?? '', 'base64url').toString('latin1')).not.toContain('DE89')
    }
  })
})

describe('companies in the directory', () => {
  let t: TestApp
  afterEach(() => t.close())

  it("never show company B in company A's searches, and answer 404 for B's people", async () => {
    t = await createTestApp()
    const a = await aSmallOrganisation(t, await aCompanyWithAdmin(t.handle, 'Acme'))
    const b = await aSmallOrganisation(t, await aCompanyWithAdmin(t.handle, 'Globex'))
    const names = await namesIn(a.admin, '/api/v1/org/directory?limit=200')
    expect(names).toHaveLength(7)
    const ids = (await get(a.admin, '/api/v1/org/directory?limit=200')).body.items.map((p) => p.id)
    expect(ids).not.toContain(b.people.member.employeeId)
    expect((await a.admin.request('GET', `/api/v1/org/employees/${b.people.member.employeeId}`)).statusCode).toBe(404)
    expect((await a.admin.request('GET', `/api/v1/org/departments/${b.ids.operations}`)).statusCode).toBe(404)
    const smuggled = await a.admin.request('POST', `/api/v1/org/employees/${a.people.member.employeeId}/placements`, {
      effectiveDate: '2026-03-01',
      employmentType: 'permanent',
      departmentId: b.ids.operations,
      teamId: null,
      positionId: null,
      managerId: null,
      locationId: null,
    })
    expect(smuggled.statusCode).toBe(422)
    expect(JSON.parse(smuggled.body)).toMatchObject({ errors: [{ path: '/body/departmentId' }] })
  })
})
