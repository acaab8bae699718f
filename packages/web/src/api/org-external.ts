import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Static } from 'typebox'
import type {
  AccessDecisionBody as AccessDecisionBodySchema,
  AccessReview as AccessReviewSchema,
  AccessReviewDetail as AccessReviewDetailSchema,
  AccessReviewItem as AccessReviewItemSchema,
  ContractRef as ContractRefSchema,
  ExternalAccount as ExternalAccountSchema,
  ExternalFirm as ExternalFirmSchema,
  ExternalFirmBody as ExternalFirmBodySchema,
  FirmContract as FirmContractSchema,
  FirmContractBody as FirmContractBodySchema,
  InviteExternalBody as InviteExternalBodySchema,
  MyAccessReviews as MyAccessReviewsSchema,
} from '@keel/contracts/org-external'
import { api, http, newIdempotencyKey } from './client.ts'
import { orgKey } from './org-structure.ts'

export type ExternalFirm = Static<typeof ExternalFirmSchema>
export type ExternalFirmBody = Static<typeof ExternalFirmBodySchema>
export type FirmContract = Static<typeof FirmContractSchema>
export type ContractRef = Static<typeof ContractRefSchema>
export type FirmContractBody = Static<typeof FirmContractBodySchema>
export type ExternalAccount = Static<typeof ExternalAccountSchema>
export type InviteExternalBody = Static<typeof InviteExternalBodySchema>
export type AccessReview = Static<typeof AccessReviewSchema>
export type AccessReviewDetail = Static<typeof AccessReviewDetailSchema>
export type AccessReviewItem = Static<typeof AccessReviewItemSchema>
export type AccessDecisionBody = Static<typeof AccessDecisionBodySchema>
export type MyAccessReviews = Static<typeof MyAccessReviewsSchema>

const externalKey = [...orgKey, 'external'] as const
/** Most companies work with a handful of firms: one page of up to 200 is the whole list. */
const ALL = 200

function useInvalidateExternal() {
  const client = useQueryClient()
  return () => client.invalidateQueries({ queryKey: externalKey })
}

export function useExternalFirms(includeArchived: boolean, enabled = true) {
  return useQuery({
    queryKey: [...externalKey, 'firms', includeArchived],
    queryFn: ({ signal }) =>
      api<{ items: ExternalFirm[] }>(
        http.GET('/api/v1/org/external-firms', { params: { query: { includeArchived, limit: ALL } }, signal }),
      ),
    select: (d) => d.items,
    enabled,
  })
}

export function useSaveExternalFirm() {
  const invalidate = useInvalidateExternal()
  return useMutation({
    mutationFn: (input: { id?: string; version?: number; body: ExternalFirmBody }) =>
      input.id === undefined
        ? api<ExternalFirm>(
            http.POST('/api/v1/org/external-firms', {
              body: input.body,
              headers: { 'Idempotency-Key': newIdempotencyKey() },
            }),
          )
        : api<ExternalFirm>(
            http.PUT('/api/v1/org/external-firms/{id}', {
              params: { path: { id: input.id } },
              body: input.body,
              headers: { 'If-Match': `"${String(input.version)}"` },
            }),
          ),
    onSuccess: invalidate,
  })
}

/** Every firm's contracts, to name the ones that work a queue. */
export function useContractRefs(enabled = true) {
  return useQuery({
    queryKey: [...externalKey, 'contract-refs'],
    queryFn: ({ signal }) => api<{ items: ContractRef[] }>(http.GET('/api/v1/org/firm-contracts', { signal })),
    select: (d) => d.items,
    enabled,
  })
}

export function useFirmContracts(firmId: string) {
  return useQuery({
    queryKey: [...externalKey, 'contracts', firmId],
    queryFn: ({ signal }) =>
      api<{ items: FirmContract[] }>(
        http.GET('/api/v1/org/external-firms/{id}/contracts', { params: { path: { id: firmId } }, signal }),
      ),
    select: (d) => d.items,
  })
}

export function useSaveFirmContract(firmId: string) {
  const invalidate = useInvalidateExternal()
  return useMutation({
    mutationFn: (input: { id?: string; version?: number; body: FirmContractBody }) =>
      input.id === undefined
        ? api<FirmContract>(
            http.POST('/api/v1/org/external-firms/{id}/contracts', {
              params: { path: { id: firmId } },
              body: input.body,
              headers: { 'Idempotency-Key': newIdempotencyKey() },
            }),
          )
        : api<FirmContract>(
            http.PUT('/api/v1/org/external-firms/{id}/contracts/{contractId}', {
              params: { path: { id: firmId, contractId: input.id } },
              body: input.body,
              headers: { 'If-Match': `"${String(input.version)}"` },
            }),
          ),
    onSuccess: invalidate,
  })
}

