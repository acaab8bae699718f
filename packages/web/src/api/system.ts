import { useQuery } from '@tanstack/react-query'
import { api, http } from './client.ts'
import type { Health } from './types.ts'

export function useHealth() {
  return useQuery({
    queryKey: ['system', 'health'],
    queryFn: () => api<Health>(http.GET('/api/health'), { allowUnauthorized: true }),
    refetchInterval: 60_000,
    retry: 1,
  })
}
