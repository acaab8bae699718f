import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, apiRequest, newIdempotencyKey } from './client.ts'
import type { InviteUserBody, InvitedUser, User, UserPage, UserStatus } from './types.ts'

export interface UserFilters {
  q?: string
  status?: UserStatus
}

const usersKey = ['identity', 'users'] as const
const PAGE_SIZE = 25

export function useUsers(filters: UserFilters) {
  return useInfiniteQuery({
    queryKey: [...usersKey, 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      api<UserPage>('/identity/users', {
        query: { limit: PAGE_SIZE, cursor: pageParam, q: filters.q, status: filters.status },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
}

/** A user with the ETag to send back as If-Match on a write. */
export interface VersionedUser {
  user: User
  etag: string
}

const etagOf = (headers: Headers, version: number) => headers.get('etag') ?? `"${version}"`

export function useUser(id: string) {
  return useQuery({
    queryKey: [...usersKey, 'detail', id],
    queryFn: async ({ signal }): Promise<VersionedUser> => {
      const res = await apiRequest<User>(`/identity/users/${encodeURIComponent(id)}`, { signal })
      return { user: res.data, etag: etagOf(res.headers, res.data.version) }
    },
  })
}

function useStoreUser() {
  const client = useQueryClient()
  return (res: { data: User; headers: Headers }) => {
    client.setQueryData<VersionedUser>([...usersKey, 'detail', res.data.id], {
      user: res.data,
      etag: etagOf(res.headers, res.data.version),
    })
    return client.invalidateQueries({ queryKey: [...usersKey, 'list'] })
  }
}

export function useInviteUser() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: InviteUserBody) =>
      api<InvitedUser>('/identity/users/invitations', {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': newIdempotencyKey() },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: usersKey }),
  })
}

export function useSetUserRoles(id: string) {
  const store = useStoreUser()
  return useMutation({
    mutationFn: (input: { roleIds: string[]; etag: string }) =>
      apiRequest<User>(`/identity/users/${encodeURIComponent(id)}/roles`, {
        method: 'PUT',
        body: { roleIds: input.roleIds },
        headers: { 'If-Match': input.etag },
      }),
    onSuccess: store,
  })
}

export function useSetUserActive(id: string) {
  const store = useStoreUser()
  return useMutation({
    mutationFn: (active: boolean) =>
      apiRequest<User>(`/identity/users/${encodeURIComponent(id)}/${active ? 'reactivate' : 'deactivate'}`, {
        method: 'POST',
      }),
    onSuccess: store,
  })
}
