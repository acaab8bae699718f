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

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** A workbook by its name or the type the browser gives it; anything else is sent as CSV text. */
const isXlsx = (file: File | Blob) =>
  file.type === XLSX_TYPE || ('name' in file && file.name.toLowerCase().endsWith('.xlsx'))

async function importFile(kind: ImportKind, file: Blob, dryRun: boolean): Promise<ImportReport> {
  const type = isXlsx(file) ? XLSX_TYPE : 'text/csv'
  const options = { params: { query: { dryRun } }, ...rawBody(new Blob([file], { type })) }
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

/** Checks (dryRun) or imports a CSV or XLSX file of departments, teams or employees: all rows or none. */
export function useImportFile() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: { kind: ImportKind; file: Blob; dryRun: boolean }) =>
      importFile(input.kind, input.file, input.dryRun),
    onSuccess: (report) =>
      report.dryRun || report.problems.length > 0 ? undefined : client.invalidateQueries({ queryKey: orgKey }),
  })
}

/** Downloads within the caller's reach; a plain link works, the session cookie goes with it. */
export const exportUrl = (kind: ImportKind, format: 'csv' | 'xlsx') => `/api/v1/org/export/${kind}.${format}`
