import { Badge, Button, Group, Table, Text } from '@mantine/core'
import { IconMapPin, IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { useCalendars } from '../../../api/org-calendars.ts'
import { useLocations } from '../../../api/org-structure.ts'
import type { Location } from '../../../api/types.ts'
import { AnchorLink } from '../../../ui/links.tsx'
import { Empty } from '../../../ui/query-states.tsx'
import { countryName } from '../places.ts'
import { RowActions } from './archive-control.tsx'
import { LocationModal } from './location-modal.tsx'
import { StructureList } from './structure-list.tsx'

type Editing = { location: Location | null } | null

/** The time of day at a location now, e.g. "14:05". */
function localTime(timeZone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date())
  } catch {
    return null
  }
}

export function LocationsTab(props: { canManage: boolean }) {
  const [showArchived, setShowArchived] = useState(false)
  const locations = useLocations({ includeArchived: showArchived })
  const [editing, setEditing] = useState<Editing>(null)
  const calendars = useCalendars()
  const calendarName = (id: string | null) => {
    const calendar = id ? calendars.data?.find((c) => c.id === id) : calendars.data?.find((c) => c.isDefault)
    return calendar ? (id ? calendar.name : `${calendar.name} (default)`) : id ? null : 'Company default'
  }
  const rows = [...(locations.data ?? [])].sort((a, b) => a.name.localeCompare(b.name))
  const create = () => {
    setEditing({ location: null })
  }

  return (
    <>
      <StructureList
        showArchived={showArchived}
        onShowArchived={setShowArchived}
        createLabel={props.canManage ? 'New location' : null}
        onCreate={create}
        query={locations}
      >
        {rows.length === 0 ? (
          <Empty
            icon={<IconMapPin size={28} />}
            title="No locations yet"
            description="Offices and sites people work from, each with its time zone (working hours and holidays follow it)."
            action={
              props.canManage ? (
                <Button leftSection={<IconPlus size={18} />} onClick={create}>
                  Add the first location
                </Button>
              ) : null
            }
          />
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label="Locations">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Location</Table.Th>
                  <Table.Th>Time zone</Table.Th>
                  <Table.Th>Calendar</Table.Th>
                  <Table.Th>Address</Table.Th>
                  <Table.Th ta="right">People</Table.Th>
                  {props.canManage ? (
                    <Table.Th w={110}>
                      <span className="sr-only">Actions</span>
                    </Table.Th>
                  ) : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((l) => {
                  const time = localTime(l.timeZone)
                  const place = [l.address.city, countryName(l.address.countryCode)].filter(Boolean).join(', ')
                  return (
                    <Table.Tr key={l.id} style={{ opacity: l.archived ? 0.6 : 1 }}>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <AnchorLink to="/people" search={{ location: l.id }} fw={500} size="sm">
                            {l.name}
                          </AnchorLink>
                          {l.archived ? (
                            <Badge variant="light" color="gray" size="sm">
                              Archived
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{l.timeZone}</Text>
                        {time ? (
                          <Text size="xs" c="dimmed">
                            {time} there now
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{calendarName(l.calendarId) ?? '—'}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c={place ? 'var(--mantine-color-text)' : 'dimmed'}>
                          {place || 'No address'}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">{l.headcount}</Table.Td>
                      {props.canManage ? (
                        <Table.Td>
                          <RowActions
                            kind="locations"
                            id={l.id}
                            name={l.name}
                            archived={l.archived}
                            archiveNote="An archived location takes no new people. Its history is kept."
                            onEdit={() => {
                              setEditing({ location: l })
                            }}
                          />
                        </Table.Td>
                      ) : null}
                    </Table.Tr>
                  )
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </StructureList>
      {props.canManage ? (
        <LocationModal
          opened={editing !== null}
          location={editing?.location ?? null}
          onClose={() => {
            setEditing(null)
          }}
        />
      ) : null}
    </>
  )
}
