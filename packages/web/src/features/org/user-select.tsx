import { Select, type SelectProps } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useState } from 'react'
import { useUser, useUsers } from '../../api/users.ts'

/** Picks the user account a person signs in with (searched on the server). */
export function UserSelect(props: Omit<SelectProps, 'data' | 'searchValue' | 'onSearchChange'>) {
  const [opened, setOpened] = useState(false)
  const [search, setSearch] = useState('')
  const value = typeof props.value === 'string' ? props.value : null
  const current = useUser(value ?? '', value !== null)
  const currentLabel = current.data ? `${current.data.user.displayName} (${current.data.user.email})` : null
  const query = search.trim() === currentLabel ? '' : search.trim()
  const [debounced] = useDebouncedValue(query, 250)
  const users = useUsers(debounced ? { q: debounced } : {}, opened)

  const found = (users.data?.pages.flatMap((p) => p.items) ?? []).map((u) => ({
    value: u.id,
    label: `${u.displayName} (${u.email})`,
  }))
  const data =
    value && currentLabel && !found.some((o) => o.value === value) ? [{ value, label: currentLabel }, ...found] : found

  return (
    <Select
      searchable
      clearable
      placeholder="No user account"
      nothingFoundMessage={users.isFetching ? 'Searching…' : 'No user matches'}
      {...props}
      data={data}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onDropdownOpen={() => {
        setOpened(true)
      }}
    />
  )
}
