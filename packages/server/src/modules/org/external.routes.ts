import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParams, Problem } from '@keel/contracts/common'
import {
  AccessDecisionBody,
  AccessReview,
  AccessReviewDetail,
  AccessReviewItem,
  AccessReviewPage,
  ContractParams,
  ContractRef,
  ExternalAccount,
  ExternalAccountBody,
  ExternalAccountPage,
  ExternalAccountQuery,
  ExternalFirm,
  ExternalFirmBody,
  ExternalFirmPage,
  ExternalFirmQuery,
  FirmContract,
  FirmContractBody,
  FirmParams,
  InviteExternalBody,
  MyAccessReviews,
  RevokeExternalBody,
  StartAccessReviewBody,
} from '@keel/contracts/org-external'
import { decodeCursor, encodeCursor, pageSize, type Clock } from '@keel/kernel'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { expectedVersion, setEtag } from '../../http/etag.ts'
import { actorOf, auditContextOf, reachOf } from '../identity/index.ts'
import { getAccessReview, isReviewCursor, listAccessReviews, myAccessReviewItems } from './access-reviews.ts'
import { companyToday } from './company-profile.ts'
import { decideAccessReviewItem } from './decide-access-review.ts'
import { endExternalAccount, reactivateExternalAccount } from './external-account-status.ts'
import {
  changeSponsor,
  getExternalAccount,
  inviteExternalUser,
  isAccountCursor,
  listExternalAccounts,
} from './external-accounts.ts'
import {
  createExternalFirm,
  getExternalFirm,
  isFirmCursor,
  listExternalFirms,
  updateExternalFirm,
} from './external-firms.ts'
import { firmContractRefs } from './contract-refs.ts'
import { createFirmContract, listFirmContracts, updateFirmContract } from './firm-contracts.ts'
import { orgDb } from './org.tables.ts'
import { startAccessReview } from './start-access-review.ts'

export interface ExternalRoutesOptions {
  readonly clock: Clock
  /** Where links in e-mails point (invitations, access reviews). */
  readonly publicUrl: string
}

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 412: Problem, 422: Problem }
const tags = ['org: external firms']

const dbOf = (request: FastifyRequest) => orgDb(request.db)
const limitOf = (query: { limit?: number | undefined }) => pageSize(query.limit)

