import { Group, Select, Stack, Text, type SelectProps } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useState } from 'react'
import { useDirectory } from '../../api/org-people.ts'
import type { DirectoryEntry, PersonRef } from '../../api/types.ts'
import { PersonAvatar } from './person-avatar.tsx'

/**
 * Picks a colleague by searching the directory on the server (it may hold thousands of people).
 * `selected` names the current value before any search has run.
 */
export function PersonSelect(
  props: Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
    value: string | null
    selected?: PersonRef | null
    onChange: (person: PersonRef | null) => void
    /** Left out of the choices (a person cannot be their own manager). */
    excludeId?: string
  },
) {
  const { value, selected, onChange, excludeId, ...rest } = props
  const [opened, setOpened] = useState(false)
  const [search, setSearch] = useState('')
  const [picked, setPicked] = useState<PersonRef | null>(selected ?? null)
  const current = picked?.id === value ? picked : (selected ?? null)
  // The input shows the chosen name: searching for it would hide everyone else.
  const query = search.trim() === current?.name ? '' : search.trim()
  const [debounced] = useDebouncedValue(query, 250)
  const people = useDirectory({ q: debounced }, { pageSize: 20, enabled: opened })

  const found = (people.data?.pages.flatMap((p) => p.items) ?? []).filter((p) => p.id !== excludeId)
  const byId = new Map<string, DirectoryEntry>(found.map((p) => [p.id, p]))
  const data = [
    ...(current && value && !byId.has(value) ? [{ value, label: current.name }] : []),
    ...found.map((p) => ({ value: p.id, label: p.name })),
  ]

  return (
    <Select
      searchable
      clearable
      placeholder="Search by name or e-mail"
      nothingFoundMessage={people.isFetching ? 'Searching…' : 'Nobody matches'}
      {...rest}
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      // The server has filtered already.
      filter={({ options }) => options}
      onDropdownOpen={() => {
        setOpened(true)
      }}
      onChange={(id) => {
        const person = id ? (byId.get(id) ?? (current?.id === id ? current : null)) : null
        const ref = person ? { id: person.id, name: person.name } : null
        setPicked(ref)
        onChange(ref)
      }}
      renderOption={({ option }) => {
        const p = byId.get(option.value)
        return (
          <Group gap="sm" wrap="nowrap">
            <PersonAvatar id={option.value} name={option.label} hasPhoto={p?.hasPhoto ?? false} size={28} />
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="sm" truncate>
                {option.label}
              </Text>
              {p && (p.position ?? p.department) ? (
                <Text size="xs" c="dimmed" truncate>
                  {[p.position?.name, p.department?.name].filter(Boolean).join(' · ')}
                </Text>
              ) : null}
            </Stack>
          </Group>
        )
      }}
    />
  )
}
