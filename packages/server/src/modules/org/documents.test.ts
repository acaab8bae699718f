import { strToU8, zipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aCompanyWithAdmin } from '../../testing/builders.ts'
import { aSmallOrganisation, created, type EmployeeJson } from '../../testing/small-organisation.ts'
import { createTestApp, signInAs, type Browser, type TestApp } from '../../testing/test-app.ts'
import { minimalPdf } from './minimal-pdf.ts'
import { orgDb } from './org.tables.ts'

type Org = Awaited<ReturnType<typeof aSmallOrganisation>>
interface DocumentJson {
  id: string
  title: string
  category: string
  fileName: string
  contentType: string
  sizeBytes: number
  sha256: string
  validUntilDate: string | null
  uploadedByName: string | null
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)])
// The start of a Windows executable: "MZ", then the DOS stub.
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(120, 0)])
const DOCX = Buffer.from(
  zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0"?><Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    'word/document.xml': strToU8('<w:document/>'),
  }),
)
const JUST_A_ZIP = Buffer.from(zipSync({ 'notes.txt': strToU8('hello') }))

const upload = (
  browser: Browser,
  employeeId: string,
  file: Buffer,
  contentType: string,
  query: Record<string, string>,
) =>
  browser.request(
    'POST',
    `/api/v1/org/employees/${employeeId}/documents?${new URLSearchParams(query).toString()}`,
    file,
    { 'content-type': contentType },
  )

