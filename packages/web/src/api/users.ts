import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, cursor, http, newIdempotencyKey, send } from './client.ts'
import type { InviteUserBody, InvitedUser, User, UserPage, UserStatus } from './types.ts'

export interface UserFilters {
  q?: string
  status?: UserStatus
}

const usersKey = ['identity', 'users'] as const
const PAGE_SIZE = 25

export function useUsers(filters: UserFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...usersKey, 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      api<UserPage>(
        http.GET('/api/v1/identity/users', {
          params: {
            query: {
              limit: PAGE_SIZE,
              ...cursor(pageParam),
              ...(filters.q ? { q: filters.q } : {}),
              ...(filters.status ? { status: filters.status } : {}),
            },
          },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  })
}

/** A user with the ETag to send back as If-Match on a write. */
export interface VersionedUser {
  user: User
  etag: string
}

const etagOf = (headers: Headers, version: number) => headers.get('etag') ?? `"${version}"`

export function useUser(id: string, enabled = true) {
  return useQuery({
    queryKey: [...usersKey, 'detail', id],
    queryFn: async ({ signal }): Promise<VersionedUser> => {
      const res = await send<User>(http.GET('/api/v1/identity/users/{id}', { params: { path: { id } }, signal }))
      return { user: res.data, etag: etagOf(res.headers, res.data.version) }
    },
    enabled,
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
      api<InvitedUser>(
        http.POST('/api/v1/identity/users/invitations', { body, headers: { 'Idempotency-Key': newIdempotencyKey() } }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: usersKey }),
  })
}

export function useSetUserRoles(id: string) {
  const store = useStoreUser()
  return useMutation({
    mutationFn: (input: { roleIds: string[]; etag: string }) =>
      send<User>(
        http.PUT('/api/v1/identity/users/{id}/roles', {
          params: { path: { id } },
          body: { roleIds: input.roleIds },
          headers: { 'If-Match': input.etag },
        }),
      ),
    onSuccess: store,
  })
}

export function useSetUserActive(id: string) {
  const store = useStoreUser()
  return useMutation({
    mutationFn: (active: boolean) =>
      send<User>(
        active
          ? http.POST('/api/v1/identity/users/{id}/reactivate', { params: { path: { id } } })
          : http.POST('/api/v1/identity/users/{id}/deactivate', { params: { path: { id } } }),
      ),
    onSuccess: store,
  })
}
