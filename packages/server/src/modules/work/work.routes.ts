import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParams, Problem } from '@keel/contracts/common'
import {
  ArchivedQuery,
  AssignBody,
  Attachment,
  CommentBody,
  Conversation,
  History,
  Item,
  ItemIdParams,
  ItemListQuery,
  ItemPage,
  LinkBody,
  LinkParams,
  Queue,
  QueueBody,
  RequestType,
  RequestTypeBody,
  SubmitRequestBody,
  SubmittedItem,
  TimeEntryBody,
  TransitionBody,
  UpdateItemBody,
  WatcherParams,
} from '@keel/contracts/work'
import { type Clock, decodeCursor, encodeCursor, invalidField, notFound, pageSize } from '@keel/kernel'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { actorOf, auditContextOf, reachOf } from '../identity/index.ts'
import { assignItem } from './assign-item.ts'
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, readAttachment, uploadAttachment } from './attachments.ts'
import { commentOnItem } from './comment-on-item.ts'
import { getItemView, itemConversation, itemHistory, type UserNames } from './item-views.ts'
import { linkItems, unlinkItems } from './link-items.ts'
import { isItemCursor, listItems } from './list-items.ts'
import { logTime } from './log-time.ts'
import { createQueue, updateQueue } from './manage-queues.ts'
import { createRequestType, updateRequestType } from './manage-request-types.ts'
import { getQueue, listQueues } from './queues.ts'
import { getRequestType, listRequestTypes } from './request-types.ts'
import { submitRequest } from './submit-request.ts'
import { transitionItem } from './transition-item.ts'
import { updateItem } from './update-item.ts'
import { setWatching } from './watch-item.ts'
import { workViewerOf, type WorkViewer } from './work-viewer.ts'
import { workDb } from './work.tables.ts'
import { expectedVersion, setEtag } from '../../http/etag.ts'

export interface WorkRoutesOptions {
  readonly clock: Clock
  /** Display names of users of the company (requesters, authors, watchers). */
  readonly userNames: UserNames
}

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 412: Problem, 422: Problem }
const FileBytes = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' })

const dbOf = (request: FastifyRequest) => workDb(request.db)
// One viewer per request: a change and the item it answers with share it,
// instead of reading the caller's teams, departments and queues twice.
const viewers = new WeakMap<FastifyRequest, Promise<WorkViewer>>()
const viewerOf = (request: FastifyRequest): Promise<WorkViewer> => {
  const known = viewers.get(request)
  if (known) return known
  const viewer = newViewer(request)
  viewers.set(request, viewer)
  return viewer
}
const newViewer = (request: FastifyRequest) => {
  const actor = actorOf(request)
  return workViewerOf(
    dbOf(request),
    actor,
    { readReach: reachOf(actor, 'work.item.read'), workReach: reachOf(actor, 'work.item.work') },
    request.externalScope,
  )
}