/** HTTP adapter for external firms, their contracts and staff, and access reviews. */
export const externalRoutes: FastifyPluginAsyncTypebox<ExternalRoutesOptions> = async (app, options) => {
  const { clock, publicUrl } = options
  const today = (request: FastifyRequest) => companyToday(dbOf(request), actorOf(request).companyId, clock.now())
  const withEtag = <T extends { version: number }>(reply: FastifyReply, value: T) => {
    setEtag(reply, value.version)
    return value
  }

  // ── Firms ────────────────────────────────────────────────────────────────

  app.get(
    '/org/external-firms',
    {
      config: { access: 'org.external.read' },
      schema: {
        tags,
        summary: 'Outsourcing firms',
        querystring: ExternalFirmQuery,
        response: { 200: ExternalFirmPage, ...errors },
      },
    },
    async (request) => {
      const page = await listExternalFirms(
        dbOf(request),
        actorOf(request).companyId,
        request.query,
        { after: decodeCursor(request.query.cursor, isFirmCursor), limit: limitOf(request.query) },
        await today(request),
      )
      return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null }
    },
  )
  app.get(
    '/org/external-firms/:id',
    {
      config: { access: 'org.external.read' },
      schema: { tags, summary: 'One outsourcing firm', params: FirmParams, response: { 200: ExternalFirm, ...errors } },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await getExternalFirm(dbOf(request), actorOf(request).companyId, request.params.id, await today(request)),
      ),
  )
  app.post(
    '/org/external-firms',
    {
      config: { access: 'org.external.manage', idempotent: true },
      schema: {
        tags,
        summary: 'Add an outsourcing firm',
        body: ExternalFirmBody,
        response: { 201: ExternalFirm, ...errors },
      },
    },
    async (request, reply) => {
      const firm = await createExternalFirm(
        dbOf(request),
        auditContextOf(request),
        request.body,
        clock.now(),
        await today(request),
      )
      void reply.code(201)
      return withEtag(reply, firm)
    },
  )
  app.put(
    '/org/external-firms/:id',
    {
      config: { access: 'org.external.manage' },
      schema: {
        tags,
        summary: 'Change or archive an outsourcing firm (If-Match)',
        params: FirmParams,
        body: ExternalFirmBody,
        response: { 200: ExternalFirm, ...errors },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await updateExternalFirm(
          dbOf(request),
          auditContextOf(request),
          request.params.id,
          request.body,
          clock.now(),
          await today(request),
          expectedVersion(request),
        ),
      ),
  )

  // ── Contracts ────────────────────────────────────────────────────────────

  app.get(
    '/org/firm-contracts',
    {
      config: { access: 'org.external.read' },
      schema: {
        tags,
        summary: "Every firm's contracts, by firm and latest first (to name the queues a contract serves)",
        response: { 200: Type.Object({ items: Type.Array(ContractRef) }), ...errors },
      },
    },
    async (request) => ({ items: await firmContractRefs(dbOf(request), actorOf(request).companyId) }),
  )

  app.get(
    '/org/external-firms/:id/contracts',
    {
      config: { access: 'org.external.read' },
      schema: {
        tags,
        summary: "A firm's contracts, latest first, with scope and status",
        params: FirmParams,
        response: { 200: Type.Object({ items: Type.Array(FirmContract) }), ...errors },
      },
    },
    async (request) => {
      const companyId = actorOf(request).companyId
      const day = await today(request)
      await getExternalFirm(dbOf(request), companyId, request.params.id, day)
      return { items: await listFirmContracts(dbOf(request), companyId, request.params.id, day) }
    },
  )
  app.post(
    '/org/external-firms/:id/contracts',
    {
      config: { access: 'org.external.manage', idempotent: true },
      schema: {
        tags,
        summary: 'Add a contract: dates and the departments it covers',
        params: FirmParams,
        body: FirmContractBody,
        response: { 201: FirmContract, ...errors },
      },
    },
    async (request, reply) => {
      const contract = await createFirmContract(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        request.body,
        clock.now(),
        await today(request),
      )
      void reply.code(201)
      return withEtag(reply, contract)
    },
  )
  app.put(
    '/org/external-firms/:id/contracts/:contractId',
    {
      config: { access: 'org.external.manage' },
      schema: {
        tags,
        summary: 'Change or renew a contract (If-Match)',
        params: ContractParams,
        body: FirmContractBody,
        response: { 200: FirmContract, ...errors },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await updateFirmContract(
          dbOf(request),
          auditContextOf(request),
          request.params.id,
          request.params.contractId,
          request.body,
          await today(request),
          expectedVersion(request),
        ),
      ),
  )

  // ── External accounts ────────────────────────────────────────────────────

  app.get(
    '/org/external-accounts',
    {
      config: { access: 'org.external.read' },
      schema: {
        tags,
        summary: 'External accounts',
        querystring: ExternalAccountQuery,
        response: { 200: ExternalAccountPage, ...errors },
      },
    },
    async (request) => {
      const page = await listExternalAccounts(dbOf(request), actorOf(request).companyId, request.query, {
        after: decodeCursor(request.query.cursor, isAccountCursor),
        limit: limitOf(request.query),
      })
      return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null }
    },
  )
  app.get(
    '/org/external-accounts/:id',
    {
      config: { access: 'org.external.read' },
      schema: {
        tags,
        summary: 'One external account',
        params: IdParams,
        response: { 200: ExternalAccount, ...errors },
      },
    },
    async (request, reply) =>
      withEtag(reply, await getExternalAccount(dbOf(request), actorOf(request).companyId, request.params.id)),
  )
  app.post(
    '/org/external-accounts',
    {
      config: { access: 'org.external.manage', idempotent: true },
      schema: {
        tags,
        summary: 'Invite a person of a firm (External staff role, e-mailed a link to set a password)',
        body: InviteExternalBody,
        response: { 201: ExternalAccount, ...errors },
      },
    },
    async (request, reply) => {
      const account = await inviteExternalUser(
        dbOf(request),
        auditContextOf(request),
        request.body,
        publicUrl,
        clock.now(),
        await today(request),
      )
      void reply.code(201)
      return withEtag(reply, account)
    },
  )
  app.put(
    '/org/external-accounts/:id',
    {
      config: { access: 'org.external.manage' },
      schema: {
        tags,
        summary: 'Change the sponsor (If-Match)',
        params: IdParams,
        body: ExternalAccountBody,
        response: { 200: ExternalAccount, ...errors },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await changeSponsor(
          dbOf(request),
          auditContextOf(request),
          request.params.id,
          request.body.sponsorEmployeeId,
          expectedVersion(request),
        ),
      ),
  )
  app.post(
    '/org/external-accounts/:id/revoke',
    {
      config: { access: 'org.external.manage' },
      schema: {
        tags,
        summary: 'Revoke: ends sessions and tokens at once',
        params: IdParams,
        body: RevokeExternalBody,
        response: { 200: ExternalAccount, ...errors },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await endExternalAccount(
          dbOf(request),
          auditContextOf(request),
          request.params.id,
          'revoked',
          request.body.reason.trim(),
          clock.now(),
          expectedVersion(request),
        ),
      ),
  )
  app.post(
    '/org/external-accounts/:id/reactivate',
    {
      config: { access: 'org.external.manage' },
      schema: {
        tags,
        summary: 'Reactivate (needs a contract of the firm running today)',
        params: IdParams,
        response: { 200: ExternalAccount, ...errors },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await reactivateExternalAccount(
          dbOf(request),
          auditContextOf(request),
          request.params.id,
          await today(request),
          expectedVersion(request),
        ),
      ),
  )

  // ── Access reviews ───────────────────────────────────────────────────────

  app.get(
    '/org/access-reviews',
    {
      config: { access: 'org.external.read' },
      schema: {
        tags,
        summary: 'Access reviews, newest first, with progress (overdue marked)',
        querystring: Type.Object({
          cursor: Type.Optional(Type.String({ maxLength: 500 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        }),
        response: { 200: AccessReviewPage, ...errors },
      },
    },
    async (request) => {
      const page = await listAccessReviews(
        dbOf(request),
        actorOf(request).companyId,
        { after: decodeCursor(request.query.cursor, isReviewCursor), limit: limitOf(request.query) },
        await today(request),
      )
      return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null }
    },
  )
  app.get(
    '/org/access-reviews/mine',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The external accounts you sponsor that are (or were) up for review',
        response: { 200: MyAccessReviews, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request)
      return myAccessReviewItems(dbOf(request), actor.companyId, actor.userId)
    },
  )
  app.get(
    '/org/access-reviews/:id',
    {
      config: { access: 'org.external.read' },
      schema: {
        tags,
        summary: 'One access review with every item',
        params: IdParams,
        response: { 200: AccessReviewDetail, ...errors },
      },
    },
    async (request) =>
      getAccessReview(dbOf(request), actorOf(request).companyId, request.params.id, await today(request)),
  )
  app.post(
    '/org/access-reviews',
    {
      config: { access: 'org.external.manage', idempotent: true },
      schema: {
        tags,
        summary: 'Start an access review now (one item per active external account; sponsors are e-mailed)',
        body: StartAccessReviewBody,
        response: { 201: AccessReview, ...errors },
      },
    },
    async (request, reply) => {
      const { entries: _entries, ...review } = await startAccessReview(
        dbOf(request),
        auditContextOf(request),
        request.body,
        await today(request),
        clock.now(),
        { publicUrl },
      )
      void reply.code(201)
      return review
    },
  )
  app.post(
    '/org/access-reviews/items/:id/decision',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Confirm or revoke an account you sponsor (org.external.manage may decide for the sponsor)',
        params: IdParams,
        body: AccessDecisionBody,
        response: { 200: AccessReviewItem, ...errors },
      },
    },
    async (request) =>
      decideAccessReviewItem(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        request.body,
        { mayDecideForOthers: reachOf(actorOf(request), 'org.external.manage') !== null },
        clock.now(),
      ),
  )
}
