import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, http, rawBody } from './client.ts'
import { orgKey } from './org-structure.ts'
import type { paths } from './schema'

export type ImportKind = 'departments' | 'teams' | 'employees'
export type ImportReport =
  paths['/api/v1/org/import/employees']['post']['responses'][200]['content']['application/json']

/** The report of a file with problems: the server answers 422 with the same report, and wrote nothing. */
const isReport = (body: unknown): body is ImportReport =>
  typeof body === 'object' && body !== null && 'problems' in body && 'rows' in body

async function importCsv(kind: ImportKind, file: Blob, dryRun: boolean): Promise<ImportReport> {
  const options = { params: { query: { dryRun } }, ...rawBody(new Blob([file], { type: 'text/csv' })) }
  const call =
    kind === 'departments'
      ? http.POST('/api/v1/org/import/departments', options)
      : kind === 'teams'
        ? http.POST('/api/v1/org/import/teams', options)
        : http.POST('/api/v1/org/import/employees', options)
  const first = await call
  if (first.response.status === 422 && isReport(first.error)) return first.error
  return api<ImportReport>(Promise.resolve(first))
}

/** Checks (dryRun) or imports a CSV file of departments, teams or employees: all rows or none. */
export function useImportCsv() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: { kind: ImportKind; file: Blob; dryRun: boolean }) =>
      importCsv(input.kind, input.file, input.dryRun),
    onSuccess: (report) =>
      report.dryRun || report.problems.length > 0 ? undefined : client.invalidateQueries({ queryKey: orgKey }),
  })
}

/** Downloads within the caller's reach; a plain link works, the session cookie goes with it. */
export const exportUrl = (kind: ImportKind) => `/api/v1/org/export/${kind}.csv`
