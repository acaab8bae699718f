import type {
  Announcement,
  AnnouncementBody,
  AnnouncementPage,
  AnnouncementStatus,
  Compliance,
  ComplianceQuery,
  Feed,
  Policy,
  PolicyBody,
  PolicySummary,
  PolicyVersion,
  PolicyVersionBody,
  Receipt,
  UpdatePolicyBody,
} from '@keel/contracts/intranet'
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, cursor, http, newIdempotencyKey } from './client.ts'

export type {
  Announcement,
  AnnouncementBody,
  AnnouncementStatus,
  AnnouncementSummary,
  AudienceTarget,
  AudienceTargetBody,
  Compliance,
  ComplianceRow,
  Feed,
  Policy,
  PolicyAwaiting,
  PolicySummary,
  PolicyVersion,
} from '@keel/contracts/intranet'

/** Everything of the intranet is cached under this key: acknowledging refreshes the feed, lists and compliance. */
const intranetKey = ['intranet'] as const

function useInvalidateIntranet() {
  const client = useQueryClient()
  return () => client.invalidateQueries({ queryKey: intranetKey })
}

/** The home feed: pinned and new announcements, policies waiting for my acknowledgement, badge counts. */
export function useFeed(enabled = true) {
  return useInfiniteQuery({
    queryKey: [...intranetKey, 'feed'],
    queryFn: ({ pageParam, signal }) =>
      api<Feed>(http.GET('/api/v1/intranet/feed', { params: { query: { limit: 20, ...cursor(pageParam) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  })
}

/** The managers' list of every announcement, newest first, optionally of one status. */
export function useAnnouncements(status: AnnouncementStatus | undefined) {
  return useInfiniteQuery({
    queryKey: [...intranetKey, 'announcements', status ?? 'all'],
    queryFn: ({ pageParam, signal }) =>
      api<AnnouncementPage>(
        http.GET('/api/v1/intranet/announcements', {
          params: { query: { limit: 50, ...cursor(pageParam), ...(status ? { status } : {}) } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
}

export function useAnnouncement(id: string) {
  return useQuery({
    queryKey: [...intranetKey, 'announcement', id],
    queryFn: ({ signal }) =>
      api<Announcement>(http.GET('/api/v1/intranet/announcements/{id}', { params: { path: { id } }, signal })),
    retry: false,
  })
}

export function useSaveAnnouncement() {
  const invalidate = useInvalidateIntranet()
  return useMutation({
    mutationFn: (input: { id?: string; version?: number; body: AnnouncementBody }) =>
      input.id === undefined
        ? api<Announcement>(
            http.POST('/api/v1/intranet/announcements', {
              body: input.body,
              headers: { 'Idempotency-Key': newIdempotencyKey() },
            }),
          )
        : api<Announcement>(
            http.PUT('/api/v1/intranet/announcements/{id}', {
              params: { path: { id: input.id } },
              body: input.body,
              headers: { 'If-Match': `"${String(input.version ?? 0)}"` },
            }),
          ),
    onSuccess: invalidate,
  })
}

export function useWithdrawAnnouncement() {
  const invalidate = useInvalidateIntranet()
  return useMutation({
    mutationFn: (announcement: { id: string; version: number }) =>
      api<Announcement>(
        http.POST('/api/v1/intranet/announcements/{id}/withdraw', {
          params: { path: { id: announcement.id } },
          headers: { 'If-Match': `"${String(announcement.version)}"` },
        }),
      ),
    onSuccess: invalidate,
  })
}

/** Records that I opened an announcement (the server keeps the first time). */
export function useMarkRead() {
  const invalidate = useInvalidateIntranet()
  return useMutation({
    mutationFn: (id: string) =>
      api<Receipt>(http.POST('/api/v1/intranet/announcements/{id}/read', { params: { path: { id } } })),
    onSuccess: invalidate,
  })
}

export function useAcknowledgeAnnouncement() {
  const invalidate = useInvalidateIntranet()
  return useMutation({
    mutationFn: (id: string) =>
      api<Receipt>(http.POST('/api/v1/intranet/announcements/{id}/acknowledge', { params: { path: { id } } })),
    onSuccess: invalidate,
  })
}

export type ComplianceFilters = Pick<ComplianceQuery, 'status' | 'departmentId' | 'teamId' | 'q'>

const complianceQuery = (filters: ComplianceFilters, pageParam: string | undefined) => ({
  limit: 50,
  ...cursor(pageParam),
  ...Object.fromEntries(Object.entries(filters).filter(([, v]) => Boolean(v))),
})

/** Who of an item's audience (within my reach) has acknowledged it; `item` names an announcement or a policy version. */
export function useCompliance(
  item: { kind: 'announcement'; id: string } | { kind: 'policy'; id: string; versionId: string },
  filters: ComplianceFilters,
  enabled = true,
) {
  return useInfiniteQuery({
    queryKey: [...intranetKey, 'compliance', item, filters],
    queryFn: ({ pageParam, signal }) =>
      item.kind === 'announcement'
        ? api<Compliance>(
            http.GET('/api/v1/intranet/announcements/{id}/compliance', {
              params: { path: { id: item.id }, query: complianceQuery(filters, pageParam) },
              signal,
            }),
          )
        : api<Compliance>(
            http.GET('/api/v1/intranet/policies/{id}/versions/{versionId}/compliance', {
              params: { path: { id: item.id, versionId: item.versionId }, query: complianceQuery(filters, pageParam) },
              signal,
            }),
          ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
    retry: false,
  })
}

export function usePolicies() {
  return useQuery({
    queryKey: [...intranetKey, 'policies'],
    queryFn: ({ signal }) => api<{ items: PolicySummary[] }>(http.GET('/api/v1/intranet/policies', { signal })),
    select: (d) => d.items,
  })
}

export function usePolicy(id: string) {
  return useQuery({
    queryKey: [...intranetKey, 'policy', id],
    queryFn: ({ signal }) =>
      api<Policy>(http.GET('/api/v1/intranet/policies/{id}', { params: { path: { id } }, signal })),
    retry: false,
  })
}

export function usePolicyVersion(policyId: string, versionId: string | null) {
  return useQuery({
    queryKey: [...intranetKey, 'policy', policyId, 'version', versionId],
    queryFn: ({ signal }) =>
      api<PolicyVersion>(
        http.GET('/api/v1/intranet/policies/{id}/versions/{versionId}', {
          params: { path: { id: policyId, versionId: versionId ?? '' } },
          signal,
        }),
      ),
    enabled: versionId !== null,
  })
}

export function useCreatePolicy() {
  const invalidate = useInvalidateIntranet()
  return useMutation({
    mutationFn: (body: PolicyBody) =>
      api<Policy>(
        http.POST('/api/v1/intranet/policies', { body, headers: { 'Idempotency-Key': newIdempotencyKey() } }),
      ),
    onSuccess: invalidate,
  })
}

export function useUpdatePolicy() {
  const invalidate = useInvalidateIntranet()
  return useMutation({
    mutationFn: (input: { id: string; version: number; body: UpdatePolicyBody }) =>
      api<Policy>(
        http.PUT('/api/v1/intranet/policies/{id}', {
          params: { path: { id: input.id } },
          body: input.body,
          headers: { 'If-Match': `"${String(input.version)}"` },
        }),
      ),
    onSuccess: invalidate,
  })
}

export function usePublishPolicyVersion() {
  const invalidate = useInvalidateIntranet()
  return useMutation({
    mutationFn: (input: { id: string; version: number; body: PolicyVersionBody }) =>
      api<Policy>(
        http.POST('/api/v1/intranet/policies/{id}/versions', {
          params: { path: { id: input.id } },
          body: input.body,
          headers: { 'If-Match': `"${String(input.version)}"`, 'Idempotency-Key': newIdempotencyKey() },
        }),
      ),
    onSuccess: invalidate,
  })
}

export function useAcknowledgePolicy() {
  const invalidate = useInvalidateIntranet()
  return useMutation({
    mutationFn: (input: { policyId: string; versionId: string }) =>
      api<Policy>(
        http.POST('/api/v1/intranet/policies/{id}/acknowledge', {
          params: { path: { id: input.policyId } },
          body: { versionId: input.versionId },
        }),
      ),
    onSuccess: invalidate,
  })
}

/** When reminders to acknowledge go out (after how many days, and how often again). */
export function useReminderSettings(enabled = true) {
  return useQuery({
    queryKey: [...intranetKey, 'reminder-settings'],
    queryFn: ({ signal }) =>
      api<{ afterDays: number; intervalDays: number }>(http.GET('/api/v1/intranet/reminders/settings', { signal })),
    staleTime: Infinity,
    enabled,
  })
}
