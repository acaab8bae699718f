import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParams, Problem } from '@keel/contracts/common'
import {
  AcknowledgePolicyBody,
  Announcement,
  AnnouncementBody,
  AnnouncementListQuery,
  AnnouncementPage,
  Compliance,
  ComplianceQuery,
  Feed,
  FeedQuery,
  Policy,
  PolicyBody,
  PolicyList,
  PolicyVersion,
  PolicyVersionBody,
  PolicyVersionParams,
  Receipt,
  UpdatePolicyBody,
} from '@keel/contracts/intranet'
import { decodeCursor, pageSize, type Clock } from '@keel/kernel'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { expectedVersion, setEtag } from '../../http/etag.ts'
import { actorOf, auditContextOf, reachOf, requirePermission } from '../identity/index.ts'
import { audienceFactsOf, orgDb, orgReachSubject } from '../org/index.ts'
import { acknowledgeAnnouncement, markAnnouncementRead } from './acknowledge-announcement.ts'
import { acknowledgePolicy } from './acknowledge-policy.ts'
import { announcementInput } from './announcement-input.ts'
import { getAnnouncement, type UserNames } from './announcement-views.ts'
import { createPolicy } from './create-policy.ts'
import { homeFeed } from './feed.ts'
import { intranetDb, type IntranetDeps } from './intranet.tables.ts'
import { announcementCompliance, policyVersionCompliance } from './item-compliance.ts'
import { isAnnouncementCursor, listAnnouncements } from './list-announcements.ts'
import { getPolicy, getPolicyVersion, listPolicies, type PolicyViewer } from './policy-views.ts'
import { publishAnnouncement } from './publish-announcement.ts'
import { publishPolicyVersion } from './publish-policy-version.ts'
import { DEFAULT_REMINDERS } from './remind-unacknowledged.ts'
import { updateAnnouncement } from './update-announcement.ts'
import { updatePolicy } from './update-policy.ts'
import { withdrawAnnouncement } from './withdraw-announcement.ts'

export interface IntranetRoutesOptions {
  readonly clock: Clock
  /** Display names of users of the company (authors, publishers). */
  readonly userNames: (companyId: string, ids: readonly string[]) => Promise<ReadonlyMap<string, string>>
}

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 412: Problem, 422: Problem }

const dbOf = (request: FastifyRequest): Kysely<IntranetDeps> => intranetDb(request.db)
const factsOf = (request: FastifyRequest) => {
  const actor = actorOf(request)
  return audienceFactsOf(orgDb(dbOf(request)), actor.companyId, actor.userId)
}

