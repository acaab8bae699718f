import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, http } from './client.ts'
import { sessionKey } from './session.ts'
import type {
  ApiTokenList,
  CreateApiTokenBody,
  CreatedApiToken,
  MfaSetupReply,
  RecoveryCodesReply,
  SessionInfo,
  SessionReply,
  User,
} from './types.ts'

const profileKey = ['me', 'profile'] as const
const sessionsKey = ['me', 'sessions'] as const
const tokensKey = ['me', 'tokens'] as const

export const profileQuery = queryOptions({
  queryKey: profileKey,
  queryFn: () => api<User>(http.GET('/api/v1/me/profile')),
})

export function useProfile() {
  return useQuery(profileQuery)
}

export function useUpdateProfile() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: { displayName: string }) => api<User>(http.PATCH('/api/v1/me/profile', { body })),
    onSuccess: (user) => {
      client.setQueryData(profileKey, user)
      client.setQueryData<SessionReply | null>(sessionKey, (s) =>
        s ? { ...s, user: { ...s.user, displayName: user.displayName } } : s,
      )
    },
  })
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api(http.POST('/api/v1/me/password', { body }), { allowUnauthorized: true }),
  })
}

function setMfaEnabled(client: ReturnType<typeof useQueryClient>, enabled: boolean) {
  client.setQueryData<SessionReply | null>(sessionKey, (s) =>
    s ? { ...s, user: { ...s.user, mfaEnabled: enabled } } : s,
  )
  client.setQueryData<User>(profileKey, (u) => (u ? { ...u, mfaEnabled: enabled } : u))
}

export function useMfaSetup() {
  return useMutation({ mutationFn: () => api<MfaSetupReply>(http.POST('/api/v1/me/mfa/setup')) })
}

export function useMfaEnable() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (code: string) => api<RecoveryCodesReply>(http.POST('/api/v1/me/mfa/enable', { body: { code } })),
    onSuccess: () => {
      setMfaEnabled(client, true)
    },
  })
}

export function useMfaDisable() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (password: string) =>
      api(http.POST('/api/v1/me/mfa/disable', { body: { password } }), { allowUnauthorized: true }),
    onSuccess: () => {
      setMfaEnabled(client, false)
    },
  })
}

export function useRegenerateRecoveryCodes() {
  return useMutation({
    mutationFn: (password: string) =>
      api<RecoveryCodesReply>(http.POST('/api/v1/me/mfa/recovery-codes', { body: { password } }), {
        allowUnauthorized: true,
      }),
  })
}

export function useMySessions() {
  return useQuery({
    queryKey: sessionsKey,
    queryFn: () => api<{ items: SessionInfo[] }>(http.GET('/api/v1/me/sessions')),
  })
}

export function useRevokeSession() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api(http.DELETE('/api/v1/me/sessions/{id}', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: sessionsKey }),
  })
}

export function useApiTokens() {
  return useQuery({ queryKey: tokensKey, queryFn: () => api<ApiTokenList>(http.GET('/api/v1/me/tokens')) })
}

export function useCreateApiToken() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateApiTokenBody) => api<CreatedApiToken>(http.POST('/api/v1/me/tokens', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: tokensKey }),
  })
}

export function useRevokeApiToken() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api(http.DELETE('/api/v1/me/tokens/{id}', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: tokensKey }),
  })
}
