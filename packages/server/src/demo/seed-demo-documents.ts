import type { DatabaseHandle } from '../db/connect.ts'
import { minimalPdf, orgDb, placeRetentionHold, uploadEmployeeDocument } from '../modules/org/index.ts'

const DAY_MS = 86_400_000
const isoDate = (at: Date) => at.toISOString().slice(0, 10)

/**
 * A few employee documents for the demo (generated one-page PDFs with the
 * person's name: contracts and certificates, one of them expired) uploaded by
 * Hana from HR, and one retention hold, so the Documents and Personal data
 * tabs show something real.
 */
export async function seedDemoDocuments(
  handle: DatabaseHandle,
  companyId: string,
  userIds: ReadonlyMap<string, string>,
  secretKey: Buffer,
  now: Date,
): Promise<number> {
  const db = orgDb(handle.db)
  const hana = userIds.get('hana.hr@northwind.example') ?? null
  const context = { companyId, actorId: hana, actorKind: 'user' as const, requestId: null }
  const employees = await db
    .selectFrom('org_employee')
    .select(['id', 'legal_name', 'hire_date', 'user_id'])
    .where('company_id', '=', companyId)
    .where('user_id', 'in', [
      userIds.get('emma.employee@northwind.example') ?? '',
      userIds.get('lena.lead@northwind.example') ?? '',
      userIds.get('omar.finance@northwind.example') ?? '',
    ])
    .orderBy('legal_name')
    .execute()
  let uploaded = 0
  for (const [index, employee] of employees.entries()) {
    const pdf = (title: string, ...lines: string[]) =>
      minimalPdf([title, `Northwind Trading - ${employee.legal_name}`, ...lines])
    const documents = [
      {
        category: 'contract' as const,
        title: 'Employment contract',
        fileName: `contract-${employee.legal_name.toLowerCase().replace(/\W+/g, '-')}.pdf`,
        content: pdf('Employment contract', `Start date: ${employee.hire_date}`, 'Signed by both parties.'),
      },
      {
        category: 'certificate' as const,
        title: index === 0 ? 'First aid certificate' : 'Fire warden training',
        fileName: index === 0 ? 'first-aid.pdf' : 'fire-warden.pdf',
        // The first expired last month, the others run for another year.
        validUntilDate: isoDate(new Date(now.getTime() + (index === 0 ? -30 : 365) * DAY_MS)),
        content: pdf('Certificate of completion', 'Issued by the training provider.'),
      },
    ]
    for (const document of documents) {
      await uploadEmployeeDocument(
        db,
        context,
        secretKey,
        employee.id,
        { ...document, contentType: 'application/pdf' },
        10 * 1024 * 1024,
        now,
      )
      uploaded += 1
    }
  }
  const emma = employees.find((e) => e.user_id === userIds.get('emma.employee@northwind.example'))
  if (emma)
    await placeRetentionHold(
      db,
      context,
      {
        employeeId: emma.id,
        category: 'payroll',
        reason: 'Payroll records of 2025: kept for the statutory six years',
        heldUntilDate: '2031-12-31',
      },
      now,
    )
  return uploaded
}
