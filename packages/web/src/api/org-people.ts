import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, cursor, http, newIdempotencyKey, rawBody, send } from './client.ts'
import { orgKey } from './org-structure.ts'
import type {
  CompensationBody,
  DirectoryPage,
  Employee,
  EmployeeHistory,
  EmployeePage,
  EmployeeStatus,
  HireEmployeeBody,
  OrgChart,
  PlacementBody,
  PrivateData,
  TerminateBody,
  UpdateEmployeeBody,
} from './types.ts'

const peopleKey = [...orgKey, 'people'] as const

export interface DirectoryFilters {
  q?: string
  departmentId?: string
  teamId?: string
  locationId?: string
  positionId?: string
  managerId?: string
  skillId?: string
  /** With skillId: at least this level. */
  minLevel?: number
}

/** Filters without empty values: the API treats a present but empty filter as a filter. */
const nonEmpty = <T extends DirectoryFilters>(filters: T) =>
  Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '')) as T

export function useDirectory(filters: DirectoryFilters, options: { pageSize?: number; enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: [...peopleKey, 'directory', nonEmpty(filters), options.pageSize ?? 24],
    queryFn: ({ pageParam, signal }) =>
      api<DirectoryPage>(
        http.GET('/api/v1/org/directory', {
          params: { query: { limit: options.pageSize ?? 24, ...cursor(pageParam), ...nonEmpty(filters) } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  })
}

/** Employee records within the caller's reach (with employment details), e.g. those who have left. */
export function useEmployeeRecords(
  filters: DirectoryFilters & { status?: EmployeeStatus },
  options: { pageSize?: number; enabled?: boolean } = {},
) {
  return useInfiniteQuery({
    queryKey: [...peopleKey, 'records', nonEmpty(filters), options.pageSize ?? 24],
    queryFn: ({ pageParam, signal }) =>
      api<EmployeePage>(
        http.GET('/api/v1/org/employees', {
          params: { query: { limit: options.pageSize ?? 24, ...cursor(pageParam), ...nonEmpty(filters) } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  })
}

/** A person with the ETag to send back as If-Match on a write. */
export interface VersionedEmployee {
  employee: Employee
  etag: string
}

const etagOf = (headers: Headers, version: number) => headers.get('etag') ?? `"${version}"`
const employeeKey = (id: string) => [...peopleKey, 'employee', id] as const

export function useEmployee(id: string) {
  return useQuery({
    queryKey: employeeKey(id),
    queryFn: async ({ signal }): Promise<VersionedEmployee> => {
      const res = await send<Employee>(http.GET('/api/v1/org/employees/{id}', { params: { path: { id } }, signal }))
      return { employee: res.data, etag: etagOf(res.headers, res.data.version) }
    },
  })
}

export function useEmployeeHistory(id: string, enabled = true) {
  return useQuery({
    queryKey: [...employeeKey(id), 'history'],
    queryFn: ({ signal }) =>
      api<EmployeeHistory>(http.GET('/api/v1/org/employees/{id}/history', { params: { path: { id } }, signal })),
    select: (d) => d.events,
    enabled,
  })
}

/** The signed-in user's own employee record id (null when they have none). */
export function useMyEmployeeId() {
  return useQuery({
    queryKey: [...peopleKey, 'me'],
    queryFn: ({ signal }) => api<{ employeeId: string | null }>(http.GET('/api/v1/org/me', { signal })),
    select: (d) => d.employeeId,
    staleTime: 5 * 60_000,
  })
}

export function useOrgChart(asOf: string | undefined) {
  return useQuery({
    queryKey: [...peopleKey, 'chart', asOf ?? 'today'],
    queryFn: ({ signal }) =>
      api<OrgChart>(http.GET('/api/v1/org/chart', { params: { query: asOf ? { asOf } : {} }, signal })),
    placeholderData: keepPreviousData,
  })
}

/** Stores a person the server sent back after a write, and refreshes every list they may appear in. */
function useStoreEmployee() {
  const client = useQueryClient()
  return async (res: { data: Employee; headers: Headers }) => {
    client.setQueryData<VersionedEmployee>(employeeKey(res.data.id), {
      employee: res.data,
      etag: etagOf(res.headers, res.data.version),
    })
    await client.invalidateQueries({
      queryKey: orgKey,
      predicate: (q) => !(q.queryKey[2] === 'employee' && q.queryKey[3] === res.data.id && q.queryKey.length === 4),
    })
  }
}

export function useHireEmployee() {
  const store = useStoreEmployee()
  return useMutation({
    mutationFn: (body: HireEmployeeBody) =>
      send<Employee>(http.POST('/api/v1/org/employees', { body, headers: { 'Idempotency-Key': newIdempotencyKey() } })),
    onSuccess: store,
  })
}

export function useUpdateEmployee(id: string) {
  const store = useStoreEmployee()
  return useMutation({
    mutationFn: (input: { body: UpdateEmployeeBody; etag: string }) =>
      send<Employee>(
        http.PUT('/api/v1/org/employees/{id}', {
          params: { path: { id } },
          body: input.body,
          headers: { 'If-Match': input.etag },
        }),
      ),
    onSuccess: store,
  })
}

export function usePlaceEmployee(id: string) {
  const store = useStoreEmployee()
  return useMutation({
    mutationFn: (body: PlacementBody) =>
      send<Employee>(
        http.POST('/api/v1/org/employees/{id}/placements', {
          params: { path: { id } },
          body,
          headers: { 'Idempotency-Key': newIdempotencyKey() },
        }),
      ),
    onSuccess: store,
  })
}

export function useTerminateEmployee(id: string) {
  const store = useStoreEmployee()
  return useMutation({
    mutationFn: (input: { body: TerminateBody; etag: string }) =>
      send<Employee>(
        http.POST('/api/v1/org/employees/{id}/terminate', {
          params: { path: { id } },
          body: input.body,
          headers: { 'If-Match': input.etag },
        }),
      ),
    onSuccess: store,
  })
}

/** Withdraws a leaving date that has not come yet. */
export function useCancelTermination(id: string) {
  const store = useStoreEmployee()
  return useMutation({
    mutationFn: () =>
      send<Employee>(http.DELETE('/api/v1/org/employees/{id}/termination', { params: { path: { id } } })),
    onSuccess: store,
  })
}

export function useSavePrivateData(id: string) {
  const store = useStoreEmployee()
  return useMutation({
    /** `version` is the sensitive version the data was read at (0 when there was none yet). */
    mutationFn: (input: { body: PrivateData; version: number }) =>
      send<Employee>(
        http.PUT('/api/v1/org/employees/{id}/private-data', {
          params: { path: { id } },
          body: input.body,
          headers: { 'If-Match': `"${input.version}"` },
        }),
      ),
    onSuccess: store,
  })
}

export function useRecordCompensation(id: string) {
  const store = useStoreEmployee()
  return useMutation({
    mutationFn: (body: CompensationBody) =>
      send<Employee>(
        http.POST('/api/v1/org/employees/{id}/compensation', {
          params: { path: { id } },
          body,
          headers: { 'Idempotency-Key': newIdempotencyKey() },
        }),
      ),
    onSuccess: store,
  })
}

/** Bumped when a photo changes, so the browser (which caches photos for minutes) shows the new one. */
const photoRevisions = new Map<string, number>()

export const photoUrl = (id: string) => `/api/v1/org/employees/${id}/photo?v=${photoRevisions.get(id) ?? 0}`

export function useSetPhoto(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (file: File | null) =>
      file
        ? api(http.PUT('/api/v1/org/employees/{id}/photo', { params: { path: { id } }, ...rawBody(file) }))
        : api(http.DELETE('/api/v1/org/employees/{id}/photo', { params: { path: { id } } })),
    onSuccess: () => {
      photoRevisions.set(id, (photoRevisions.get(id) ?? 0) + 1)
      return client.invalidateQueries({ queryKey: orgKey })
    },
  })
}
