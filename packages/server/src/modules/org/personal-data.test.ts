import { strFromU8, unzipSync } from 'fflate'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../audit/index.ts'
import { aCompanyWithAdmin } from '../../testing/builders.ts'
import { aSmallOrganisation, created, type EmployeeJson } from '../../testing/small-organisation.ts'
import { createTestApp, signInAs, type Browser, type TestApp } from '../../testing/test-app.ts'
import { minimalPdf } from './minimal-pdf.ts'
import { orgDb } from './org.tables.ts'

type Org = Awaited<ReturnType<typeof aSmallOrganisation>>
interface Plan {
  dryRun: boolean
  replacementName: string
  blockers: { code: string }[]
  erase: { item: string }[]
  keep: { item: string; hold?: string }[]
}

const uploadPdf = (browser: Browser, employeeId: string, category: string, title: string) =>
  created<{ id: string }>(
    browser.request(
      'POST',
      `/api/v1/org/employees/${employeeId}/documents?${new URLSearchParams({ category, title, fileName: `${title}.pdf` }).toString()}`,
      minimalPdf([title]),
      { 'content-type': 'application/pdf' },
    ),
  )

/**
 * Fiona Field, with everything a record can hold: private data, a salary,
 * an absence, a certification, three documents; then she leaves on 27 February
 * (the test clock stands at 2 March 2026).
 */
async function aFormerEmployeeWithARecord(org: Org) {
  const fiona = org.people.fieldWorker
  const id = fiona.employeeId
  const admin = org.admin
  await created(
    admin.request('PUT', `/api/v1/org/employees/${id}/private-data`, {
      dateOfBirth: '1990-04-01',
      nationalId: 'NI-FIONA-4242',
      homeAddress: { line1: 'Fionastrasse 7', city: 'Berlin', countryCode: 'DE' },
      bankAccount: { holder: 'Fiona Field', iban: 'DE89370400440532013000' },
      emergencyContacts: [{ name: 'Frida Field', relationship: 'sister', phone: '+49 30 999' }],
    }),
    200,
  )
  await created(
    admin.request('POST', `/api/v1/org/employees/${id}/compensation`, {
      effectiveDate: '2025-01-06',
      salary: { amount: '52000.00', currency: 'EUR', period: 'year' },
      reason: 'Fiona negotiated a signing bonus',
    }),
  )
  await created(
    admin.request('POST', `/api/v1/org/employees/${id}/absences`, {
      startsAt: '2026-02-10T08:00:00Z',
      endsAt: '2026-02-10T12:00:00Z',
      reason: 'Fiona dentist appointment',
    }),
  )
  await created(admin.request('POST', `/api/v1/org/employees/${id}/certifications`, { name: 'Forklift licence' }))
  const contract = await uploadPdf(admin, id, 'contract', 'Fiona contract')
  const passport = await uploadPdf(admin, id, 'identity_document', 'Fiona passport')
  const payslip = await uploadPdf(admin, id, 'payslip_other', 'Fiona bonus letter')
  await created(
    admin.request('POST', `/api/v1/org/employees/${id}/terminate`, {
      terminationDate: '2026-02-27',
      reason: 'Fiona moves to Lisbon',
    }),
    200,
  )
  return { id, userId: fiona.id, documents: { contract, passport, payslip } }
}

