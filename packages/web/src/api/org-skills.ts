import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, http, newIdempotencyKey } from './client.ts'
import { orgKey, type ArchivedOption, type SaveInput } from './org-structure.ts'
import type { Certification, CertificationBody, EmployeeSkill, EmployeeSkillsBody, Skill, SkillBody } from './types.ts'

const skillsKey = [...orgKey, 'structure', 'skills'] as const
const personSkillsKey = (id: string) => [...orgKey, 'people', 'skills', id] as const
const certificationsKey = (id: string) => [...orgKey, 'people', 'certifications', id] as const

/** The skills catalogue, with how many people hold each skill. */
export function useSkills(options: ArchivedOption = {}, enabled = true) {
  return useQuery({
    queryKey: [...skillsKey, options],
    queryFn: ({ signal }) =>
      api<{ items: Skill[] }>(
        http.GET('/api/v1/org/skills', {
          params: { query: options.includeArchived ? { includeArchived: true } : {} },
          signal,
        }),
      ),
    select: (d) => d.items,
    enabled,
  })
}

function useInvalidateOrg() {
  const client = useQueryClient()
  return () => client.invalidateQueries({ queryKey: orgKey })
}

export function useSaveSkill() {
  const invalidate = useInvalidateOrg()
  return useMutation({
    mutationFn: (input: SaveInput<SkillBody>) =>
      input.id === undefined
        ? api<Skill>(
            http.POST('/api/v1/org/skills', {
              body: input.body,
              headers: { 'Idempotency-Key': newIdempotencyKey() },
            }),
          )
        : api<Skill>(
            http.PUT('/api/v1/org/skills/{id}', {
              params: { path: { id: input.id } },
              body: input.body,
              headers: { 'If-Match': `"${input.version}"` },
            }),
          ),
    onSuccess: invalidate,
  })
}

/** Archives or restores a skill: a PUT of the skill as it is, with the archived flag changed. */
export function useSetSkillArchived() {
  const invalidate = useInvalidateOrg()
  return useMutation({
    mutationFn: (input: { skill: Skill; archived: boolean }) =>
      api<Skill>(
        http.PUT('/api/v1/org/skills/{id}', {
          params: { path: { id: input.skill.id } },
          body: { name: input.skill.name, category: input.skill.category, archived: input.archived },
          headers: { 'If-Match': `"${input.skill.version}"` },
        }),
      ),
    onSuccess: invalidate,
  })
}

export function usePersonSkills(employeeId: string) {
  return useQuery({
    queryKey: personSkillsKey(employeeId),
    queryFn: ({ signal }) =>
      api<{ items: EmployeeSkill[] }>(
        http.GET('/api/v1/org/employees/{id}/skills', { params: { path: { id: employeeId } }, signal }),
      ),
    select: (d) => d.items,
  })
}

/** Replaces all of a person's skills and levels. */
export function useSetPersonSkills(employeeId: string) {
  const invalidate = useInvalidateOrg()
  return useMutation({
    mutationFn: (body: EmployeeSkillsBody) =>
      api<{ items: EmployeeSkill[] }>(
        http.PUT('/api/v1/org/employees/{id}/skills', { params: { path: { id: employeeId } }, body }),
      ),
    onSuccess: invalidate,
  })
}

export function useCertifications(employeeId: string) {
  return useQuery({
    queryKey: certificationsKey(employeeId),
    queryFn: ({ signal }) =>
      api<{ items: Certification[] }>(
        http.GET('/api/v1/org/employees/{id}/certifications', { params: { path: { id: employeeId } }, signal }),
      ),
    select: (d) => d.items,
    // A 403 means the caller may not see them: no point in asking again.
    retry: false,
  })
}

export function useAddCertification(employeeId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: CertificationBody) =>
      api<{ items: Certification[] }>(
        http.POST('/api/v1/org/employees/{id}/certifications', {
          params: { path: { id: employeeId } },
          body,
        }),
      ),
    onSuccess: (reply) => {
      client.setQueryData(certificationsKey(employeeId), reply)
    },
  })
}

export function useRemoveCertification(employeeId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (certificationId: string) =>
      api<{ items: Certification[] }>(
        http.DELETE('/api/v1/org/employees/{id}/certifications/{certificationId}', {
          params: { path: { id: employeeId, certificationId } },
        }),
      ),
    onSuccess: (reply) => {
      client.setQueryData(certificationsKey(employeeId), reply)
    },
  })
}
