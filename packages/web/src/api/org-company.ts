import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, http, rawBody, send } from './client.ts'
import { orgKey } from './org-structure.ts'
import type { CompanyProfile, UpdateCompanyProfileBody } from './types.ts'

const profileKey = [...orgKey, 'company-profile'] as const

/** The profile with the ETag to send back as If-Match. */
export interface VersionedProfile {
  profile: CompanyProfile
  etag: string
}

const etagOf = (headers: Headers, version: number) => headers.get('etag') ?? `"${version}"`

export function useCompanyProfile(enabled = true) {
  return useQuery({
    queryKey: profileKey,
    queryFn: async ({ signal }): Promise<VersionedProfile> => {
      const res = await send<CompanyProfile>(http.GET('/api/v1/org/company-profile', { signal }))
      return { profile: res.data, etag: etagOf(res.headers, res.data.version) }
    },
    enabled,
  })
}

export function useUpdateCompanyProfile() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: { body: UpdateCompanyProfileBody; etag: string }) =>
      send<CompanyProfile>(
        http.PUT('/api/v1/org/company-profile', { body: input.body, headers: { 'If-Match': input.etag } }),
      ),
    onSuccess: (res) => {
      client.setQueryData<VersionedProfile>(profileKey, {
        profile: res.data,
        etag: etagOf(res.headers, res.data.version),
      })
    },
  })
}

/** Bumped on every logo change so the browser fetches the new image. */
let logoRevision = 0

export const logoUrl = () => `/api/v1/org/company-profile/logo?v=${logoRevision}`

export function useSetLogo() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (file: File | null) =>
      file
        ? api(http.PUT('/api/v1/org/company-profile/logo', rawBody(file)))
        : api(http.DELETE('/api/v1/org/company-profile/logo')),
    onSuccess: () => {
      logoRevision += 1
      // A logo change is a new version of the profile: refetch it for the next If-Match.
      return client.invalidateQueries({ queryKey: profileKey })
    },
  })
}
