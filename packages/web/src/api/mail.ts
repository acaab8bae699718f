import { useInfiniteQuery } from '@tanstack/react-query'
import { api, cursor, http } from './client.ts'
import type { OutboxPage } from './types.ts'

export function useOutbox() {
  return useInfiniteQuery({
    queryKey: ['mail', 'outbox'],
    queryFn: ({ pageParam, signal }) =>
      api<OutboxPage>(
        http.GET('/api/v1/mail/outbox', { params: { query: { limit: 25, ...cursor(pageParam) } }, signal }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
}