const documentCount = async (t: TestApp) =>
  Number(
    (
      await orgDb(t.handle.db)
        .selectFrom('org_employee_document')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('employee documents', () => {
  let t: TestApp
  let org: Org
  beforeEach(async () => {
    t = await createTestApp({ KEEL_DOCUMENT_MAX_BYTES: '4096' })
    org = await aSmallOrganisation(t, await aCompanyWithAdmin(t.handle))
  })
  afterEach(() => t.close())

  it('keeps a contract encrypted at rest and hands it back as an attachment, byte for byte', async () => {
    const { member } = org.people
    const hr = await org.people.hr.signIn()
    const pdf = minimalPdf(['Employment contract', 'Max Member'])
    const document = await created<DocumentJson>(
      upload(hr, member.employeeId, pdf, 'application/pdf', {
        category: 'contract',
        title: 'Employment contract',
        fileName: 'contract max.pdf',
      }),
    )
    expect(document).toMatchObject({
      category: 'contract',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
      uploadedByName: 'Hanna HR',
      validUntilDate: null,
    })
    const stored = await orgDb(t.handle.db)
      .selectFrom('org_employee_document')
      .select(['sealed', 'sha256'])
      .where('id', '=', document.id)
      .executeTakeFirstOrThrow()
    expect(stored.sealed?.includes(Buffer.from('Max Member'))).toBe(false)
    expect(stored.sealed?.includes(Buffer.from('%PDF'))).toBe(false)

    const download = await hr.request('GET', `/api/v1/org/employees/${member.employeeId}/documents/${document.id}/file`)
    expect(download.statusCode).toBe(200)
    expect(download.headers['content-type']).toBe('application/pdf')
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="contract max.pdf"/)
    expect(download.headers['x-content-type-options']).toBe('nosniff')
    expect(download.rawPayload.equals(pdf)).toBe(true)
    const downloads = await org.admin.request(
      'GET',
      `/api/v1/audit/events?entityId=${member.employeeId}&action=org.employee.document_downloaded`,
    )
    expect(downloads.json<{ items: { actorId: string }[] }>().items).toMatchObject([{ actorId: org.people.hr.id }])

    // The person reads their own documents.
    const max = await member.signIn()
    const own = await max.request('GET', `/api/v1/org/employees/${member.employeeId}/documents`)
    expect(own.statusCode).toBe(200)
    expect(own.json<{ items: DocumentJson[]; maxBytes: number }>()).toMatchObject({
      items: [{ id: document.id, title: 'Employment contract' }],
      maxBytes: 4096,
    })
  })

  it('accepts images and office documents by their content, and a certificate with a valid-until date', async () => {
    const hr = await org.people.hr.signIn()
    const id = org.people.member.employeeId
    const png = await created<DocumentJson>(
      upload(hr, id, PNG, 'application/octet-stream', {
        category: 'identity_document',
        title: 'ID',
        fileName: 'id.png',
      }),
    )
    expect(png.contentType).toBe('image/png')
    const docx = await created<DocumentJson>(
      upload(hr, id, DOCX, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', {
        category: 'certificate',
        title: 'First aid',
        fileName: 'first-aid.docx',
        validUntil: '2027-06-30',
      }),
    )
    expect(docx).toMatchObject({ validUntilDate: '2027-06-30', category: 'certificate' })
  })

  it('refuses a renamed executable, a zip that is no office document, a type mismatch and a file over the limit, writing nothing', async () => {
    const hr = await org.people.hr.signIn()
    const id = org.people.member.employeeId
    const meta = { category: 'contract', title: 'Contract', fileName: 'contract.pdf' }
    const exe = await upload(hr, id, EXE, 'application/pdf', meta)
    expect(exe.statusCode).toBe(422)
    expect(exe.json()).toMatchObject({ code: 'org.unsupported_document', errors: [{ path: '/body' }] })
    const zip = await upload(hr, id, JUST_A_ZIP, 'application/octet-stream', meta)
    expect(zip.json()).toMatchObject({ code: 'org.unsupported_document' })
    const mismatch = await upload(hr, id, PNG, 'application/pdf', meta)
    expect(mismatch.json()).toMatchObject({ code: 'org.document_type_mismatch', errors: [{ path: '/body' }] })
    const big = Buffer.concat([minimalPdf(['Big']), Buffer.alloc(5000, 0x20)])
    const tooBig = await upload(hr, id, big, 'application/pdf', meta)
    expect(tooBig.statusCode).toBe(413)
    expect(tooBig.json()).toMatchObject({ code: 'org.document_too_large', errors: [{ path: '/body' }] })
    const unknownType = await upload(hr, id, minimalPdf(['x']), 'text/html', meta)
    expect(unknownType.statusCode).toBe(415)
    expect(await documentCount(t)).toBe(0)
  })

  it('keeps colleagues out: another employee gets 404; the team lead and department head see their people', async () => {
    const { member, fieldWorker, lead, head, financeHead } = org.people
    const hr = await org.people.hr.signIn()
    const document = await created<DocumentJson>(
      upload(hr, member.employeeId, minimalPdf(['Max']), 'application/pdf', {
        category: 'contract',
        title: 'Contract',
        fileName: 'c.pdf',
      }),
    )
    const list = `/api/v1/org/employees/${member.employeeId}/documents`
    const file = `${list}/${document.id}/file`
    const fiona = await fieldWorker.signIn()
    expect((await fiona.request('GET', list)).statusCode).toBe(404)
    expect((await fiona.request('GET', file)).statusCode).toBe(404)
    // Team leads read only their own documents; department heads read their department's.
    expect((await (await lead.signIn()).request('GET', list)).statusCode).toBe(404)
    expect((await (await head.signIn()).request('GET', file)).statusCode).toBe(200)
    expect((await (await financeHead.signIn()).request('GET', list)).statusCode).toBe(404)
    // Reading is not managing: the person cannot delete their own contract.
    const max = await member.signIn()
    expect((await max.request('DELETE', `${list}/${document.id}`)).statusCode).toBe(403)
  })

  it('deletes a document from view, audited, keeping the row until erasure', async () => {
    const hr = await org.people.hr.signIn()
    const id = org.people.member.employeeId
    const document = await created<DocumentJson>(
      upload(hr, id, minimalPdf(['x']), 'application/pdf', { category: 'other', title: 'Note', fileName: 'n.pdf' }),
    )
    expect((await hr.request('DELETE', `/api/v1/org/employees/${id}/documents/${document.id}`)).statusCode).toBe(204)
    expect((await hr.request('GET', `/api/v1/org/employees/${id}/documents`)).json()).toMatchObject({ items: [] })
    expect((await hr.request('GET', `/api/v1/org/employees/${id}/documents/${document.id}/file`)).statusCode).toBe(404)
    expect(await documentCount(t)).toBe(1)
    const audit = await org.admin.request(
      'GET',
      `/api/v1/audit/events?entityId=${id}&action=org.employee.document_deleted`,
    )
    expect(audit.json<{ items: unknown[] }>().items).toHaveLength(1)
  })

  it("answers 404 for another company's person and document", async () => {
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
    const theirs = await created<DocumentJson>(
      upload(otherAdmin, stranger.id, minimalPdf(['Olga']), 'application/pdf', {
        category: 'contract',
        title: 'Contract',
        fileName: 'c.pdf',
      }),
    )
    const base = `/api/v1/org/employees/${stranger.id}/documents`
    expect((await org.admin.request('GET', base)).statusCode).toBe(404)
    expect((await org.admin.request('GET', `${base}/${theirs.id}/file`)).statusCode).toBe(404)
    expect(
      (
        await upload(org.admin, stranger.id, minimalPdf(['x']), 'application/pdf', {
          category: 'other',
          title: 'x',
          fileName: 'x.pdf',
        })
      ).statusCode,
    ).toBe(404)
    // And a document id of company B under a person of company A.
    const mine = `/api/v1/org/employees/${org.people.member.employeeId}/documents/${theirs.id}/file`
    expect((await org.admin.request('GET', mine)).statusCode).toBe(404)
  })
})
