import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, http, newIdempotencyKey } from './client.ts'
import type {
  Department,
  DepartmentBody,
  Location,
  LocationBody,
  Position,
  PositionBody,
  Team,
  TeamBody,
} from './types.ts'

/** Everything of the org module is cached under this key: a change in the structure shows in the people screens. */
export const orgKey = ['org'] as const
const structureKey = [...orgKey, 'structure'] as const

export interface ArchivedOption {
  includeArchived?: boolean
}
const archivedQuery = (o: ArchivedOption) => (o.includeArchived ? { includeArchived: true } : {})

export function useDepartments(options: ArchivedOption = {}, enabled = true) {
  return useQuery({
    queryKey: [...structureKey, 'departments', options],
    queryFn: ({ signal }) =>
      api<{ items: Department[] }>(
        http.GET('/api/v1/org/departments', { params: { query: archivedQuery(options) }, signal }),
      ),
    select: (d) => d.items,
    enabled,
  })
}

export function useTeams(options: ArchivedOption & { departmentId?: string } = {}, enabled = true) {
  return useQuery({
    queryKey: [...structureKey, 'teams', options],
    queryFn: ({ signal }) =>
      api<{ items: Team[] }>(
        http.GET('/api/v1/org/teams', {
          params: {
            query: {
              ...archivedQuery(options),
              ...(options.departmentId ? { departmentId: options.departmentId } : {}),
            },
          },
          signal,
        }),
      ),
    select: (d) => d.items,
    enabled,
  })
}

export function usePositions(options: ArchivedOption = {}, enabled = true) {
  return useQuery({
    queryKey: [...structureKey, 'positions', options],
    queryFn: ({ signal }) =>
      api<{ items: Position[] }>(
        http.GET('/api/v1/org/positions', { params: { query: archivedQuery(options) }, signal }),
      ),
    select: (d) => d.items,
    enabled,
  })
}

export function useLocations(options: ArchivedOption = {}, enabled = true) {
  return useQuery({
    queryKey: [...structureKey, 'locations', options],
    queryFn: ({ signal }) =>
      api<{ items: Location[] }>(
        http.GET('/api/v1/org/locations', { params: { query: archivedQuery(options) }, signal }),
      ),
    select: (d) => d.items,
    enabled,
  })
}

/** A create (no id) or an update (id and the version it was read at, sent as If-Match). */
export type SaveInput<Body> = { id?: undefined; body: Body } | { id: string; version: number; body: Body }

const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` })

function useInvalidateOrg() {
  const client = useQueryClient()
  return () => client.invalidateQueries({ queryKey: orgKey })
}

export function useSaveDepartment() {
  const invalidate = useInvalidateOrg()
  return useMutation({
    mutationFn: (input: SaveInput<DepartmentBody>) =>
      input.id === undefined
        ? api<Department>(
            http.POST('/api/v1/org/departments', {
              body: input.body,
              headers: { 'Idempotency-Key': newIdempotencyKey() },
            }),
          )
        : api<Department>(
            http.PUT('/api/v1/org/departments/{id}', {
              params: { path: { id: input.id } },
              body: input.body,
              headers: ifMatch(input.version),
            }),
          ),
    onSuccess: invalidate,
  })
}

export function useSaveTeam() {
  const invalidate = useInvalidateOrg()
  return useMutation({
    mutationFn: (input: SaveInput<TeamBody>) =>
      input.id === undefined
        ? api<Team>(
            http.POST('/api/v1/org/teams', { body: input.body, headers: { 'Idempotency-Key': newIdempotencyKey() } }),
          )
        : api<Team>(
            http.PUT('/api/v1/org/teams/{id}', {
              params: { path: { id: input.id } },
              body: input.body,
              headers: ifMatch(input.version),
            }),
          ),
    onSuccess: invalidate,
  })
}

export function useSavePosition() {
  const invalidate = useInvalidateOrg()
  return useMutation({
    mutationFn: (input: SaveInput<PositionBody>) =>
      input.id === undefined
        ? api<Position>(
            http.POST('/api/v1/org/positions', {
              body: input.body,
              headers: { 'Idempotency-Key': newIdempotencyKey() },
            }),
          )
        : api<Position>(
            http.PUT('/api/v1/org/positions/{id}', {
              params: { path: { id: input.id } },
              body: input.body,
              headers: ifMatch(input.version),
            }),
          ),
    onSuccess: invalidate,
  })
}

export function useSaveLocation() {
  const invalidate = useInvalidateOrg()
  return useMutation({
    mutationFn: (input: SaveInput<LocationBody>) =>
      input.id === undefined
        ? api<Location>(
            http.POST('/api/v1/org/locations', {
              body: input.body,
              headers: { 'Idempotency-Key': newIdempotencyKey() },
            }),
          )
        : api<Location>(
            http.PUT('/api/v1/org/locations/{id}', {
              params: { path: { id: input.id } },
              body: input.body,
              headers: ifMatch(input.version),
            }),
          ),
    onSuccess: invalidate,
  })
}

export type StructureKind = 'departments' | 'teams' | 'positions' | 'locations'

/** Archives (archived = true) or restores a department, team, position or location. */
export function useSetArchived(kind: StructureKind) {
  const invalidate = useInvalidateOrg()
  return useMutation({
    mutationFn: (input: { id: string; archived: boolean }): Promise<unknown> => {
      const params = { path: { id: input.id, action: input.archived ? ('archive' as const) : ('restore' as const) } }
      switch (kind) {
        case 'departments':
          return api(http.POST('/api/v1/org/departments/{id}/{action}', { params }))
        case 'teams':
          return api(http.POST('/api/v1/org/teams/{id}/{action}', { params }))
        case 'positions':
          return api(http.POST('/api/v1/org/positions/{id}/{action}', { params }))
        case 'locations':
          return api(http.POST('/api/v1/org/locations/{id}/{action}', { params }))
      }
    },
    onSuccess: invalidate,
  })
}
