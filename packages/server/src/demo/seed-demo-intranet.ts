import type { DatabaseHandle } from '../db/connect.ts'
import {
  acknowledgeAnnouncement,
  acknowledgePolicy,
  announcementInput,
  createPolicy,
  intranetDb,
  markAnnouncementRead,
  publishAnnouncement,
  publishPolicyVersion,
} from '../modules/intranet/index.ts'
import { audienceFactsOf, orgDb } from '../modules/org/index.ts'

const DAY_MS = 86_400_000

/**
 * Northwind's intranet: a pinned welcome, a scheduled save-the-date, an
 * announcement each for Berlin and for Operations, one IT must acknowledge,
 * and two policies (the code of conduct in its second version, IT acceptable
 * use), some of them already read and acknowledged by the demo users.
 */
export async function seedDemoIntranet(
  handle: DatabaseHandle,
  companyId: string,
  userIds: ReadonlyMap<string, string>,
  now: Date,
): Promise<number> {
  const db = intranetDb(handle.db)
  const org = orgDb(handle.db)
  const userOf = (email: string) => {
    const id = userIds.get(email)
    if (!id) throw new Error(`demo user ${email} is missing`)
    return id
  }
  const as = (email: string) => ({
    companyId,
    actorId: userOf(email),
    actorKind: 'user' as const,
    requestId: null,
  })
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS)
  const idsByName = async (table: 'org_department' | 'org_location', name: string) => {
    const row = await org
      .selectFrom(table)
      .select('id')
      .where('company_id', '=', companyId)
      .where('name', '=', name)
      .executeTakeFirstOrThrow()
    return row.id
  }
  const [it, operations, berlin] = await Promise.all([
    idsByName('org_department', 'IT'),
    idsByName('org_department', 'Operations'),
    idsByName('org_location', 'Berlin'),
  ])
  const hr = as('hana.hr@northwind.example')
  const announce = async (at: Date, body: Parameters<typeof announcementInput>[0]) =>
    publishAnnouncement(db, hr, announcementInput(body, at), at)

  const welcome = await announce(daysAgo(6), {
    title: 'Welcome to the Northwind intranet',
    body: 'From today, company news, policies and anything you need to confirm live here.\n\nYour home page shows what concerns you: news for your department, team and office, and policies waiting for your acknowledgement.',
    audience: [{ kind: 'company' }],
    pinned: true,
  })
  await announce(daysAgo(2), {
    title: 'Berlin office: lift maintenance on Thursday',
    body: 'The lift in the Berlin office is out of service on Thursday from 8:00 to 13:00.\nPlease use the stairs, or ask reception for help with deliveries.',
    audience: [{ kind: 'location', id: berlin }],
  })
  const expenses = await announce(daysAgo(4), {
    title: 'Operations: receipts within 30 days',
    body: 'From next month, purchase receipts must reach Finance within 30 days of the purchase.\nLate receipts will be returned to the buyer.',
    audience: [{ kind: 'department', id: operations }],
    requiresAcknowledgement: true,
  })
  const twoFactor = await announce(daysAgo(1), {
    title: 'IT: turn on two-factor sign-in by the end of the month',
    body: 'Everyone in IT signs in with a second factor from the 1st.\nOpen Account security in Keel and scan the QR code with your authenticator app.',
    audience: [{ kind: 'department', id: it }],
    requiresAcknowledgement: true,
  })
  await announce(now, {
    title: 'Save the date: summer party on 4 July',
    body: 'Our summer party is on 4 July at the Spree terrace. Details follow.',
    audience: [{ kind: 'company' }],
    publishAt: new Date(now.getTime() + 7 * DAY_MS).toISOString(),
  })

  const conduct = await createPolicy(
    db,
    hr,
    {
      title: 'Code of conduct',
      category: 'HR',
      audience: [{ kind: 'company' }],
      body: 'We treat colleagues, customers and suppliers with respect.\nWe do not accept gifts worth more than 50 EUR.\nWe report conflicts of interest to our manager.',
      effectiveDate: '2025-01-01',
    },
    daysAgo(120),
  )
  await publishPolicyVersion(
    db,
    hr,
    conduct,
    {
      body: 'We treat colleagues, customers and suppliers with respect.\nWe do not accept gifts worth more than 50 EUR, and we record every gift in the gift register.\nWe report conflicts of interest to our manager.\nWe speak up about misconduct; the whistle-blowing channel is confidential.',
      summaryOfChanges: 'Gift register and whistle-blowing channel added.',
      effectiveDate: '2026-03-01',
    },
    daysAgo(10),
  )
  const acceptableUse = await createPolicy(
    db,
    as('ivan.it@northwind.example'),
    {
      title: 'IT acceptable use',
      category: 'IT',
      audience: [{ kind: 'company' }],
      body: 'Company devices are for work. Lock your screen when you leave your desk.\nNever share your password; IT will never ask for it.\nReport lost devices to the Service Desk at once.',
      effectiveDate: '2025-06-01',
    },
    daysAgo(40),
  )

  // Some of the demo users have already done their part.
  const currentVersionOf = async (policyId: string) =>
    (
      await db
        .selectFrom('intranet_policy')
        .select('current_version_id')
        .where('company_id', '=', companyId)
        .where('id', '=', policyId)
        .executeTakeFirstOrThrow()
    ).current_version_id ?? ''
  const conductV2 = await currentVersionOf(conduct)
  const useV1 = await currentVersionOf(acceptableUse)
  let receipts = 0
  for (const email of ['admin@northwind.example', 'hana.hr@northwind.example', 'ivan.it@northwind.example']) {
    const facts = await audienceFactsOf(org, companyId, userOf(email))
    await acknowledgePolicy(db, as(email), facts, conduct, conductV2, daysAgo(8))
    await markAnnouncementRead(db, as(email), facts, welcome, daysAgo(5))
    receipts += 2
  }
  for (const email of [
    'admin@northwind.example',
    'hana.hr@northwind.example',
    'omar.finance@northwind.example',
    'lena.lead@northwind.example',
    'ivan.it@northwind.example',
  ]) {
    const facts = await audienceFactsOf(org, companyId, userOf(email))
    await acknowledgePolicy(db, as(email), facts, acceptableUse, useV1, daysAgo(30))
    receipts++
  }
  const ivan = 'ivan.it@northwind.example'
  await acknowledgeAnnouncement(
    db,
    as(ivan),
    await audienceFactsOf(org, companyId, userOf(ivan)),
    twoFactor,
    daysAgo(1),
  )
  const emma = 'emma.employee@northwind.example'
  await markAnnouncementRead(db, as(emma), await audienceFactsOf(org, companyId, userOf(emma)), expenses, daysAgo(3))
  return receipts + 2
}
