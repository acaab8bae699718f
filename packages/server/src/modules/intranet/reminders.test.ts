import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aCompanyWithAdmin } from '../../testing/builders.ts'
import { aSmallOrganisation, created } from '../../testing/small-organisation.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { runIntranetReminders } from './intranet-jobs.ts'
import { announce, json } from './intranet-test-helpers.ts'
import { intranetDb } from './intranet.tables.ts'

type Org = Awaited<ReturnType<typeof aSmallOrganisation>>

describe('reminders to acknowledge', () => {
  let t: TestApp
  let org: Org
  beforeEach(async () => {
    t = await createTestApp()
    org = await aSmallOrganisation(t, await aCompanyWithAdmin(t.handle))
  })
  afterEach(() => t.close())

  const giveWorkEmail = async (person: Org['people']['member'], name: string, email: string) =>
    created(
      org.admin.request('PUT', `/api/v1/org/employees/${person.employeeId}`, {
        legalName: name,
        preferredName: null,
        workEmail: email,
        workPhone: null,
        probationEndDate: null,
        workSchedule: null,
        userId: person.id,
        status: 'active',
      }),
      200,
    )

  it('e-mails those who have not acknowledged after 3 days, once per 7-day interval', async () => {
    await giveWorkEmail(org.people.member, 'Max Member', 'max@acme.test')
    await giveWorkEmail(org.people.lead, 'Lena Lead', 'lena@acme.test')
    const memo = await announce(org.admin, {
      title: 'Fire drill procedure',
      audience: [{ kind: 'team', id: org.ids.support }],
      requiresAcknowledgement: true,
    })
    await announce(org.admin, { title: 'No acknowledgement needed', audience: [{ kind: 'team', id: org.ids.support }] })
    const lena = await org.people.lead.signIn()
    await json(lena, 'POST', `/api/v1/intranet/announcements/${memo.id}/acknowledge`)

    const db = intranetDb(t.handle.db)
    // Published 2026-03-02 09:00: too fresh a day later.
    expect(await runIntranetReminders(db, new Date('2026-03-03T07:45:00Z'))).toBe(0)
    expect(await runIntranetReminders(db, new Date('2026-03-05T09:00:00Z'))).toBe(1)
    expect(await runIntranetReminders(db, new Date('2026-03-06T07:45:00Z'))).toBe(0)
    expect(await runIntranetReminders(db, new Date('2026-03-11T07:45:00Z'))).toBe(0)
    expect(await runIntranetReminders(db, new Date('2026-03-12T09:00:00Z'))).toBe(1)

    const { rows } = await sql<{
      to_address: string
      subject: string
    }>`select to_address, subject from mail_message order by created_at`.execute(t.handle.db)
    expect(rows).toEqual([
      { to_address: 'max@acme.test', subject: 'Please acknowledge the announcement "Fire drill procedure"' },
      { to_address: 'max@acme.test', subject: 'Please acknowledge the announcement "Fire drill procedure"' },
    ])
    const recorded = await db.selectFrom('intranet_reminder').select(['user_id', 'times_sent']).execute()
    expect(recorded).toEqual([{ user_id: org.people.member.id, times_sent: 2 }])
  })

  it('reminds about the current version of a policy until it is acknowledged', async () => {
    await giveWorkEmail(org.people.member, 'Max Member', 'max@acme.test')
    const policy = await json<{ id: string; currentVersion: { id: string } }>(
      org.admin,
      'POST',
      '/api/v1/intranet/policies',
      {
        title: 'IT acceptable use',
        audience: [{ kind: 'team', id: org.ids.support }],
        body: 'Lock your screen.',
        effectiveDate: '2026-03-02',
      },
    )
    const db = intranetDb(t.handle.db)
    expect(await runIntranetReminders(db, new Date('2026-03-06T07:45:00Z'))).toBe(1)
    const max = await org.people.member.signIn()
    await json(max, 'POST', `/api/v1/intranet/policies/${policy.id}/acknowledge`, {
      versionId: policy.currentVersion.id,
    })
    expect(await runIntranetReminders(db, new Date('2026-03-20T07:45:00Z'))).toBe(0)
  })
})
