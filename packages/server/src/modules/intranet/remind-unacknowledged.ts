import { inTransaction } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { queueMail } from '../mail/index.ts'
import { audienceMembers, orgDb, type AudienceTarget } from '../org/index.ts'
import { toTargets } from './audience.ts'
import type { IntranetDeps, ReminderItemKind } from './intranet.tables.ts'

const DAY_MS = 86_400_000

export interface ReminderPolicy {
  /** Remind about items published at least this many days ago. */
  readonly afterDays: number
  /** And again, to someone still not acknowledging, after this many days. */
  readonly intervalDays: number
}

export const DEFAULT_REMINDERS: ReminderPolicy = { afterDays: 3, intervalDays: 7 }

interface DueItem {
  readonly kind: ReminderItemKind
  readonly id: string
  readonly title: string
  readonly audience: AudienceTarget[]
  readonly acknowledgedBy: ReadonlySet<string>
}

/**
 * E-mails everyone in the audience of an item that asks for acknowledgement
 * (a published announcement, the current version of a policy), published at
 * least `afterDays` ago, who has not acknowledged it and was not reminded of
 * it within `intervalDays`. Each reminder is recorded in the transaction
 * that queues its e-mail. Returns how many e-mails were queued.
 */
export async function remindUnacknowledged(
  db: Kysely<IntranetDeps>,
  companyId: string,
  now: Date,
  policy: ReminderPolicy = DEFAULT_REMINDERS,
): Promise<number> {
  const publishedBefore = new Date(now.getTime() - policy.afterDays * DAY_MS)
  const remindedBefore = new Date(now.getTime() - policy.intervalDays * DAY_MS)
  return inTransaction(db, async (trx) => {
    const items = await dueItems(trx, companyId, now, publishedBefore)
    let queued = 0
    for (const item of items) {
      const members = await audienceMembers(orgDb(trx), companyId, item.audience)
      const pending = members.filter((m) => !item.acknowledgedBy.has(m.userId) && m.workEmail)
      if (pending.length === 0) continue
      const recent = await trx
        .selectFrom('intranet_reminder')
        .select('user_id')
        .where('company_id', '=', companyId)
        .where('item_kind', '=', item.kind)
        .where('item_id', '=', item.id)
        .where('last_sent_at', '>', remindedBefore)
        .execute()
      const skip = new Set(recent.map((r) => r.user_id))
      for (const person of pending) {
        if (skip.has(person.userId) || !person.workEmail) continue
        const what = item.kind === 'announcement' ? 'the announcement' : 'the policy'
        await queueMail(trx, {
          companyId,
          to: person.workEmail,
          subject: `Please acknowledge ${what} "${item.title}"`,
          text: `Hello ${person.name},\n\nyou have not yet acknowledged ${what} "${item.title}". Please read it on your Keel home page and confirm it with the Acknowledge button.\n`,
        })
        await trx
          .insertInto('intranet_reminder')
          .values({
            company_id: companyId,
            item_kind: item.kind,
            item_id: item.id,
            user_id: person.userId,
            last_sent_at: now,
          })
          .onConflict((oc) =>
            oc
              .columns(['company_id', 'item_kind', 'item_id', 'user_id'])
              .doUpdateSet((eb) => ({ last_sent_at: now, times_sent: eb('intranet_reminder.times_sent', '+', 1) })),
          )
          .execute()
        queued++
      }
    }
    return queued
  })
}

async function dueItems(
  db: Kysely<IntranetDeps>,
  companyId: string,
  now: Date,
  publishedBefore: Date,
): Promise<DueItem[]> {
  const announcements = await db
    .selectFrom('intranet_announcement')
    .select(['id', 'title'])
    .where('company_id', '=', companyId)
    .where('requires_acknowledgement', '=', true)
    .where('withdrawn_at', 'is', null)
    .where('publish_at', '<=', publishedBefore)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .execute()
  const versions = await db
    .selectFrom('intranet_policy as p')
    .innerJoin('intranet_policy_version as v', (j) =>
      j.onRef('v.company_id', '=', 'p.company_id').onRef('v.id', '=', 'p.current_version_id'),
    )
    .select(['p.id as policy_id', 'v.id', 'p.title', 'v.version_number'])
    .where('p.company_id', '=', companyId)
    .where('p.archived_at', 'is', null)
    .where('v.published_at', '<=', publishedBefore)
    .execute()
  const items: DueItem[] = []
  for (const a of announcements) {
    const [audience, acks] = await Promise.all([
      db
        .selectFrom('intranet_announcement_audience')
        .select(['target_kind', 'target_id'])
        .where('company_id', '=', companyId)
        .where('announcement_id', '=', a.id)
        .orderBy('position')
        .execute(),
      db
        .selectFrom('intranet_announcement_receipt')
        .select('user_id')
        .where('company_id', '=', companyId)
        .where('announcement_id', '=', a.id)
        .where('acknowledged_at', 'is not', null)
        .execute(),
    ])
    items.push({
      kind: 'announcement',
      id: a.id,
      title: a.title,
      audience: toTargets(audience),
      acknowledgedBy: new Set(acks.map((r) => r.user_id)),
    })
  }
  for (const v of versions) {
    const [audience, acks] = await Promise.all([
      db
        .selectFrom('intranet_policy_audience')
        .select(['target_kind', 'target_id'])
        .where('company_id', '=', companyId)
        .where('policy_id', '=', v.policy_id)
        .orderBy('position')
        .execute(),
      db
        .selectFrom('intranet_policy_acknowledgement')
        .select('user_id')
        .where('company_id', '=', companyId)
        .where('policy_version_id', '=', v.id)
        .execute(),
    ])
    items.push({
      kind: 'policy_version',
      id: v.id,
      title: `${v.title} (version ${String(v.version_number)})`,
      audience: toTargets(audience),
      acknowledgedBy: new Set(acks.map((r) => r.user_id)),
    })
  }
  return items
}
