import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, http, newIdempotencyKey, rawBody, send } from './client.ts'
import { orgKey, type SaveInput } from './org-structure.ts'
import type { Availability, Calendar, CalendarBody, Employee, HolidayImportReply, WorkingHoursBody } from './types.ts'

const calendarsKey = [...orgKey, 'structure', 'calendars'] as const
const availabilityKey = (id: string) => [...orgKey, 'people', 'availability', id] as const

export function useCalendars(enabled = true) {
  return useQuery({
    queryKey: calendarsKey,
    queryFn: ({ signal }) => api<{ items: Calendar[] }>(http.GET('/api/v1/org/calendars', { signal })),
    select: (d) => d.items,
    enabled,
  })
}

function useInvalidateOrg() {
  const client = useQueryClient()
  return () => client.invalidateQueries({ queryKey: orgKey })
}

export function useSaveCalendar() {
  const invalidate = useInvalidateOrg()
  return useMutation({
    mutationFn: (input: SaveInput<CalendarBody>) =>
      input.id === undefined
        ? api<Calendar>(
            http.POST('/api/v1/org/calendars', {
              body: input.body,
              headers: { 'Idempotency-Key': newIdempotencyKey() },
            }),
          )
        : api<Calendar>(
            http.PUT('/api/v1/org/calendars/{id}', {
              params: { path: { id: input.id } },
              body: input.body,
              headers: { 'If-Match': `"${input.version}"` },
            }),
          ),
    onSuccess: invalidate,
  })
}

export function useAddHoliday(calendarId: string) {
  const invalidate = useInvalidateOrg()
  return useMutation({
    mutationFn: (body: { date: string; name: string }) =>
      api<Calendar>(http.POST('/api/v1/org/calendars/{id}/holidays', { params: { path: { id: calendarId } }, body })),
    onSuccess: invalidate,
  })
}

export function useRemoveHoliday(calendarId: string) {
  const invalidate = useInvalidateOrg()
  return useMutation({
    mutationFn: (holidayId: string) =>
      api<Calendar>(
        http.DELETE('/api/v1/org/calendars/{id}/holidays/{holidayId}', {
          params: { path: { id: calendarId, holidayId } },
        }),
      ),
    onSuccess: invalidate,
  })
}

/** Sends an .ics file as itself; with dryRun the server only reports what it would add. */
export function useImportHolidays(calendarId: string) {
  const invalidate = useInvalidateOrg()
  return useMutation({
    mutationFn: (input: { file: Blob; dryRun: boolean }) =>
      api<HolidayImportReply>(
        http.POST('/api/v1/org/calendars/{id}/holidays/import', {
          params: { path: { id: calendarId }, query: { dryRun: input.dryRun } },
          ...rawBody(new Blob([input.file], { type: 'text/calendar' })),
        }),
      ),
    onSuccess: (reply) => (reply.dryRun ? undefined : invalidate()),
  })
}

/** When a person works in a window (default: the next 7 days), and whether they work now. */
export function useAvailability(employeeId: string, window: { from: string; to: string } | null, enabled = true) {
  return useQuery({
    queryKey: [...availabilityKey(employeeId), window],
    queryFn: ({ signal }) =>
      api<Availability>(
        http.GET('/api/v1/org/employees/{id}/availability', {
          params: { path: { id: employeeId }, query: window ?? {} },
          signal,
        }),
      ),
    enabled,
    refetchInterval: 5 * 60_000,
  })
}

export function useRecordAbsence(employeeId: string) {
  const invalidate = useInvalidateOrg()
  return useMutation({
    mutationFn: (body: { startsAt: string; endsAt: string; reason: string }) =>
      api<{ id: string }>(
        http.POST('/api/v1/org/employees/{id}/absences', {
          params: { path: { id: employeeId } },
          body,
          headers: { 'Idempotency-Key': newIdempotencyKey() },
        }),
      ),
    onSuccess: invalidate,
  })
}

export function useRemoveAbsence(employeeId: string) {
  const invalidate = useInvalidateOrg()
  return useMutation({
    mutationFn: (absenceId: string) =>
      api(
        http.DELETE('/api/v1/org/employees/{id}/absences/{absenceId}', {
          params: { path: { id: employeeId, absenceId } },
        }),
      ),
    onSuccess: invalidate,
  })
}

export function useSetWorkingHours(employeeId: string) {
  const invalidate = useInvalidateOrg()
  return useMutation({
    mutationFn: (body: WorkingHoursBody) =>
      send<Employee>(
        http.PUT('/api/v1/org/employees/{id}/working-hours', { params: { path: { id: employeeId } }, body }),
      ),
    onSuccess: invalidate,
  })
}
