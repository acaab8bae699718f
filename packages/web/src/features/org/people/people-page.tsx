import {
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconFilterOff, IconHierarchy2, IconSearch, IconUserPlus, IconUsersGroup } from '@tabler/icons-react'
import { getRouteApi, useNavigate } from '@tanstack/react-router'
import { useEffect, useState } from 'react'
import { useDirectory, useEmployeeRecords } from '../../../api/org-people.ts'
import { perms, reachOf, useCan, useSession } from '../../../app/auth.ts'
import { ButtonLink } from '../../../ui/links.tsx'
import { PageHeader } from '../../../ui/page-header.tsx'
import { Empty, ErrorState, NoAccess } from '../../../ui/query-states.tsx'
import { skillLevels } from '../skills.ts'
import { DepartmentSelect, LocationSelect, PositionSelect, SkillSelect, TeamSelect } from '../structure-selects.tsx'
import { ExportButton } from '../export-button.tsx'
import { PersonCard } from './person-card.tsx'

const route = getRouteApi('/app/people')

export interface PeopleSearch {
  q?: string | undefined
  department?: string | undefined
  team?: string | undefined
  position?: string | undefined
  location?: string | undefined
  skill?: string | undefined
  /** With a skill: at least this level (1 basic … 5 expert). */
  level?: number | undefined
  /** Former employees (records within the user's reach) instead of the directory. */
  who?: 'former' | undefined
}

export function PeoplePage() {
  const can = useCan()
  const session = useSession()
  if (!can(perms.orgDirectoryRead)) return <NoAccess />
  return (
    <Directory
      canHire={can(perms.orgEmployeeManage)}
      canSeeStructure={can(perms.orgStructureRead)}
      canExport={can(perms.orgEmployeeRead)}
      canSeeFormer={![null, 'own'].includes(reachOf(session, perms.orgEmployeeRead))}
    />
  )
}

