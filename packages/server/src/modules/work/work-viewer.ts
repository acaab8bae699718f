import { isWithinReach, type Reach, type ReachSubject } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { orgReachSubject, peopleFacts } from '../org/index.ts'
import type { WorkDeps } from './work.tables.ts'

/**
 * Who is asking, as work's rules need it. Decided once per request.
 *
 * The rule for who works what: a person works the items of the queues they
 * are a member of (queue membership, not a role, makes someone a worker of
 * IT, HR or Payables), as long as they hold `work.item.work` at all. A team
 * lead or department head also works the queues of the teams and
 * departments within the reach of their `work.item.work` grant, and a
 * company-wide grant (the back-office manager) works every queue.
 *
 * Reading: `work.item.read` reaches items by their requester (own, their
 * team's, their department's, everyone's); besides, everyone sees the items
 * assigned to them or that they watch, and workers see their queues' items.
 *
 * External staff (an outsourcing firm's people) work exactly the queues
 * that their firm's running contracts name (`work_queue_contract`, read with
 * org's `ExternalScope.runningContractIds`): neither membership nor reach
 * adds to that, and every other queue and its items answer 404 to them.
 */
export interface WorkViewer {
  readonly companyId: string
  readonly userId: string
  readonly employeeId: string | null
  readonly subject: ReachSubject
  readonly readReach: Reach | null
  /** Queues whose items this viewer may work (triage, assign, reply, resolve, log time). */
  readonly workableQueueIds: readonly string[]
}

export async function workViewerOf(
  db: Kysely<WorkDeps>,
  actor: { companyId: string; userId: string },
  grants: { readReach: Reach | null; workReach: Reach | null },
  externalScope: { readonly runningContractIds: readonly string[] } | null = null,
): Promise<WorkViewer> {
  if (externalScope) return externalViewer(db, actor, grants, externalScope.runningContractIds)
  const [subject, [me]] = await Promise.all([
    orgReachSubject(db, actor.companyId, actor.userId),
    peopleFacts(db, actor.companyId, { userIds: [actor.userId] }),
  ])
  const workableQueueIds: string[] = []
  if (grants.workReach !== null) {
    const queues = await db
      .selectFrom('work_queue as q')
      .select(['q.id', 'q.team_id', 'q.department_id'])
      .select((eb) =>
        eb
          .exists(
            eb
              .selectFrom('work_queue_member as m')
              .select('m.employee_id')
              .whereRef('m.company_id', '=', 'q.company_id')
              .whereRef('m.queue_id', '=', 'q.id')
              .where('m.employee_id', '=', me?.employeeId ?? '00000000-0000-0000-0000-000000000000'),
          )
          .as('member'),
      )
      .where('q.company_id', '=', actor.companyId)
      .execute()
    const reach = grants.workReach
    for (const queue of queues) {
      // A queue belongs to no one: 'own' reach never covers it, only membership does.
      const byReach = isWithinReach(reach, subject, {
        ownerUserId: null,
        teamId: queue.team_id,
        departmentId: queue.department_id,
      })
      if (queue.member || byReach) workableQueueIds.push(queue.id)
    }
  }
  return {
    companyId: actor.companyId,
    userId: actor.userId,
    employeeId: me?.employeeId ?? null,
    subject,
    readReach: grants.readReach,
    workableQueueIds,
  }
}

async function externalViewer(
  db: Kysely<WorkDeps>,
  actor: { companyId: string; userId: string },
  grants: { readReach: Reach | null; workReach: Reach | null },
  runningContractIds: readonly string[],
): Promise<WorkViewer> {
  const queues =
    grants.workReach === null || runningContractIds.length === 0
      ? []
      : await db
          .selectFrom('work_queue_contract')
          .select('queue_id')
          .distinct()
          .where('company_id', '=', actor.companyId)
          .where('contract_id', 'in', runningContractIds)
          .execute()
  return {
    companyId: actor.companyId,
    userId: actor.userId,
    employeeId: null,
    // External staff are no one's colleagues here: their own requests at most.
    subject: { userId: actor.userId, teamIds: [], departmentIds: [] },
    readReach: grants.readReach === null ? null : 'own',
    workableQueueIds: queues.map((q) => q.queue_id),
  }
}

export const canWorkQueue = (viewer: WorkViewer, queueId: string) => viewer.workableQueueIds.includes(queueId)