/** HTTP adapter for work management: decode, build the viewer, call the use case, choose a status. */
export const workRoutes: FastifyPluginAsyncTypebox<WorkRoutesOptions> = async (app, { clock, userNames }) => {
  const itemReply = async (request: FastifyRequest, reply: FastifyReply, id: string) => {
    const item = await getItemView(dbOf(request), await viewerOf(request), id, userNames)
    setEtag(reply, item.version)
    return item
  }
  const nameOf = async (request: FastifyRequest, userId: string) =>
    (await userNames(actorOf(request).companyId, [userId])).get(userId) ?? 'someone'

  // ── Catalog ──────────────────────────────────────────────────────────────

  app.get(
    '/work/catalog',
    {
      config: { access: 'work.request.submit' },
      schema: {
        tags: ['work'],
        summary: 'The request catalog: what you can ask the back office for, by department',
        response: { 200: Type.Object({ items: Type.Array(RequestType) }), ...errors },
      },
    },
    async (request) => ({ items: await listRequestTypes(dbOf(request), actorOf(request).companyId) }),
  )
  app.get(
    '/work/request-types',
    {
      config: { access: 'work.catalog.manage' },
      schema: {
        tags: ['work'],
        summary: 'Request types, for the catalog administrator',
        querystring: ArchivedQuery,
        response: { 200: Type.Object({ items: Type.Array(RequestType) }), ...errors },
      },
    },
    async (request) => ({
      items: await listRequestTypes(dbOf(request), actorOf(request).companyId, {
        includeArchived: request.query.includeArchived ?? false,
      }),
    }),
  )
  app.get(
    '/work/request-types/:id',
    {
      config: { access: 'work.request.submit' },
      schema: {
        tags: ['work'],
        summary: 'One request type with its form',
        params: IdParams,
        response: { 200: RequestType, ...errors },
      },
    },
    async (request, reply) => {
      const type = await getRequestType(dbOf(request), actorOf(request).companyId, request.params.id)
      setEtag(reply, type.version)
      return type
    },
  )
  app.post(
    '/work/request-types',
    {
      config: { access: 'work.catalog.manage', idempotent: true },
      schema: {
        tags: ['work'],
        summary: 'Add a request type',
        body: RequestTypeBody,
        response: { 201: RequestType, ...errors },
      },
    },
    async (request, reply) => {
      const type = await createRequestType(dbOf(request), auditContextOf(request), request.body, clock.now())
      setEtag(reply, type.version)
      void reply.code(201)
      return type
    },
  )
  app.put(
    '/work/request-types/:id',
    {
      config: { access: 'work.catalog.manage' },
      schema: {
        tags: ['work'],
        summary: 'Change a request type: form, workflow, routing, archive',
        params: IdParams,
        body: RequestTypeBody,
        response: { 200: RequestType, ...errors },
      },
    },
    async (request, reply) => {
      const type = await updateRequestType(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        request.body,
        clock.now(),
        expectedVersion(request),
      )
      setEtag(reply, type.version)
      return type
    },
  )

  // ── Queues ───────────────────────────────────────────────────────────────

  app.get(
    '/work/queues',
    {
      config: { access: 'work.item.read' },
      schema: {
        tags: ['work'],
        summary: 'Queues with their members and open items',
        querystring: ArchivedQuery,
        response: { 200: Type.Object({ items: Type.Array(Queue) }), ...errors },
      },
    },
    async (request) => ({
      items: await listQueues(dbOf(request), actorOf(request).companyId, {
        includeArchived: request.query.includeArchived ?? false,
        // External staff see the queues their firm's contracts name, no other.
        ...(request.externalScope ? { ids: (await viewerOf(request)).workableQueueIds } : {}),
      }),
    }),
  )
  app.get(
    '/work/queues/:id',
    {
      config: { access: 'work.item.read' },
      schema: { tags: ['work'], summary: 'One queue', params: IdParams, response: { 200: Queue, ...errors } },
    },
    async (request, reply) => {
      if (request.externalScope && !(await viewerOf(request)).workableQueueIds.includes(request.params.id))
        throw notFound('work.queue_not_found', 'No such queue.')
      const queue = await getQueue(dbOf(request), actorOf(request).companyId, request.params.id)
      setEtag(reply, queue.version)
      return queue
    },
  )
  app.post(
    '/work/queues',
    {
      config: { access: 'work.queue.manage', idempotent: true },
      schema: { tags: ['work'], summary: 'Add a queue', body: QueueBody, response: { 201: Queue, ...errors } },
    },
    async (request, reply) => {
      const queue = await createQueue(dbOf(request), auditContextOf(request), request.body, clock.now())
      setEtag(reply, queue.version)
      void reply.code(201)
      return queue
    },
  )
  app.put(
    '/work/queues/:id',
    {
      config: { access: 'work.queue.manage' },
      schema: {
        tags: ['work'],
        summary: 'Change a queue: members, assignment strategy, archive',
        params: IdParams,
        body: QueueBody,
        response: { 200: Queue, ...errors },
      },
    },
    async (request, reply) => {
      const queue = await updateQueue(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        request.body,
        clock.now(),
        expectedVersion(request),
      )
      setEtag(reply, queue.version)
      return queue
    },
  )

  // ── Attachments ──────────────────────────────────────────────────────────

  app.addContentTypeParser(
    [...ATTACHMENT_TYPES],
    { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES },
    (_request, body, done) => {
      done(null, body)
    },
  )
  app.post(
    '/work/attachments',
    {
      config: { access: 'work.request.submit', idempotent: true },
      schema: {
        tags: ['work'],
        summary: 'Upload a file for an intake form (the file itself as the body, ≤ 10 MB)',
        consumes: [...ATTACHMENT_TYPES],
        querystring: Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 255 }) }),
        response: { 201: Attachment, ...errors },
      },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body))
        throw invalidField('work.unsupported_file_type', '/body', 'Send the file itself with its Content-Type.')
      const file = await uploadAttachment(
        dbOf(request),
        auditContextOf(request),
        {
          fileName: request.query.fileName,
          contentType: (request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '',
          content: request.body,
        },
        clock.now(),
      )
      void reply.code(201)
      return file
    },
  )
  app.get(
    '/work/attachments/:id',
    {
      config: { access: 'work.item.read' },
      schema: {
        tags: ['work'],
        summary: 'Download an attached file',
        params: IdParams,
        response: { 200: FileBytes, 404: Problem },
      },
    },
    async (request, reply) => {
      const file = await readAttachment(dbOf(request), await viewerOf(request), request.params.id)
      return reply
        .code(200)
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${encodeURIComponent(file.fileName)}"`)
        .header('cache-control', 'private, no-cache')
        .send(file.content)
    },
  )

  // ── Items ────────────────────────────────────────────────────────────────

  app.post(
    '/work/items',
    {
      config: { access: 'work.request.submit', idempotent: true },
      schema: {
        tags: ['work'],
        summary: 'Submit a request from the catalog (routed, numbered and assigned at once)',
        body: SubmitRequestBody,
        response: { 201: SubmittedItem, ...errors },
      },
    },
    async (request, reply) => {
      const submitted = await submitRequest(dbOf(request), auditContextOf(request), request.body, clock.now())
      void reply.code(201)
      return submitted
    },
  )
  app.get(
    '/work/items',
    {
      config: { access: 'work.item.read' },
      schema: {
        tags: ['work'],
        summary: 'Items you may see: your requests, your queues, within your reach',
        querystring: ItemListQuery,
        response: { 200: ItemPage, ...errors },
      },
    },
    async (request) => {
      const { query } = request
      const viewer = await viewerOf(request)
      const sort = query.sort ?? 'newest'
      const page = await listItems(
        dbOf(request),
        viewer,
        {
          queueId: query.queueId,
          status: query.status,
          state: query.state,
          assigneeEmployeeId: query.assigneeEmployeeId,
          unassigned: query.unassigned,
          requesterUserId: query.requester === 'me' ? viewer.userId : query.requester,
          typeId: query.typeId,
          priority: query.priority,
          tag: query.tag?.toLowerCase(),
          text: query.q,
        },
        sort,
        { after: decodeCursor(query.cursor, isItemCursor), limit: pageSize(query.limit) },
        userNames,
      )
      return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null }
    },
  )
  app.get(
    '/work/items/:id',
    {
      config: { access: 'work.item.read' },
      schema: { tags: ['work'], summary: 'One item', params: ItemIdParams, response: { 200: Item, ...errors } },
    },
    async (request, reply) => itemReply(request, reply, request.params.id),
  )
  app.get(
    '/work/items/:id/history',
    {
      config: { access: 'work.item.read' },
      schema: {
        tags: ['work'],
        summary: "The item's history, oldest first",
        params: ItemIdParams,
        response: { 200: History, ...errors },
      },
    },
    async (request) => ({
      items: await itemHistory(dbOf(request), await viewerOf(request), request.params.id, userNames),
    }),
  )
  app.get(
    '/work/items/:id/conversation',
    {
      config: { access: 'work.item.read' },
      schema: {
        tags: ['work'],
        summary: 'Public replies, and internal notes for those who work the item',
        params: ItemIdParams,
        response: { 200: Conversation, ...errors },
      },
    },
    async (request) => ({
      items: await itemConversation(dbOf(request), await viewerOf(request), request.params.id, userNames),
    }),
  )
  app.post(
    '/work/items/:id/transitions',
    {
      config: { access: 'work.item.read', idempotent: true },
      schema: {
        tags: ['work'],
        summary: "Move the item along its type's workflow",
        params: ItemIdParams,
        body: TransitionBody,
        response: { 200: Item, ...errors },
      },
    },
    async (request, reply) => {
      const viewer = await viewerOf(request)
      const { id } = request.params
      await transitionItem(
        dbOf(request),
        auditContextOf(request),
        viewer,
        id,
        request.body,
        clock.now(),
        expectedVersion(request),
      )
      return itemReply(request, reply, id)
    },
  )
  app.post(
    '/work/items/:id/assignment',
    {
      config: { access: 'work.item.work', idempotent: true },
      schema: {
        tags: ['work'],
        summary: "Assign to a queue member, to nobody, or automatically by the queue's strategy",
        params: ItemIdParams,
        body: AssignBody,
        response: { 200: Item, ...errors },
      },
    },
    async (request, reply) => {
      const context = auditContextOf(request)
      const { id } = request.params
      await assignItem(
        dbOf(request),
        context,
        await viewerOf(request),
        id,
        request.body,
        clock.now(),
        await nameOf(request, context.actorId),
        expectedVersion(request),
      )
      return itemReply(request, reply, id)
    },
  )
  app.patch(
    '/work/items/:id',
    {
      config: { access: 'work.item.work' },
      schema: {
        tags: ['work'],
        summary: 'Triage: title, priority, due date, tags, queue',
        params: ItemIdParams,
        body: UpdateItemBody,
        response: { 200: Item, ...errors },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      await updateItem(
        dbOf(request),
        auditContextOf(request),
        await viewerOf(request),
        id,
        request.body,
        clock.now(),
        expectedVersion(request),
      )
      return itemReply(request, reply, id)
    },
  )
  app.post(
    '/work/items/:id/comments',
    {
      config: { access: 'work.item.read', idempotent: true },
      schema: {
        tags: ['work'],
        summary: 'Reply publicly, or add an internal note (workers only)',
        params: ItemIdParams,
        body: CommentBody,
        response: { 201: Conversation, ...errors },
      },
    },
    async (request, reply) => {
      const viewer = await viewerOf(request)
      const { id } = request.params
      await commentOnItem(dbOf(request), auditContextOf(request), viewer, id, request.body, clock.now())
      void reply.code(201)
      return { items: await itemConversation(dbOf(request), viewer, id, userNames) }
    },
  )
  app.post(
    '/work/items/:id/time-entries',
    {
      config: { access: 'work.item.work', idempotent: true },
      schema: {
        tags: ['work'],
        summary: 'Log time spent on the item',
        params: ItemIdParams,
        body: TimeEntryBody,
        response: { 200: Item, ...errors },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      await logTime(dbOf(request), auditContextOf(request), await viewerOf(request), id, request.body, clock.now())
      return itemReply(request, reply, id)
    },
  )
  app.put(
    '/work/items/:id/watchers/:userId',
    {
      config: { access: 'work.item.read' },
      schema: {
        tags: ['work'],
        summary: 'Watch the item (yourself, or anyone if you work it)',
        params: WatcherParams,
        response: { 200: Item, ...errors },
      },
    },
    async (request, reply) => {
      const { id, userId } = request.params
      const viewer = await viewerOf(request)
      const name = await nameOf(request, userId)
      await setWatching(dbOf(request), auditContextOf(request), viewer, id, userId, true, clock.now(), name)
      return itemReply(request, reply, id)
    },
  )
  app.delete(
    '/work/items/:id/watchers/:userId',
    {
      config: { access: 'work.item.read' },
      schema: {
        tags: ['work'],
        summary: 'Stop watching (yourself, or anyone if you work it)',
        params: WatcherParams,
        response: { 200: Item, ...errors },
      },
    },
    async (request, reply) => {
      const { id, userId } = request.params
      const viewer = await viewerOf(request)
      const name = await nameOf(request, userId)
      await setWatching(dbOf(request), auditContextOf(request), viewer, id, userId, false, clock.now(), name)
      return itemReply(request, reply, id)
    },
  )
  app.post(
    '/work/items/:id/links',
    {
      config: { access: 'work.item.work' },
      schema: {
        tags: ['work'],
        summary: 'Relate the item to another, or make another its parent',
        params: ItemIdParams,
        body: LinkBody,
        response: { 200: Item, ...errors },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      await linkItems(dbOf(request), auditContextOf(request), await viewerOf(request), id, request.body, clock.now())
      return itemReply(request, reply, id)
    },
  )
  app.delete(
    '/work/items/:id/links/:otherItemId',
    {
      config: { access: 'work.item.work' },
      schema: {
        tags: ['work'],
        summary: 'Remove a link or the parent',
        params: LinkParams,
        response: { 200: Item, ...errors },
      },
    },
    async (request, reply) => {
      const { id, otherItemId } = request.params
      await unlinkItems(dbOf(request), auditContextOf(request), await viewerOf(request), id, otherItemId, clock.now())
      return itemReply(request, reply, id)
    },
  )
}