function Directory(props: { canHire: boolean; canSeeStructure: boolean; canSeeFormer: boolean; canExport: boolean }) {
  const search = route.useSearch()
  const navigate = useNavigate()
  const [q, setQ] = useState(search.q ?? '')
  const [debouncedQ] = useDebouncedValue(q.trim(), 300)

  const setSearch = (patch: Partial<PeopleSearch>) => {
    const next: Record<string, string | number | undefined> = { ...search, ...patch }
    const clean = Object.fromEntries(Object.entries(next).filter(([, v]) => v)) as PeopleSearch
    void navigate({ to: '/people', search: clean, replace: true })
  }

  // The search box writes to the address once typing pauses, so a reload or a shared link keeps it.
  useEffect(() => {
    if ((search.q ?? '') !== debouncedQ) setSearch({ q: debouncedQ || undefined })
  }, [debouncedQ])

  const former = props.canSeeFormer && search.who === 'former'
  const filters = {
    q: debouncedQ,
    ...(search.department ? { departmentId: search.department } : {}),
    ...(search.team ? { teamId: search.team } : {}),
    ...(search.position ? { positionId: search.position } : {}),
    ...(search.location ? { locationId: search.location } : {}),
    ...(search.skill ? { skillId: search.skill, ...(search.level ? { minLevel: search.level } : {}) } : {}),
  }
  const current = useDirectory(filters, { enabled: !former })
  const past = useEmployeeRecords({ ...filters, status: 'terminated' }, { enabled: former })
  const people = former ? past : current
  const rows = people.data?.pages.flatMap((p) => p.items) ?? []
  const filtered =
    debouncedQ !== '' || !!(search.department ?? search.team ?? search.position ?? search.location ?? search.skill)
  const clear = () => {
    setQ('')
    void navigate({ to: '/people', search: former ? { who: 'former' } : {}, replace: true })
  }
  const hire = props.canHire ? (
    <ButtonLink to="/people/hire" leftSection={<IconUserPlus size={18} />}>
      Hire
    </ButtonLink>
  ) : null

  return (
    <>
      <PageHeader
        title="People"
        description="Everyone who works here: find a colleague by name, e-mail or employee number, or narrow by where they sit."
        actions={
          <>
            <ButtonLink to="/org/chart" variant="default" leftSection={<IconHierarchy2 size={18} />}>
              Org chart
            </ButtonLink>
            {props.canExport ? <ExportButton kind="employees" /> : null}
            {hire}
          </>
        }
      />

      <Card withBorder padding="md" mb="md" component="section" aria-label="Search and filters">
        <Stack gap="sm">
          <TextInput
            aria-label="Search people"
            placeholder="Search by name, e-mail or employee number"
            leftSection={<IconSearch size={16} aria-hidden="true" />}
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value)
            }}
            type="search"
          />
          {props.canSeeStructure ? (
            <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
              <DepartmentSelect
                label="Department"
                placeholder="Any department"
                value={search.department ?? null}
                onChange={(v) => {
                  setSearch({ department: v ?? undefined, team: undefined })
                }}
              />
              <TeamSelect
                label="Team"
                placeholder={search.department ? 'Any team' : 'Choose a department first'}
                departmentId={search.department ?? null}
                value={search.team ?? null}
                onChange={(v) => {
                  setSearch({ team: v ?? undefined })
                }}
              />
              <PositionSelect
                label="Position"
                placeholder="Any position"
                value={search.position ?? null}
                onChange={(v) => {
                  setSearch({ position: v ?? undefined })
                }}
              />
              <LocationSelect
                label="Location"
                placeholder="Any location"
                value={search.location ?? null}
                onChange={(v) => {
                  setSearch({ location: v ?? undefined })
                }}
              />
              <SkillSelect
                label="Skill"
                placeholder="Any skill"
                value={search.skill ?? null}
                onChange={(v) => {
                  setSearch({ skill: v ?? undefined, ...(v ? {} : { level: undefined }) })
                }}
              />
              <Select
                label="Minimum level"
                placeholder={search.skill ? 'Any level' : 'Choose a skill first'}
                disabled={!search.skill}
                clearable
                data={skillLevels.map((l) => ({ value: String(l.value), label: `${l.value} · ${l.label}` }))}
                value={search.level ? String(search.level) : null}
                onChange={(v) => {
                  setSearch({ level: v ? Number(v) : undefined })
                }}
              />
            </SimpleGrid>
          ) : null}
          {filtered || props.canSeeFormer ? (
            <Group justify={props.canSeeFormer ? 'space-between' : 'flex-end'}>
              {props.canSeeFormer ? (
                <SegmentedControl
                  aria-label="Who"
                  size="xs"
                  value={former ? 'former' : 'current'}
                  onChange={(v) => {
                    setSearch({ who: v === 'former' ? 'former' : undefined })
                  }}
                  data={[
                    { value: 'current', label: 'Current' },
                    { value: 'former', label: 'Former employees' },
                  ]}
                />
              ) : null}
              {filtered ? (
                <Button variant="subtle" size="xs" leftSection={<IconFilterOff size={14} />} onClick={clear}>
                  Clear search and filters
                </Button>
              ) : null}
            </Group>
          ) : null}
        </Stack>
      </Card>

      {people.isPending ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} role="status" aria-label="Loading">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} height={120} radius="md" />
          ))}
        </SimpleGrid>
      ) : people.isError ? (
        <ErrorState error={people.error} onRetry={() => void people.refetch()} />
      ) : rows.length === 0 ? (
        <Card withBorder>
          {former && !filtered ? (
            <Empty
              icon={<IconUsersGroup size={28} />}
              title="Nobody has left"
              description="People whose employment has ended appear here, with their records kept read-only."
            />
          ) : filtered ? (
            <Empty
              icon={<IconSearch size={28} />}
              title="Nobody matches"
              description="Try another name or spelling, or clear a filter."
              action={
                <Button variant="default" onClick={clear}>
                  Clear search and filters
                </Button>
              }
            />
          ) : (
            <Empty
              icon={<IconUsersGroup size={28} />}
              title="No one in the directory yet"
              description={
                props.canHire
                  ? 'Hire the first people to build the directory and the org chart. Set up departments, teams and positions under Organization first to place them.'
                  : 'Colleagues appear here once HR has added them.'
              }
              action={hire}
            />
          )}
        </Card>
      ) : (
        <>
          <Text size="sm" c="dimmed" mb="xs" aria-live="polite">
            {people.hasNextPage
              ? `Showing the first ${rows.length} people`
              : `${rows.length} ${rows.length === 1 ? 'person' : 'people'}`}
          </Text>
          <SimpleGrid
            cols={{ base: 1, sm: 2, lg: 3 }}
            spacing="md"
            style={{ opacity: people.isPlaceholderData ? 0.6 : 1 }}
          >
            {rows.map((p) => (
              <PersonCard key={p.id} person={p} />
            ))}
          </SimpleGrid>
          {people.hasNextPage ? (
            <Group justify="center" p="md">
              <Button variant="default" onClick={() => void people.fetchNextPage()} loading={people.isFetchingNextPage}>
                Load more
              </Button>
            </Group>
          ) : null}
        </>
      )}
    </>
  )
}
