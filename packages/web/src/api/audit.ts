import { useInfiniteQuery, useMutation } from '@tanstack/react-query'
import { api, cursor, http } from './client.ts'
import type { AuditEventPage, AuditVerifyReply } from './types.ts'

export interface AuditFilters {
  action?: string
  entityType?: string
  entityId?: string
  actorId?: string
  from?: string
  to?: string
}

/** Filters without empty values: the API treats a present but empty filter as a filter. */
const nonEmpty = (filters: AuditFilters) =>
  Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '')) as AuditFilters

export function useAuditEvents(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit', 'events', filters],
    queryFn: ({ pageParam, signal }) =>
      api<AuditEventPage>(
        http.GET('/api/v1/audit/events', {
          params: { query: { limit: 50, ...cursor(pageParam), ...nonEmpty(filters) } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
}

export function useVerifyAuditChain() {
  return useMutation({ mutationFn: () => api<AuditVerifyReply>(http.POST('/api/v1/audit/verify')) })
}