describe('personal-data requests', () => {
  let t: TestApp
  let org: Org
  beforeEach(async () => {
    t = await createTestApp()
    org = await aSmallOrganisation(t, await aCompanyWithAdmin(t.handle))
  })
  afterEach(() => t.close())

  const db = () => orgDb(t.handle.db)
  const erase = (browser: Browser, id: string, dryRun = false) =>
    browser.request('POST', `/api/v1/org/employees/${id}/erasure${dryRun ? '?dryRun=true' : ''}`)

  it("exports a person's data and documents as a ZIP, nothing of a colleague's, and audits who exported whom", async () => {
    const fiona = await aFormerEmployeeWithARecord(org)
    await uploadPdf(org.admin, org.people.member.employeeId, 'contract', 'Max secret contract')
    const hr = await org.people.hr.signIn()
    const reply = await hr.request('POST', `/api/v1/org/employees/${fiona.id}/personal-data-export`)
    expect(reply.statusCode, reply.body).toBe(200)
    expect(reply.headers['content-type']).toBe('application/zip')
    expect(reply.headers['content-disposition']).toMatch(/^attachment; filename="personal-data-/)
    const files = unzipSync(new Uint8Array(reply.rawPayload))
    const names = Object.keys(files)
    expect(names).toContain('README.txt')
    expect(names.filter((n) => n.startsWith('documents/'))).toHaveLength(3)
    const contractFile = names.find((n) => n.startsWith(`documents/${fiona.documents.contract.id}-`))
    expect(contractFile && strFromU8(files[contractFile] ?? new Uint8Array())).toContain('Fiona contract')
    const personFile = files['person.json']
    if (!personFile) throw new Error('no person.json')
    const text = strFromU8(personFile)
    const person = JSON.parse(text) as Record<string, unknown> & {
      employee: { legal_name: string }
      privateData: { nationalId: string; bankAccount: { iban: string } }
      compensation: { salary: { amount: string } }[]
      absences: { reason: string }[]
      certifications: { name: string }[]
      documents: { title: string }[]
      user: { email: string; membership: { roles: { key: string }[] } }
      auditEvents: { action: string }[]
    }
    expect(person.employee.legal_name).toBe('Fiona Field')
    expect(person.privateData).toMatchObject({
      nationalId: 'NI-FIONA-4242',
      bankAccount: { iban: 'DE89370400440532013000' },
    })
    expect(person.compensation[0]?.salary.amount).toBe('52000.00')
    expect(person.absences[0]?.reason).toBe('Fiona dentist appointment')
    expect(person.certifications[0]?.name).toBe('Forklift licence')
    expect(person.documents.map((d) => d.title).sort()).toEqual([
      'Fiona bonus letter',
      'Fiona contract',
      'Fiona passport',
    ])
    expect(person.user.email).toBe(org.people.fieldWorker.email)
    expect(person.user.membership.roles.map((r) => r.key)).toEqual(['employee'])
    expect(person.auditEvents.map((e) => e.action)).toEqual(
      expect.arrayContaining(['org.employee.hired', 'org.employee.terminated', 'org.employee.document_uploaded']),
    )
    expect(text).not.toContain('Max secret contract')
    expect(text).not.toContain('Max Member')
    expect(names.join()).not.toContain('Max secret contract')
    const audit = await org.admin.request(
      'GET',
      `/api/v1/audit/events?entityId=${fiona.id}&action=org.employee.personal_data_exported`,
    )
    expect(audit.json<{ items: { actorId: string }[] }>().items).toMatchObject([{ actorId: org.people.hr.id }])
    // An employee has no export permission, not even for themselves (HR answers the request).
    const max = await org.people.member.signIn()
    expect(
      (await max.request('POST', `/api/v1/org/employees/${org.people.member.employeeId}/personal-data-export`))
        .statusCode,
    ).toBe(403)
  })

  it('erasure keeps held records and removes the rest', async () => {
    const fiona = await aFormerEmployeeWithARecord(org)
    const hr = await org.people.hr.signIn()
    await created(
      hr.request('POST', `/api/v1/org/employees/${fiona.id}/retention-holds`, {
        category: 'payroll',
        reason: 'Payroll records: 6 years',
        heldUntilDate: '2032-12-31',
      }),
    )
    const preview = await created<Plan>(erase(hr, fiona.id, true), 200)
    expect(preview.dryRun).toBe(true)
    expect(preview.blockers).toEqual([])
    expect(preview.keep.map((k) => k.item).sort()).toEqual(
      ['compensation', 'documents:contract', 'documents:payslip_other', 'employeeNumber', 'structure'].sort(),
    )
    expect(preview.keep.filter((k) => k.item !== 'structure').every((k) => k.hold === 'payroll')).toBe(true)
    expect(preview.erase.map((e) => e.item)).toEqual(
      expect.arrayContaining(['names', 'privateData', 'nationalId', 'documents:other', 'user', 'absences', 'skills']),
    )
    // The preview changed nothing.
    expect(
      (await db().selectFrom('org_employee').select('legal_name').where('id', '=', fiona.id).executeTakeFirstOrThrow())
        .legal_name,
    ).toBe('Fiona Field')

    const done = await created<Plan>(erase(hr, fiona.id), 200)
    expect(done.dryRun).toBe(false)

    const employee = await db()
      .selectFrom('org_employee')
      .selectAll()
      .where('id', '=', fiona.id)
      .executeTakeFirstOrThrow()
    expect(employee).toMatchObject({
      legal_name: done.replacementName,
      preferred_name: null,
      work_email: null,
      termination_reason: null,
      user_id: null,
      hire_date: '2025-01-06',
      termination_date: '2026-02-27',
    })
    expect(employee.employee_number).not.toMatch(/^ERASED-/)
    expect(done.replacementName).toMatch(/^Erased person #[0-9a-f]{8}$/)
    const count = async (
      table: 'org_employee_private' | 'org_employee_skill' | 'org_certification' | 'org_compensation',
    ) => (await db().selectFrom(table).select('company_id').where('employee_id', '=', fiona.id).execute()).length
    expect(await count('org_employee_private')).toBe(0)
    expect(await count('org_certification')).toBe(0)
    // Held: the salary history stays, its free-text reason goes.
    const salaries = await db()
      .selectFrom('org_compensation')
      .select(['reason'])
      .where('employee_id', '=', fiona.id)
      .execute()
    expect(salaries).toEqual([{ reason: null }])
    const documents = await db()
      .selectFrom('org_employee_document')
      .select(['id', 'title', 'sealed', 'erased_at'])
      .where('employee_id', '=', fiona.id)
      .execute()
    const byId = new Map(documents.map((d) => [d.id, d]))
    expect(byId.get(fiona.documents.contract.id)?.sealed).not.toBeNull()
    expect(byId.get(fiona.documents.payslip.id)?.sealed).not.toBeNull()
    expect(byId.get(fiona.documents.passport.id)).toMatchObject({ sealed: null, title: 'Erased document' })
    const absences = await db().selectFrom('org_absence').select('reason').where('employee_id', '=', fiona.id).execute()
    expect(absences).toEqual([{ reason: 'Absence' }])
    const placements = await db()
      .selectFrom('org_placement')
      .select(['reason', 'team_id'])
      .where('employee_id', '=', fiona.id)
      .execute()
    expect(placements.every((p) => p.reason === null && p.team_id === org.ids.field)).toBe(true)
    // The account: anonymised (she worked for no other company) and unable to sign in.
    const user = await t.handle.db
      .selectFrom('identity_user')
      .select(['display_name', 'email', 'password_hash', 'status'])
      .where('id', '=', fiona.userId)
      .executeTakeFirstOrThrow()
    expect(user).toMatchObject({ display_name: done.replacementName, password_hash: null, status: 'deactivated' })
    expect(user.email).toMatch(/@erased\.invalid$/)
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: org.people.fieldWorker.email, password: org.people.fieldWorker.password },
    })
    expect(signIn.statusCode).toBe(401)

    // The erasure is audited without the erased values, and the chain still verifies.
    const events = await t.handle.db
      .selectFrom('audit_event')
      .select(['action', 'changes'])
      .where('action', 'in', ['org.employee.personal_data_erased', 'identity.user.erased'])
      .execute()
    expect(events.map((e) => e.action).sort()).toEqual(['identity.user.erased', 'org.employee.personal_data_erased'])
    const payload = JSON.stringify(events)
    for (const value of ['Fiona', 'NI-FIONA', 'DE89', 'Lisbon', org.people.fieldWorker.email])
      expect(payload).not.toContain(value)
    const company = employee.company_id
    expect(await verifyAuditChain(t.handle.db, company)).toMatchObject({ ok: true })

    // Once is enough.
    expect((await erase(hr, fiona.id)).json()).toMatchObject({ code: 'org.already_erased' })
  })

  it('erases everything when nothing is held, and keeps sensitive values out of org audit payloads all along', async () => {
    const fiona = await aFormerEmployeeWithARecord(org)
    const hr = await org.people.hr.signIn()
    await created<Plan>(erase(hr, fiona.id), 200)
    expect(
      (await db().selectFrom('org_compensation').select('id').where('employee_id', '=', fiona.id).execute()).length,
    ).toBe(0)
    const documents = await db()
      .selectFrom('org_employee_document')
      .select('sealed')
      .where('employee_id', '=', fiona.id)
      .execute()
    expect(documents.map((d) => d.sealed)).toEqual([null, null, null])
    const employee = await db()
      .selectFrom('org_employee')
      .select('employee_number')
      .where('id', '=', fiona.id)
      .executeTakeFirstOrThrow()
    expect(employee.employee_number).toMatch(/^ERASED-/)
    // Private data and salary changes were audited by field name only, never by value.
    const trail = JSON.stringify(
      await t.handle.db.selectFrom('audit_event').select('changes').where('entity_id', '=', fiona.id).execute(),
    )
    for (const value of ['NI-FIONA-4242', 'DE89370400440532013000', '52000', 'Fionastrasse', 'Frida'])
      expect(trail).not.toContain(value)
    // History rows stay refused to anyone but erasure.
    await expect(
      sql`update org_placement set reason = null where employee_id = ${org.people.member.employeeId}`.execute(
        t.handle.db,
      ),
    ).rejects.toThrow(/history/)
  })

  it('a legal hold blocks erasure until released; only people who have left can be erased', async () => {
    const fiona = await aFormerEmployeeWithARecord(org)
    const hr = await org.people.hr.signIn()
    const hold = await created<{ id: string; active: boolean }>(
      hr.request('POST', `/api/v1/org/employees/${fiona.id}/retention-holds`, {
        category: 'legal_claim',
        reason: 'Wrongful dismissal claim 2026-17',
        heldUntilDate: null,
      }),
    )
    expect(hold.active).toBe(true)
    const blocked = await erase(hr, fiona.id)
    expect(blocked.statusCode).toBe(409)
    expect(blocked.json()).toMatchObject({ code: 'org.legal_hold' })
    expect((await created<Plan>(erase(hr, fiona.id, true), 200)).blockers).toMatchObject([{ code: 'org.legal_hold' }])
    expect(
      (await db().selectFrom('org_employee').select('legal_name').where('id', '=', fiona.id).executeTakeFirstOrThrow())
        .legal_name,
    ).toBe('Fiona Field')
    const released = await created<{ active: boolean; releasedAt: string }>(
      hr.request('POST', `/api/v1/org/employees/${fiona.id}/retention-holds/${hold.id}/release`),
      200,
    )
    expect(released.active).toBe(false)
    expect((await erase(hr, fiona.id)).statusCode).toBe(200)

    const active = await erase(hr, org.people.member.employeeId)
    expect(active.statusCode).toBe(422)
    expect(active.json()).toMatchObject({ code: 'org.not_terminated' })
    await created(
      org.admin.request('POST', `/api/v1/org/employees/${org.people.payablesClerk.employeeId}/terminate`, {
        terminationDate: '2026-03-31',
        reason: 'End of contract',
      }),
      200,
    )
    expect((await erase(hr, org.people.payablesClerk.employeeId)).json()).toMatchObject({
      code: 'org.termination_not_passed',
    })
  })

  it("answers 404 for another company's person on every personal-data route", async () => {
    const other = await aCompanyWithAdmin(t.handle, 'Other Ltd')
    const otherAdmin = await signInAs(t.app, other.admin.email, other.admin.password)
    const stranger = await created<EmployeeJson>(
      otherAdmin.request('POST', '/api/v1/org/employees', {
        legalName: 'Olga Other',
        hireDate: '2025-01-06',
        employmentType: 'permanent',
        departmentId: null,
        teamId: null,
        positionId: null,
        managerId: null,
        locationId: null,
      }),
    )
    const hold = await created<{ id: string }>(
      otherAdmin.request('POST', `/api/v1/org/employees/${stranger.id}/retention-holds`, {
        category: 'tax',
        reason: 'Tax',
        heldUntilDate: '2030-12-31',
      }),
    )
    const base = `/api/v1/org/employees/${stranger.id}`
    const admin = org.admin
    expect((await admin.request('POST', `${base}/personal-data-export`)).statusCode).toBe(404)
    expect((await admin.request('POST', `${base}/erasure?dryRun=true`)).statusCode).toBe(404)
    expect((await admin.request('GET', `${base}/retention-holds`)).statusCode).toBe(404)
    expect((await admin.request('POST', `${base}/retention-holds/${hold.id}/release`)).statusCode).toBe(404)
    const mine = `/api/v1/org/employees/${org.people.member.employeeId}/retention-holds/${hold.id}/release`
    expect((await admin.request('POST', mine)).statusCode).toBe(404)
  })
})
