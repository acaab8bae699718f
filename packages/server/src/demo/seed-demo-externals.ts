import type { DatabaseHandle } from '../db/connect.ts'
import { systemContext } from '../modules/audit/index.ts'
import { createUser, identityDb } from '../modules/identity/index.ts'
import {
  addExternalAccount,
  companyToday,
  createExternalFirm,
  createFirmContract,
  orgDb,
  startAccessReview,
} from '../modules/org/index.ts'

export const DEMO_EXTERNALS = [
  { email: 'nina.brandt@ledgerline.example', displayName: 'Nina Brandt' },
  { email: 'paul.weiss@ledgerline.example', displayName: 'Paul Weiss' },
] as const

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

/**
 * An outsourcing bookkeeping firm, Ledgerline, whose contract (running from
 * three months ago to nine months ahead, so the demo stays current) covers
 * Finance and everything below it; two of its bookkeepers sign in as
 * external staff, sponsored by Omar Haddad (Accounting's lead, a demo user),
 * who has an access review open for them.
 */
export async function seedDemoExternals(
  handle: DatabaseHandle,
  companyId: string,
  externalRoleId: string,
  password: string,
  now: Date,
): Promise<number> {
  const db = orgDb(handle.db)
  const context = systemContext(companyId)
  const today = await companyToday(db, companyId, now)
  const finance = await db
    .selectFrom('org_department')
    .select('id')
    .where('company_id', '=', companyId)
    .where('name', '=', 'Finance')
    .executeTakeFirstOrThrow()
  const sponsor = await db
    .selectFrom('org_employee')
    .select('id')
    .where('company_id', '=', companyId)
    .where('legal_name', '=', 'Omar Haddad')
    .executeTakeFirstOrThrow()
  const firm = await createExternalFirm(
    db,
    context,
    {
      name: 'Ledgerline Bookkeeping GmbH',
      registrationId: 'HRB 214 587 B',
      taxId: 'DE298765431',
      contactName: 'Katrin Vogel',
      contactEmail: 'office@ledgerline.example',
      contactPhone: '+49 30 5550 1840',
      notes: 'Month-end close support and payables backlog. Account manager: Katrin Vogel.',
    },
    now,
    today,
  )
  await createFirmContract(
    db,
    context,
    firm.id,
    {
      reference: `LL-${today.slice(0, 4)}-07`,
      startDate: addDays(today, -90),
      endDate: addDays(today, 270),
      notes: 'Bookkeeping services agreement; renews on request.',
      departmentIds: [finance.id],
    },
    now,
    today,
  )
  for (const person of DEMO_EXTERNALS) {
    const { userId } = await createUser(identityDb(handle.db), context, {
      email: person.email,
      displayName: person.displayName,
      password,
      roleIds: [externalRoleId],
    })
    await addExternalAccount(db, context, { userId, firmId: firm.id, sponsorEmployeeId: sponsor.id }, now, today)
  }
  // No e-mail: the demo is seeded before the mail queue exists (Omar sees the review in Keel).
  await startAccessReview(db, context, { dueDate: addDays(today, 14) }, today, now, null)
  return DEMO_EXTERNALS.length
}
