import type { Static } from 'typebox'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type {
  DocumentCategory,
  EmployeeDocument,
  EmployeeDocuments,
  ErasurePlan,
  RetentionHold,
  RetentionHoldBody,
} from '@keel/contracts/org-documents'
import { api, http, newIdempotencyKey, rawBody, send } from './client.ts'
import { orgKey } from './org-structure.ts'

export type { DocumentCategory, EmployeeDocument, ErasurePlan, RetentionHold }
export type DocumentList = Static<typeof EmployeeDocuments>
export type RetentionHoldInput = Static<typeof RetentionHoldBody>

/** Permissions these screens depend on (the server checks them again, with reach). */
export const dataPerms = {
  documentRead: 'hr.document.read',
  documentManage: 'hr.document.manage',
  export: 'hr.personal_data.export',
  erase: 'hr.personal_data.erase',
  retention: 'hr.retention.manage',
} as const

const documentsKey = (id: string) => [...orgKey, 'people', 'documents', id] as const
const holdsKey = (id: string) => [...orgKey, 'people', 'retention-holds', id] as const

export const documentFileUrl = (employeeId: string, documentId: string) =>
  `/api/v1/org/employees/${employeeId}/documents/${documentId}/file`

export function usePersonDocuments(employeeId: string, enabled = true) {
  return useQuery({
    queryKey: documentsKey(employeeId),
    queryFn: ({ signal }) =>
      api<DocumentList>(
        http.GET('/api/v1/org/employees/{id}/documents', { params: { path: { id: employeeId } }, signal }),
      ),
    enabled,
  })
}

export interface DocumentUploadInput {
  file: File
  category: DocumentCategory
  title: string
  validUntil: string | null
}

export function useUploadDocument(employeeId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: DocumentUploadInput) =>
      api<EmployeeDocument>(
        http.POST('/api/v1/org/employees/{id}/documents', {
          params: {
            path: { id: employeeId },
            query: {
              category: input.category,
              title: input.title,
              fileName: input.file.name,
              ...(input.validUntil ? { validUntil: input.validUntil } : {}),
            },
          },
          // The server decides the type by the file's bytes; an unnamed type goes as octet-stream.
          ...rawBody(input.file.type ? input.file : new Blob([input.file], { type: 'application/octet-stream' })),
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: documentsKey(employeeId) }),
  })
}

export function useDeleteDocument(employeeId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (documentId: string) =>
      api(
        http.DELETE('/api/v1/org/employees/{id}/documents/{documentId}', {
          params: { path: { id: employeeId, documentId } },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: documentsKey(employeeId) }),
  })
}

export function useRetentionHolds(employeeId: string, enabled = true) {
  return useQuery({
    queryKey: holdsKey(employeeId),
    queryFn: ({ signal }) =>
      api<{ items: RetentionHold[] }>(
        http.GET('/api/v1/org/employees/{id}/retention-holds', { params: { path: { id: employeeId } }, signal }),
      ),
    select: (d) => d.items,
    enabled,
  })
}

export function usePlaceRetentionHold(employeeId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: RetentionHoldInput) =>
      api<RetentionHold>(
        http.POST('/api/v1/org/employees/{id}/retention-holds', {
          params: { path: { id: employeeId } },
          body,
          headers: { 'Idempotency-Key': newIdempotencyKey() },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: orgKey }),
  })
}

export function useReleaseRetentionHold(employeeId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (holdId: string) =>
      api<RetentionHold>(
        http.POST('/api/v1/org/employees/{id}/retention-holds/{holdId}/release', {
          params: { path: { id: employeeId, holdId } },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: orgKey }),
  })
}

/** Downloads the personal-data archive (a POST: the export is audited), saving it under the server's name. */
export function useExportPersonalData(employeeId: string) {
  return useMutation({
    mutationFn: async () => {
      const reply = await send<Blob>(
        http.POST('/api/v1/org/employees/{id}/personal-data-export', {
          params: { path: { id: employeeId } },
          parseAs: 'blob',
        }),
      )
      const disposition = reply.headers.get('content-disposition') ?? ''
      const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'personal-data.zip'
      const url = URL.createObjectURL(reply.data)
      const link = document.createElement('a')
      link.href = url
      link.download = fileName
      link.click()
      setTimeout(() => {
        URL.revokeObjectURL(url)
      }, 10_000)
      return fileName
    },
  })
}

export function useErasurePreview(employeeId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...orgKey, 'people', 'erasure-preview', employeeId],
    queryFn: () =>
      api<ErasurePlan>(
        http.POST('/api/v1/org/employees/{id}/erasure', {
          params: { path: { id: employeeId }, query: { dryRun: true } },
        }),
      ),
    enabled,
  })
}

export function useErasePersonalData(employeeId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () =>
      api<ErasurePlan>(
        http.POST('/api/v1/org/employees/{id}/erasure', { params: { path: { id: employeeId }, query: {} } }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: orgKey }),
  })
}
