import type {
  AssignBody,
  Conversation,
  History,
  Item,
  ItemListEntry,
  ItemListQuery,
  Queue,
  QueueBody,
  RequestType,
  RequestTypeBody,
  SubmitRequestBody,
  UpdateItemBody,
} from '@keel/contracts/work'
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, cursor, http, newIdempotencyKey, rawBody } from './client.ts'

export type {
  AssignmentStrategy,
  Conversation,
  FieldDefinition,
  FieldKind,
  History,
  Item,
  ItemListEntry,
  Priority,
  Queue,
  QueueBody,
  RequestType,
  RequestTypeBody,
  RoutingRule,
  Workflow,
} from '@keel/contracts/work'

/** Everything of work management is cached under this key: a change to an item refreshes lists and the item. */
const workKey = ['work'] as const

function useInvalidateWork() {
  const client = useQueryClient()
  return () => client.invalidateQueries({ queryKey: workKey })
}

/** The request catalog: the types the signed-in person may ask for, by department. */
export function useCatalog() {
  return useQuery({
    queryKey: [...workKey, 'catalog'],
    queryFn: ({ signal }) => api<{ items: RequestType[] }>(http.GET('/api/v1/work/catalog', { signal })),
    select: (d) => d.items,
  })
}

export function useRequestType(id: string) {
  return useQuery({
    queryKey: [...workKey, 'request-type', id],
    queryFn: ({ signal }) =>
      api<RequestType>(http.GET('/api/v1/work/request-types/{id}', { params: { path: { id } }, signal })),
  })
}

/** Every request type, archived ones too, for the catalog administrator. */
export function useRequestTypes(enabled = true) {
  return useQuery({
    queryKey: [...workKey, 'request-types'],
    queryFn: ({ signal }) =>
      api<{ items: RequestType[] }>(
        http.GET('/api/v1/work/request-types', { params: { query: { includeArchived: true } }, signal }),
      ),
    select: (d) => d.items,
    enabled,
  })
}

export function useSaveRequestType() {
  const invalidate = useInvalidateWork()
  return useMutation({
    mutationFn: (input: { id?: string; version?: number; body: RequestTypeBody }) =>
      input.id === undefined
        ? api<RequestType>(
            http.POST('/api/v1/work/request-types', {
              body: input.body,
              headers: { 'Idempotency-Key': newIdempotencyKey() },
            }),
          )
        : api<RequestType>(
            http.PUT('/api/v1/work/request-types/{id}', {
              params: { path: { id: input.id } },
              body: input.body,
              headers: { 'If-Match': `"${String(input.version)}"` },
            }),
          ),
    onSuccess: invalidate,
  })
}

export function useQueues(options: { includeArchived?: boolean } = {}) {
  return useQuery({
    queryKey: [...workKey, 'queues', options],
    queryFn: ({ signal }) =>
      api<{ items: Queue[] }>(
        http.GET('/api/v1/work/queues', {
          params: { query: options.includeArchived ? { includeArchived: true } : {} },
          signal,
        }),
      ),
    select: (d) => d.items,
  })
}

export function useSaveQueue() {
  const invalidate = useInvalidateWork()
  return useMutation({
    mutationFn: (input: { id?: string; version?: number; body: QueueBody }) =>
      input.id === undefined
        ? api<Queue>(
            http.POST('/api/v1/work/queues', { body: input.body, headers: { 'Idempotency-Key': newIdempotencyKey() } }),
          )
        : api<Queue>(
            http.PUT('/api/v1/work/queues/{id}', {
              params: { path: { id: input.id } },
              body: input.body,
              headers: { 'If-Match': `"${String(input.version)}"` },
            }),
          ),
    onSuccess: invalidate,
  })
}

export type ItemFilters = Omit<ItemListQuery, 'cursor' | 'limit'>

