import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, http } from './client.ts'
import type { CreateRoleBody, PermissionInfo, Role, UpdateRoleBody } from './types.ts'

const rolesKey = ['identity', 'roles'] as const

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: rolesKey,
    queryFn: () => api<{ items: Role[] }>(http.GET('/api/v1/identity/roles')),
    select: (d) => d.items,
    enabled,
  })
}

export function usePermissionCatalogue() {
  return useQuery({
    queryKey: ['identity', 'permissions'],
    queryFn: () => api<{ items: PermissionInfo[] }>(http.GET('/api/v1/identity/permissions')),
    select: (d) => d.items,
    staleTime: 30 * 60_000,
  })
}

export function useCreateRole() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateRoleBody) => api<Role>(http.POST('/api/v1/identity/roles', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: rolesKey }),
  })
}

export function useUpdateRole() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: { id: string; version: number; body: UpdateRoleBody }) =>
      api<Role>(
        http.PATCH('/api/v1/identity/roles/{id}', {
          params: { path: { id: input.id } },
          body: input.body,
          headers: { 'If-Match': `"${input.version}"` },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: rolesKey }),
  })
}

export function useDeleteRole() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api(http.DELETE('/api/v1/identity/roles/{id}', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: rolesKey }),
  })
}