export function useExternalAccounts(filter: { firmId?: string }) {
  return useQuery({
    queryKey: [...externalKey, 'accounts', filter],
    queryFn: ({ signal }) =>
      api<{ items: ExternalAccount[] }>(
        http.GET('/api/v1/org/external-accounts', { params: { query: { ...filter, limit: ALL } }, signal }),
      ),
    select: (d) => d.items,
  })
}

export function useInviteExternal() {
  const invalidate = useInvalidateExternal()
  return useMutation({
    mutationFn: (body: InviteExternalBody) =>
      api<ExternalAccount>(
        http.POST('/api/v1/org/external-accounts', { body, headers: { 'Idempotency-Key': newIdempotencyKey() } }),
      ),
    onSuccess: invalidate,
  })
}

export function useChangeSponsor() {
  const invalidate = useInvalidateExternal()
  return useMutation({
    mutationFn: (input: { account: ExternalAccount; sponsorEmployeeId: string }) =>
      api<ExternalAccount>(
        http.PUT('/api/v1/org/external-accounts/{id}', {
          params: { path: { id: input.account.id } },
          body: { sponsorEmployeeId: input.sponsorEmployeeId },
          headers: { 'If-Match': `"${String(input.account.version)}"` },
        }),
      ),
    onSuccess: invalidate,
  })
}

/** Revoke (with a reason) ends the account's sessions at once; reactivate needs a running contract. */
export function useSetExternalAccess() {
  const invalidate = useInvalidateExternal()
  return useMutation({
    mutationFn: (input: { account: ExternalAccount; revokeReason: string | null }) =>
      input.revokeReason === null
        ? api<ExternalAccount>(
            http.POST('/api/v1/org/external-accounts/{id}/reactivate', {
              params: { path: { id: input.account.id } },
              headers: { 'If-Match': `"${String(input.account.version)}"` },
            }),
          )
        : api<ExternalAccount>(
            http.POST('/api/v1/org/external-accounts/{id}/revoke', {
              params: { path: { id: input.account.id } },
              body: { reason: input.revokeReason },
              headers: { 'If-Match': `"${String(input.account.version)}"` },
            }),
          ),
    onSuccess: invalidate,
  })
}

export function useAccessReviews(enabled = true) {
  return useQuery({
    queryKey: [...externalKey, 'reviews'],
    queryFn: ({ signal }) =>
      api<{ items: AccessReview[] }>(
        http.GET('/api/v1/org/access-reviews', { params: { query: { limit: 20 } }, signal }),
      ),
    select: (d) => d.items,
    enabled,
  })
}

export function useAccessReview(id: string | null) {
  return useQuery({
    queryKey: [...externalKey, 'reviews', id],
    queryFn: ({ signal }) =>
      api<AccessReviewDetail>(
        http.GET('/api/v1/org/access-reviews/{id}', { params: { path: { id: id ?? '' } }, signal }),
      ),
    enabled: id !== null,
  })
}

export function useStartAccessReview() {
  const invalidate = useInvalidateExternal()
  return useMutation({
    mutationFn: (body: { dueDate?: string }) =>
      api<AccessReview>(
        http.POST('/api/v1/org/access-reviews', { body, headers: { 'Idempotency-Key': newIdempotencyKey() } }),
      ),
    onSuccess: invalidate,
  })
}

/** The accounts the signed-in user sponsors that are up for review (any user may ask; most have none). */
export function useMyAccessReviews(enabled = true) {
  return useQuery({
    queryKey: [...externalKey, 'mine'],
    queryFn: ({ signal }) => api<MyAccessReviews>(http.GET('/api/v1/org/access-reviews/mine', { signal })),
    enabled,
    staleTime: 60_000,
  })
}

export function useDecideAccessReviewItem() {
  const invalidate = useInvalidateExternal()
  return useMutation({
    mutationFn: (input: { itemId: string; body: AccessDecisionBody }) =>
      api<AccessReviewItem>(
        http.POST('/api/v1/org/access-reviews/items/{id}/decision', {
          params: { path: { id: input.itemId } },
          body: input.body,
        }),
      ),
    onSuccess: invalidate,
  })
}