/** A keyset-paginated list of items the server lets the caller see, filtered and sorted on the server. */
export function useItems(filters: ItemFilters, pageSize = 50) {
  return useInfiniteQuery({
    queryKey: [...workKey, 'items', filters, pageSize],
    queryFn: ({ pageParam, signal }) =>
      api<{ items: ItemListEntry[]; nextCursor: string | null }>(
        http.GET('/api/v1/work/items', {
          params: { query: { ...filters, limit: pageSize, ...cursor(pageParam) } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  })
}

export function useItem(id: string) {
  return useQuery({
    queryKey: [...workKey, 'item', id],
    queryFn: ({ signal }) => api<Item>(http.GET('/api/v1/work/items/{id}', { params: { path: { id } }, signal })),
  })
}

export function useItemHistory(id: string) {
  return useQuery({
    queryKey: [...workKey, 'item', id, 'history'],
    queryFn: ({ signal }) =>
      api<History>(http.GET('/api/v1/work/items/{id}/history', { params: { path: { id } }, signal })),
    select: (d) => d.items,
  })
}

export function useConversation(id: string) {
  return useQuery({
    queryKey: [...workKey, 'item', id, 'conversation'],
    queryFn: ({ signal }) =>
      api<Conversation>(http.GET('/api/v1/work/items/{id}/conversation', { params: { path: { id } }, signal })),
    select: (d) => d.items,
  })
}

export function useUploadAttachment() {
  return useMutation({
    mutationFn: (file: File) =>
      api<{ id: string; fileName: string; sizeBytes: number }>(
        http.POST('/api/v1/work/attachments', {
          params: { query: { fileName: file.name } },
          ...rawBody(file),
        }),
      ),
  })
}

export function useSubmitRequest() {
  const invalidate = useInvalidateWork()
  return useMutation({
    mutationFn: (body: SubmitRequestBody) =>
      api<{ id: string; number: string }>(
        http.POST('/api/v1/work/items', { body, headers: { 'Idempotency-Key': newIdempotencyKey() } }),
      ),
    onSuccess: invalidate,
  })
}

/** The commands of the item page; each answers the item as it now is. */
export function useItemCommands(item: { id: string; version: number }) {
  const invalidate = useInvalidateWork()
  const path = { params: { path: { id: item.id } } }
  const ifMatch = { 'If-Match': `"${String(item.version)}"` }
  const once = { 'Idempotency-Key': newIdempotencyKey() }
  const mutation = <T>(fn: (input: T) => Promise<unknown>) => useMutation({ mutationFn: fn, onSuccess: invalidate })
  return {
    transition: mutation((status: string) =>
      api(
        http.POST('/api/v1/work/items/{id}/transitions', {
          ...path,
          body: { status },
          headers: { ...ifMatch, ...once },
        }),
      ),
    ),
    assign: mutation((body: AssignBody) =>
      api(http.POST('/api/v1/work/items/{id}/assignment', { ...path, body, headers: { ...ifMatch, ...once } })),
    ),
    update: mutation((body: UpdateItemBody) =>
      api(http.PATCH('/api/v1/work/items/{id}', { ...path, body, headers: ifMatch })),
    ),
    comment: mutation((body: { body: string; visibility: 'public' | 'internal' }) =>
      api(http.POST('/api/v1/work/items/{id}/comments', { ...path, body, headers: once })),
    ),
    logTime: mutation((body: { minutes: number; workDate: string; note?: string }) =>
      api(http.POST('/api/v1/work/items/{id}/time-entries', { ...path, body, headers: once })),
    ),
    watch: mutation((input: { userId: string; watching: boolean }) => {
      const params = { params: { path: { id: item.id, userId: input.userId } } }
      return input.watching
        ? api(http.PUT('/api/v1/work/items/{id}/watchers/{userId}', params))
        : api(http.DELETE('/api/v1/work/items/{id}/watchers/{userId}', params))
    }),
    link: mutation((body: { otherItemId: string; kind: 'related' | 'parent' }) =>
      api(http.POST('/api/v1/work/items/{id}/links', { ...path, body })),
    ),
    unlink: mutation((otherItemId: string) =>
      api(
        http.DELETE('/api/v1/work/items/{id}/links/{otherItemId}', {
          params: { path: { id: item.id, otherItemId } },
        }),
      ),
    ),
  }
}
