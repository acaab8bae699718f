import { Badge, Group, MultiSelect, type MultiSelectProps } from '@mantine/core'
import { IconBuilding, IconMapPin, IconUsers, IconWorld } from '@tabler/icons-react'
import type { AudienceTarget, AudienceTargetBody } from '../../../api/intranet.ts'
import { useDepartments, useLocations, useTeams } from '../../../api/org-structure.ts'

const ICONS = { company: IconWorld, department: IconBuilding, team: IconUsers, location: IconMapPin } as const
const KIND_LABEL = { company: 'Everyone', department: 'Department', team: 'Team', location: 'Location' } as const

/** Who an item is for, as small badges ("Everyone", "Department: Finance"). */
export function AudienceBadges(props: { audience: readonly AudienceTarget[] }) {
  return (
    <Group gap={6} wrap="wrap">
      {props.audience.map((t, i) => {
        const Icon = ICONS[t.kind]
        return (
          <Badge
            key={`${t.kind}:${t.id ?? ''}:${String(i)}`}
            variant="light"
            color="gray"
            leftSection={<Icon size={12} aria-hidden="true" />}
          >
            {t.kind === 'company' ? 'Everyone' : `${KIND_LABEL[t.kind]}: ${t.name}`}
          </Badge>
        )
      })}
    </Group>
  )
}

/** A target as the picker's value: `company`, or `department:<id>`, `team:<id>`, `location:<id>`. */
export const targetValue = (t: { kind: string; id?: string | null }) =>
  t.kind === 'company' ? 'company' : `${t.kind}:${t.id ?? ''}`

export function targetFromValue(value: string): AudienceTargetBody {
  if (value === 'company') return { kind: 'company' }
  const [kind, id] = value.split(':')
  return { kind: kind === 'team' ? 'team' : kind === 'location' ? 'location' : 'department', id: id ?? '' }
}

/**
 * Picks an audience: everyone, departments (each with the departments
 * below it), teams and locations, searchable by name and typed to with the keyboard.
 */
export function AudiencePicker(props: Omit<MultiSelectProps, 'data'>) {
  const departments = useDepartments()
  const teams = useTeams()
  const locations = useLocations()
  const data = [
    { group: 'Company', items: [{ value: 'company', label: 'Everyone in the company' }] },
    {
      group: 'Departments (with their sub-departments)',
      items: (departments.data ?? []).map((d) => ({ value: `department:${d.id}`, label: d.name })),
    },
    {
      group: 'Teams',
      items: (teams.data ?? []).map((t) => ({ value: `team:${t.id}`, label: `${t.name} (${t.department.name})` })),
    },
    { group: 'Locations', items: (locations.data ?? []).map((l) => ({ value: `location:${l.id}`, label: l.name })) },
  ]
  return (
    <MultiSelect
      searchable
      clearable
      hidePickedOptions
      nothingFoundMessage="No department, team or location by that name"
      placeholder="Who should see this?"
      data={data}
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  )
}