/** HTTP adapter for the intranet: decode, decide who is looking, call the use case, choose a status. */
export const intranetRoutes: FastifyPluginAsyncTypebox<IntranetRoutesOptions> = async (app, options) => {
  const { clock } = options
  const namesFor =
    (request: FastifyRequest): UserNames =>
    (ids) =>
      options.userNames(actorOf(request).companyId, ids)

  async function announcementReply(request: FastifyRequest, reply: FastifyReply, id: string) {
    const actor = actorOf(request)
    const announcement = await getAnnouncement(
      dbOf(request),
      {
        companyId: actor.companyId,
        userId: actor.userId,
        manages: reachOf(actor, 'intranet.announcement.manage') !== null,
        facts: await factsOf(request),
      },
      id,
      namesFor(request),
      clock.now(),
    )
    setEtag(reply, announcement.version)
    return announcement
  }

  const policyViewerOf = async (request: FastifyRequest): Promise<PolicyViewer> => {
    const actor = actorOf(request)
    return {
      companyId: actor.companyId,
      userId: actor.userId,
      manages: reachOf(actor, 'intranet.policy.manage') !== null,
      facts: await factsOf(request),
    }
  }
  async function policyReply(request: FastifyRequest, reply: FastifyReply, id: string) {
    const policy = await getPolicy(dbOf(request), await policyViewerOf(request), id, namesFor(request))
    setEtag(reply, policy.version)
    return policy
  }

  const complianceScope = async (request: FastifyRequest) => {
    const actor = actorOf(request)
    const reach = requirePermission(actor, 'intranet.compliance.read')
    const subject = await orgReachSubject(orgDb(dbOf(request)), actor.companyId, actor.userId)
    return { companyId: actor.companyId, reach, subject }
  }

  // ── Home feed ─────────────────────────────────────────────────────────────

  app.get(
    '/intranet/feed',
    {
      config: { access: 'intranet.announcement.read' },
      schema: {
        tags: ['intranet'],
        summary: 'What concerns me: pinned and new announcements, policies awaiting my acknowledgement',
        querystring: FeedQuery,
        response: { 200: Feed, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request)
      return homeFeed(
        dbOf(request),
        {
          companyId: actor.companyId,
          userId: actor.userId,
          facts: await factsOf(request),
          readsPolicies: reachOf(actor, 'intranet.policy.read') !== null,
        },
        {
          after: decodeCursor(request.query.cursor, isAnnouncementCursor),
          limit: Math.min(pageSize(request.query.limit ?? 20), 100),
        },
        namesFor(request),
        clock.now(),
      )
    },
  )

  // ── Announcements ─────────────────────────────────────────────────────────

  app.get(
    '/intranet/announcements',
    {
      config: { access: 'intranet.announcement.manage' },
      schema: {
        tags: ['intranet'],
        summary: 'Every announcement, newest first, with how many have read and acknowledged it',
        querystring: AnnouncementListQuery,
        response: { 200: AnnouncementPage, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request)
      return listAnnouncements(
        dbOf(request),
        { companyId: actor.companyId, userId: actor.userId, facts: await factsOf(request) },
        {
          status: request.query.status,
          after: decodeCursor(request.query.cursor, isAnnouncementCursor),
          limit: pageSize(request.query.limit),
        },
        namesFor(request),
        clock.now(),
      )
    },
  )

  app.post(
    '/intranet/announcements',
    {
      config: { access: 'intranet.announcement.manage', idempotent: true },
      schema: {
        tags: ['intranet'],
        summary: 'Publish an announcement now, or schedule it with publishAt',
        body: AnnouncementBody,
        response: { 201: Announcement, ...errors },
      },
    },
    async (request, reply) => {
      const now = clock.now()
      const id = await publishAnnouncement(
        dbOf(request),
        auditContextOf(request),
        announcementInput(request.body, now),
        now,
      )
      void reply.code(201)
      return announcementReply(request, reply, id)
    },
  )

  app.get(
    '/intranet/announcements/:id',
    {
      config: { access: 'intranet.announcement.read' },
      schema: {
        tags: ['intranet'],
        summary: 'One announcement (readers: only a published one addressed to them)',
        params: IdParams,
        response: { 200: Announcement, ...errors },
      },
    },
    async (request, reply) => announcementReply(request, reply, request.params.id),
  )

  app.put(
    '/intranet/announcements/:id',
    {
      config: { access: 'intranet.announcement.manage' },
      schema: {
        tags: ['intranet'],
        summary: 'Edit an announcement: text, audience, schedule, pin, acknowledgement (If-Match)',
        params: IdParams,
        body: AnnouncementBody,
        response: { 200: Announcement, ...errors },
      },
    },
    async (request, reply) => {
      const now = clock.now()
      await updateAnnouncement(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        announcementInput(request.body, now),
        now,
        expectedVersion(request),
      )
      return announcementReply(request, reply, request.params.id)
    },
  )

  app.post(
    '/intranet/announcements/:id/withdraw',
    {
      config: { access: 'intranet.announcement.manage' },
      schema: {
        tags: ['intranet'],
        summary: 'Withdraw an announcement from every feed',
        params: IdParams,
        response: { 200: Announcement, ...errors },
      },
    },
    async (request, reply) => {
      await withdrawAnnouncement(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        clock.now(),
        expectedVersion(request),
      )
      return announcementReply(request, reply, request.params.id)
    },
  )

  const receiptReply = async (request: FastifyRequest, id: string) => {
    const announcement = await getAnnouncement(
      dbOf(request),
      {
        companyId: actorOf(request).companyId,
        userId: actorOf(request).userId,
        manages: false,
        facts: await factsOf(request),
      },
      id,
      namesFor(request),
      clock.now(),
    )
    return { readAt: announcement.readAt, acknowledgedAt: announcement.acknowledgedAt }
  }

  app.post(
    '/intranet/announcements/:id/read',
    {
      config: { access: 'intranet.announcement.read' },
      schema: {
        tags: ['intranet'],
        summary: 'Record that I opened an announcement (the first time counts)',
        params: IdParams,
        response: { 200: Receipt, ...errors },
      },
    },
    async (request) => {
      await markAnnouncementRead(
        dbOf(request),
        auditContextOf(request),
        await factsOf(request),
        request.params.id,
        clock.now(),
      )
      return receiptReply(request, request.params.id)
    },
  )

  app.post(
    '/intranet/announcements/:id/acknowledge',
    {
      config: { access: 'intranet.announcement.read' },
      schema: {
        tags: ['intranet'],
        summary: 'Acknowledge an announcement that asks for it (idempotent)',
        params: IdParams,
        response: { 200: Receipt, ...errors },
      },
    },
    async (request) => {
      await acknowledgeAnnouncement(
        dbOf(request),
        auditContextOf(request),
        await factsOf(request),
        request.params.id,
        clock.now(),
      )
      return receiptReply(request, request.params.id)
    },
  )

  app.get(
    '/intranet/announcements/:id/compliance',
    {
      config: { access: 'intranet.compliance.read' },
      schema: {
        tags: ['intranet'],
        summary: 'Who of the audience (within my reach) has read and acknowledged an announcement',
        params: IdParams,
        querystring: ComplianceQuery,
        response: { 200: Compliance, ...errors },
      },
    },
    async (request) =>
      announcementCompliance(dbOf(request), await complianceScope(request), request.params.id, request.query),
  )

  // ── Policies ──────────────────────────────────────────────────────────────

  app.get(
    '/intranet/policies',
    {
      config: { access: 'intranet.policy.read' },
      schema: {
        tags: ['intranet'],
        summary: 'Policies (readers: those addressed to them) with my acknowledgement of each current version',
        response: { 200: PolicyList, ...errors },
      },
    },
    async (request) => ({ items: await listPolicies(dbOf(request), await policyViewerOf(request)) }),
  )

  app.post(
    '/intranet/policies',
    {
      config: { access: 'intranet.policy.manage', idempotent: true },
      schema: {
        tags: ['intranet'],
        summary: 'Create a policy and publish its version 1',
        body: PolicyBody,
        response: { 201: Policy, ...errors },
      },
    },
    async (request, reply) => {
      const { body } = request
      const id = await createPolicy(
        dbOf(request),
        auditContextOf(request),
        {
          title: body.title,
          category: body.category ?? null,
          audience: body.audience,
          body: body.body,
          effectiveDate: body.effectiveDate,
        },
        clock.now(),
      )
      void reply.code(201)
      return policyReply(request, reply, id)
    },
  )

  app.get(
    '/intranet/policies/:id',
    {
      config: { access: 'intranet.policy.read' },
      schema: {
        tags: ['intranet'],
        summary: 'One policy: its current text and version history',
        params: IdParams,
        response: { 200: Policy, ...errors },
      },
    },
    async (request, reply) => policyReply(request, reply, request.params.id),
  )

  app.put(
    '/intranet/policies/:id',
    {
      config: { access: 'intranet.policy.manage' },
      schema: {
        tags: ['intranet'],
        summary: 'Rename, recategorise, re-address or archive a policy (If-Match)',
        params: IdParams,
        body: UpdatePolicyBody,
        response: { 200: Policy, ...errors },
      },
    },
    async (request, reply) => {
      const { body } = request
      await updatePolicy(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        { title: body.title, category: body.category ?? null, audience: body.audience, archived: body.archived },
        clock.now(),
        expectedVersion(request),
      )
      return policyReply(request, reply, request.params.id)
    },
  )

  app.post(
    '/intranet/policies/:id/versions',
    {
      config: { access: 'intranet.policy.manage', idempotent: true },
      schema: {
        tags: ['intranet'],
        summary: 'Publish a new version; its audience must acknowledge it again',
        params: IdParams,
        body: PolicyVersionBody,
        response: { 201: Policy, ...errors },
      },
    },
    async (request, reply) => {
      await publishPolicyVersion(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        request.body,
        clock.now(),
        expectedVersion(request),
      )
      void reply.code(201)
      return policyReply(request, reply, request.params.id)
    },
  )

  app.get(
    '/intranet/policies/:id/versions/:versionId',
    {
      config: { access: 'intranet.policy.read' },
      schema: {
        tags: ['intranet'],
        summary: 'The text of one version of a policy',
        params: PolicyVersionParams,
        response: { 200: PolicyVersion, ...errors },
      },
    },
    async (request) =>
      getPolicyVersion(
        dbOf(request),
        await policyViewerOf(request),
        request.params.id,
        request.params.versionId,
        namesFor(request),
      ),
  )

  app.post(
    '/intranet/policies/:id/acknowledge',
    {
      config: { access: 'intranet.policy.read' },
      schema: {
        tags: ['intranet'],
        summary: 'Acknowledge the current version of a policy addressed to me (idempotent)',
        params: IdParams,
        body: AcknowledgePolicyBody,
        response: { 200: Policy, ...errors },
      },
    },
    async (request, reply) => {
      await acknowledgePolicy(
        dbOf(request),
        auditContextOf(request),
        await factsOf(request),
        request.params.id,
        request.body.versionId,
        clock.now(),
      )
      return policyReply(request, reply, request.params.id)
    },
  )

  app.get(
    '/intranet/policies/:id/versions/:versionId/compliance',
    {
      config: { access: 'intranet.compliance.read' },
      schema: {
        tags: ['intranet'],
        summary: 'Who of the audience (within my reach) has acknowledged a version of a policy',
        params: PolicyVersionParams,
        querystring: ComplianceQuery,
        response: { 200: Compliance, ...errors },
      },
    },
    async (request) =>
      policyVersionCompliance(
        dbOf(request),
        await complianceScope(request),
        request.params.id,
        request.params.versionId,
        request.query,
      ),
  )

  app.get(
    '/intranet/reminders/settings',
    {
      config: { access: 'intranet.compliance.read' },
      schema: {
        tags: ['intranet'],
        summary: 'When reminders go out: after how many days, and how often again',
        response: { 200: Type.Object({ afterDays: Type.Integer(), intervalDays: Type.Integer() }), ...errors },
      },
    },
    async () => ({ ...DEFAULT_REMINDERS }),
  )
}
