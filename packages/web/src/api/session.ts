import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { ApiError, api, http, setCsrfToken } from './client.ts'
import type { SessionReply } from './types.ts'

export const sessionKey = ['session'] as const

async function fetchSession(): Promise<SessionReply | null> {
  try {
    const session = await api<SessionReply>(http.GET('/api/v1/auth/session'), { allowUnauthorized: true })
    setCsrfToken(session.csrfToken)
    return session
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null)
      return null
    }
    throw err
  }
}

/** The current session, or null when nobody is signed in. */
export const sessionQuery = queryOptions({
  queryKey: sessionKey,
  queryFn: fetchSession,
  staleTime: 5 * 60_000,
  retry: false,
})

/** Set when the server ended the session (expiry, revocation) rather than the user signing out. */
export const sessionEnd = { expired: false }

/** Stores a fresh session reply (login, MFA, company switch) as the current session. */
export function storeSession(client: QueryClient, session: SessionReply | null): void {
  setCsrfToken(session?.csrfToken ?? null)
  client.setQueryData(sessionKey, session)
}

/**
 * Drops everything cached for the signed-out user and marks the session gone. The session entry itself stays
 * in the cache (set to null) so that screens watching it notice and leave.
 */
export function forgetSession(client: QueryClient): void {
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] })
  storeSession(client, null)
}

export function useLogin() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api<SessionReply>(http.POST('/api/v1/auth/login', { body }), { allowUnauthorized: true }),
    onSuccess: (session) => {
      // Everything cached belongs to whoever was signed in before.
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] })
      storeSession(client, session)
    },
  })
}

export function useVerifyMfa() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (code: string) =>
      api<SessionReply>(http.POST('/api/v1/auth/mfa', { body: { code } }), { allowUnauthorized: true }),
    onSuccess: (session) => {
      storeSession(client, session)
    },
  })
}

export function useLogout() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () => api(http.POST('/api/v1/auth/logout'), { allowUnauthorized: true }),
    onSettled: () => {
      forgetSession(client)
    },
  })
}

export function useSwitchCompany() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (companyId: string) =>
      api<SessionReply>(http.POST('/api/v1/auth/switch-company', { body: { companyId } })),
    onSuccess: (session) => {
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] })
      storeSession(client, session)
    },
  })
}

export function useAcceptInvitation() {
  return useMutation({
    mutationFn: (body: { token: string; password: string; displayName?: string }) =>
      api(http.POST('/api/v1/auth/invitations/accept', { body }), { allowUnauthorized: true }),
  })
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) =>
      api(http.POST('/api/v1/auth/password-reset/request', { body: { email } }), { allowUnauthorized: true }),
  })
}

export function useCompletePasswordReset() {
  return useMutation({
    mutationFn: (body: { token: string; password: string }) =>
      api(http.POST('/api/v1/auth/password-reset/complete', { body }), { allowUnauthorized: true }),
  })
}
