import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { readSpreadsheetRows, XLSX_CONTENT_TYPE } from '@keel/kernel'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aCompanyWithAdmin } from '../../testing/builders.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { aSmallOrganisation } from '../../testing/small-organisation.ts'

type Org = Awaited<ReturnType<typeof aSmallOrganisation>>
interface Report {
  rows: number
  created: number
  problems: { line: number; column: string; message: string }[]
}

describe('import and export of people', () => {
  let t: TestApp
  let org: Org
  beforeEach(async () => {
    t = await createTestApp()
    org = await aSmallOrganisation(t, await aCompanyWithAdmin(t.handle))
  })
  afterEach(() => t.close())

  const upload = async (kind: string, csv: string, dryRun = false) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/org/import/${kind}?dryRun=${String(dryRun)}`,
      headers: { cookie: org.admin.cookie, 'x-csrf-token': org.admin.csrfToken, 'content-type': 'text/csv' },
      payload: csv,
    })
    return { status: response.statusCode, report: JSON.parse(response.body) as Report }
  }
  const count = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from org_employee`.execute(t.handle.db)).rows[0]?.n

  it('reports every bad row and field in a dry run, and writes nothing, also when the file is good', async () => {
    const before = await count()
    const bad = [
      'legal_name,hire_date,employment_type,department,team,work_email,manager_employee_number,employee_number',
      'Nina New,2026-02-01,permanent,Operations,Support,nina@acme.test,,9001',
      ',2026-13-01,boss,Nowhere,Support,not-an-email,7777,9001',
      'Olaf Old,2026-02-01,contractor,Finance,Support,,9001,9002',
    ].join('\n')
    const { status, report } = await upload('employees', bad, true)
    expect(status).toBe(422)
    expect(report.problems.map((p) => `${String(p.line)}:${p.column}`)).toEqual([
      '3:legal_name',
      '3:hire_date',
      '3:employment_type',
      '3:employee_number',
      '3:work_email',
      '3:department',
      '3:manager_employee_number',
      '4:team',
    ])
    const good = [
      'legal_name,hire_date,employment_type,department,team,employee_number,manager_employee_number',
      'Nina New,2026-02-01,permanent,Operations,Support,9001,',
      'Olaf Old,2026-02-01,contractor,Operations,,9002,9001',
    ].join('\r\n')
    expect(await upload('employees', good, true)).toMatchObject({
      status: 200,
      report: { rows: 2, created: 0, problems: [] },
    })
    expect(await count()).toBe(before)
    expect(await upload('employees', good)).toMatchObject({ status: 200, report: { rows: 2, created: 2 } })
    expect((await count()) ?? 0).toBe((before ?? 0) + 2)
    const olaf = JSON.parse((await org.admin.request('GET', '/api/v1/org/directory?q=olaf')).body) as {
      items: { manager: { name: string } }[]
    }
    expect(olaf.items[0]?.manager.name).toBe('Nina New')
  })

  it('imports departments and teams, parents first, all or nothing', async () => {
    const departments = 'name,code,parent\nLegal,LEG,\nContracts,CON,Legal\n'
    expect(await upload('departments', departments)).toMatchObject({ status: 200, report: { created: 2 } })
    expect((await upload('departments', departments)).report.problems.map((p) => p.column)).toEqual(['name', 'name'])
    expect(await upload('teams', 'name,department\nReview,Contracts\n')).toMatchObject({
      status: 200,
      report: { created: 1 },
    })
  })

  it('exports within reach, with no private data, cells neutralised, and re-imports elsewhere', async () => {
    await org.admin.request('PUT', `/api/v1/org/employees/${org.people.member.employeeId}`, {
      legalName: 'Max Member',
      preferredName: '=HYPERLINK("http://evil.example")',
      workEmail: null,
      workPhone: null,
      probationEndDate: null,
      workSchedule: null,
      userId: org.people.member.id,
      status: 'active',
    })
    const all = await org.admin.request('GET', '/api/v1/org/export/employees.csv')
    expect(all.headers['content-type']).toContain('text/csv')
    const lines = all.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toMatch(/^employee_number,legal_name,/)
    expect(lines).toHaveLength(8)
    expect(all.body).toContain(`'=HYPERLINK`)
    const lena = await org.people.lead.signIn()
    const team = (await lena.request('GET', '/api/v1/org/export/employees.csv')).body.trim().split('\r\n')
    expect(team).toHaveLength(3)

    const other = await aCompanyWithAdmin(t.handle, 'Globex')
    const { signInAs } = await import('../../testing/test-app.ts')
    const globex = await signInAs(t.app, other.admin.email, other.admin.password)
    const send = (url: string, payload: string) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: globex.cookie, 'x-csrf-token': globex.csrfToken, 'content-type': 'text/csv' },
        payload,
      })
    await send(
      '/api/v1/org/import/departments',
      (await org.admin.request('GET', '/api/v1/org/export/departments.csv')).body,
    )
    await send('/api/v1/org/import/teams', (await org.admin.request('GET', '/api/v1/org/export/teams.csv')).body)
    // Positions and locations are not exported yet: clear those columns for the other company.
    const portable = all.body.replace(/,Clerk,Berlin,/g, ',,,')
    const imported = await send('/api/v1/org/import/employees', portable)
    expect(imported.statusCode, imported.body).toBe(200)
    expect((JSON.parse(imported.body) as Report).created).toBe(7)
  })

  const uploadXlsx = async (kind: string, file: Buffer, dryRun = false) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/org/import/${kind}?dryRun=${String(dryRun)}`,
      headers: { cookie: org.admin.cookie, 'x-csrf-token': org.admin.csrfToken, 'content-type': XLSX_CONTENT_TYPE },
      payload: file,
    })
    return { status: response.statusCode, report: JSON.parse(response.body) as Report }
  }

  it('imports employees from an XLSX sheet as a spreadsheet saves it: date and number cells, problems by row', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('New hires')
    sheet.addRow(['Legal name', 'Hire date', 'Employment type', 'Department', 'Employee number'])
    sheet.addRow(['Nina New', new Date(Date.UTC(2026, 1, 1)), 'permanent', 'Operations', 9001])
    sheet.addRow([])
    sheet.addRow(['Olaf Old', 'soon', 'contractor', 'Nowhere', 9002])
    const bad = Buffer.from(await workbook.xlsx.writeBuffer())
    const before = await count()
    const checked = await uploadXlsx('employees', bad, true)
    expect(checked.status).toBe(422)
    // Row 3 is empty and skipped; the problems name the rows the person sees.
    expect(checked.report.problems.map((p) => `${String(p.line)}:${p.column}`)).toEqual(['4:hire_date', '4:department'])
    sheet.getRow(4).getCell(2).value = new Date(Date.UTC(2026, 1, 15))
    sheet.getRow(4).getCell(4).value = 'Operations'
    const good = Buffer.from(await workbook.xlsx.writeBuffer())
    expect(await uploadXlsx('employees', good, true)).toMatchObject({ status: 200, report: { rows: 2, created: 0 } })
    expect(await count()).toBe(before)
    expect(await uploadXlsx('employees', good)).toMatchObject({ status: 200, report: { rows: 2, created: 2 } })
    const olaf = JSON.parse((await org.admin.request('GET', '/api/v1/org/employees?q=olaf')).body) as {
      items: { employment: { hireDate: string; employeeNumber: string } }[]
    }
    expect(olaf.items[0]?.employment).toMatchObject({ hireDate: '2026-02-15', employeeNumber: '9002' })
    expect(await uploadXlsx('employees', Buffer.from('legal_name\nNobody\n'))).toMatchObject({
      status: 422,
      report: { created: 0, problems: [{ line: 1, message: expect.stringMatching(/not an XLSX file/) as string }] },
    })
  })

  it('exports XLSX within reach, with formulas kept as text, in the columns the import reads', async () => {
    await org.admin.request('PUT', `/api/v1/org/employees/${org.people.member.employeeId}`, {
      legalName: 'Max Member',
      preferredName: '=HYPERLINK("http://evil.example")',
      workEmail: null,
      workPhone: null,
      probationEndDate: null,
      workSchedule: null,
      userId: org.people.member.id,
      status: 'active',
    })
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/org/export/employees.xlsx',
      headers: { cookie: org.admin.cookie },
    })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe(XLSX_CONTENT_TYPE)
    expect(response.headers['content-disposition']).toContain('employees.xlsx')
    const rows = await readSpreadsheetRows(response.rawPayload)
    expect(rows[0]?.slice(0, 2)).toEqual(['employee_number', 'legal_name'])
    expect(rows).toHaveLength(8)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer)
    const max = workbook.worksheets[0]?.getRows(2, 7)?.find((row) => row.getCell(2).value === 'Max Member')
    expect(max?.getCell(3).type).toBe(ExcelJS.ValueType.String)
    expect(max?.getCell(3).value).toBe('=HYPERLINK("http://evil.example")')

    const lena = await org.people.lead.signIn()
    const teamFile = await t.app.inject({
      method: 'GET',
      url: '/api/v1/org/export/employees.xlsx',
      headers: { cookie: lena.cookie },
    })
    expect(await readSpreadsheetRows(teamFile.rawPayload)).toHaveLength(3)

    const departments = await t.app.inject({
      method: 'GET',
      url: '/api/v1/org/export/departments.xlsx',
      headers: { cookie: org.admin.cookie },
    })
    const report = await uploadXlsx('departments', departments.rawPayload, true)
    // Every department exists already: the export names them, so a re-import is refused name by name.
    expect(report.status).toBe(422)
    expect(report.report.rows).toBeGreaterThan(0)
    expect(report.report.problems.every((p) => p.column === 'name')).toBe(true)
  })
})
