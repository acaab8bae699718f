import { Select, type SelectProps } from '@mantine/core'
import { useDepartments, useLocations, usePositions, useTeams } from '../../api/org-structure.ts'
import { useSkills } from '../../api/org-skills.ts'
import type { Department } from '../../api/types.ts'
import { byCategory } from './skills.ts'

type Props = Omit<SelectProps, 'data'>

/** "Operations › Logistics": a department's name after those of its parents. */
export function departmentPaths(departments: Department[]): Map<string, string> {
  const byId = new Map(departments.map((d) => [d.id, d]))
  const paths = new Map<string, string>()
  for (const d of departments) {
    const names = [d.name]
    const seen = new Set([d.id])
    let parent = d.parentId ? byId.get(d.parentId) : undefined
    while (parent && !seen.has(parent.id)) {
      names.unshift(parent.name)
      seen.add(parent.id)
      parent = parent.parentId ? byId.get(parent.parentId) : undefined
    }
    paths.set(d.id, names.join(' › '))
  }
  return paths
}

const loading = (pending: boolean, error: boolean, what: string) =>
  pending
    ? `Loading ${what}…`
    : error
      ? `${what.charAt(0).toUpperCase()}${what.slice(1)} could not be loaded`
      : undefined

export function DepartmentSelect(props: Props & { excludeId?: string }) {
  const { excludeId, ...rest } = props
  const departments = useDepartments()
  const paths = departmentPaths(departments.data ?? [])
  const data = (departments.data ?? [])
    .filter((d) => d.id !== excludeId)
    .map((d) => ({ value: d.id, label: paths.get(d.id) ?? d.name }))
    .sort((a, b) => a.label.localeCompare(b.label))
  return (
    <Select
      searchable
      clearable
      nothingFoundMessage="No department matches"
      placeholder={loading(departments.isPending, departments.isError, 'departments') ?? 'No department'}
      data={data}
      {...rest}
    />
  )
}

/** Teams of one department; without a department there is nothing to choose. */
export function TeamSelect(props: Props & { departmentId: string | null }) {
  const { departmentId, ...rest } = props
  const teams = useTeams(departmentId ? { departmentId } : {}, departmentId !== null)
  const data = departmentId ? (teams.data ?? []).map((t) => ({ value: t.id, label: t.name })) : []
  return (
    <Select
      searchable
      clearable
      disabled={departmentId === null}
      nothingFoundMessage="No team matches"
      placeholder={
        departmentId === null
          ? 'Choose a department first'
          : (loading(teams.isPending, teams.isError, 'teams') ??
            (data.length === 0 ? 'This department has no teams' : 'No team'))
      }
      data={data}
      {...rest}
    />
  )
}

export function PositionSelect(props: Props) {
  const positions = usePositions()
  return (
    <Select
      searchable
      clearable
      nothingFoundMessage="No position matches"
      placeholder={loading(positions.isPending, positions.isError, 'positions') ?? 'No position'}
      data={(positions.data ?? []).map((p) => ({ value: p.id, label: p.title }))}
      {...props}
    />
  )
}

export function LocationSelect(props: Props) {
  const locations = useLocations()
  return (
    <Select
      searchable
      clearable
      nothingFoundMessage="No location matches"
      placeholder={loading(locations.isPending, locations.isError, 'locations') ?? 'No location'}
      data={(locations.data ?? []).map((l) => ({ value: l.id, label: `${l.name} (${l.timeZone})` }))}
      {...props}
    />
  )
}

/** Skills of the catalogue, grouped by category; `excludeIds` leaves out those already chosen. */
export function SkillSelect(props: Props & { excludeIds?: string[] }) {
  const { excludeIds, ...rest } = props
  const skills = useSkills()
  const exclude = new Set(excludeIds ?? [])
  const data = byCategory((skills.data ?? []).filter((s) => !exclude.has(s.id))).map((g) => ({
    group: g.category,
    items: g.items.map((s) => ({ value: s.id, label: s.name })),
  }))
  return (
    <Select
      searchable
      clearable
      nothingFoundMessage="No skill matches"
      placeholder={loading(skills.isPending, skills.isError, 'skills') ?? 'No skill'}
      data={data}
      {...rest}
    />
  )
}
