import type { DatabaseHandle } from '../db/connect.ts'
import { createCompany, createUser, identityDb } from '../modules/identity/index.ts'
import { seedDemoExternals } from './seed-demo-externals.ts'
import { seedDemoDocuments } from './seed-demo-documents.ts'
import { seedDemoIntranet } from './seed-demo-intranet.ts'
import { seedDemoOrganisation } from './seed-demo-org.ts'
import { seedDemoWork } from './seed-demo-work.ts'

export const DEMO_ADMIN_EMAIL = 'admin@northwind.example'
export const DEMO_PASSWORD = 'keel-demo-2026!'

const system = { actorId: null, actorKind: 'system' as const, requestId: null }

/**
 * On a fresh installation: a demo company with a back-office manager and a
 * few colleagues in the built-in roles, its organisation of about sixty
 * people (seed-demo-org.ts), plus a second company to switch to. Does
 * nothing when any company exists. `secretKey` seals salaries.
 */
export async function seedDemo(
  handle: DatabaseHandle,
  secretKey: Buffer,
  onStep?: (step: string) => void,
  now = new Date(),
): Promise<{ seeded: boolean }> {
  const db = identityDb(handle.db)
  const existing = await db.selectFrom('identity_company').select('id').limit(1).executeTakeFirst()
  if (existing) return { seeded: false }
  const northwind = await createCompany(db, { name: 'Northwind Trading', slug: 'northwind' }, system)
  onStep?.('company Northwind Trading')
  const people: [string, string, string][] = [
    [DEMO_ADMIN_EMAIL, 'Alex Morgan', 'admin'],
    ['hana.hr@northwind.example', 'Hana Suzuki', 'hr'],
    ['omar.finance@northwind.example', 'Omar Haddad', 'accountant'],
    ['lena.lead@northwind.example', 'Lena Fischer', 'team_lead'],
    ['ivan.it@northwind.example', 'Ivan Petrov', 'it_support'],
    ['emma.employee@northwind.example', 'Emma Dubois', 'employee'],
    ['aud.it@northwind.example', 'Audrey Kim', 'auditor'],
  ]
  const userIds = new Map<string, string>()
  for (const [email, displayName, role] of people) {
    const { userId } = await createUser(
      db,
      { ...system, companyId: northwind.id },
      { email, displayName, password: DEMO_PASSWORD, roleIds: [northwind.roleIds[role] ?? ''] },
    )
    userIds.set(email, userId)
    onStep?.(`user ${email}`)
  }
  const headcount = await seedDemoOrganisation(handle, northwind.id, userIds, secretKey, now)
  onStep?.(`organisation of ${String(headcount)} people`)
  const documents = await seedDemoDocuments(handle, northwind.id, userIds, secretKey, now)
  onStep?.(`${String(documents)} employee documents and a retention hold`)
  await seedDemoIntranet(handle, northwind.id, userIds, now)
  onStep?.('intranet announcements and policies')
  const externals = await seedDemoExternals(handle, northwind.id, northwind.roleIds.external ?? '', DEMO_PASSWORD, now)
  onStep?.(`outsourcing firm Ledgerline with ${String(externals)} external users`)
  const requests = await seedDemoWork(handle, northwind.id, userIds, now)
  onStep?.(`work queues, the request catalog and ${String(requests)} requests`)
  const labs = await createCompany(db, { name: 'Northwind Labs', slug: 'northwind-labs' }, system)
  await createUser(
    db,
    { ...system, companyId: labs.id },
    { email: DEMO_ADMIN_EMAIL, displayName: 'Alex Morgan', roleIds: [labs.roleIds.admin ?? ''] },
  )
  onStep?.('company Northwind Labs')
  return { seeded: true }
}
