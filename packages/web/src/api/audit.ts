import { useInfiniteQuery, useMutation } from '@tanstack/react-query'
import { api } from './client.ts'
import type { AuditEventPage, AuditVerifyReply } from './types.ts'

export interface AuditFilters {
  action?: string
  entityType?: string
  entityId?: string
  actorId?: string
  from?: string
  to?: string
}

export function useAuditEvents(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit', 'events', filters],
    queryFn: ({ pageParam, signal }) =>
      api<AuditEventPage>('/audit/events', { query: { limit: 50, cursor: pageParam, ...filters }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
}

export function useVerifyAuditChain() {
  return useMutation({ mutationFn: () => api<AuditVerifyReply>('/audit/verify', { method: 'POST' }) })
}
