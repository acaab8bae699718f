import { Anchor, Badge, Breadcrumbs, Button, Card, Group, Select, Stack, Text } from '@mantine/core'
import {
  IconArrowsMaximize,
  IconArrowsMinimize,
  IconCalendarEvent,
  IconHierarchy2,
  IconSearch,
  IconUserPlus,
} from '@tabler/icons-react'
import { getRouteApi, useNavigate } from '@tanstack/react-router'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useOrgChart } from '../../../api/org-people.ts'
import { perms, useCan } from '../../../app/auth.ts'
import { formatDate } from '../../../ui/format.ts'
import { ButtonLink } from '../../../ui/links.tsx'
import { PageHeader } from '../../../ui/page-header.tsx'
import { Empty, ErrorState, LoadingState, NoAccess } from '../../../ui/query-states.tsx'
import { DateField } from '../date-field.tsx'
import { todayDate } from '../labels.ts'
import { PersonAvatar } from '../person-avatar.tsx'
import { allManagers, ancestorsOf, buildTree, initialExpanded, type ChartTree } from './chart-tree.ts'
import { ChartView } from './chart-view.tsx'

const route = getRouteApi('/app/org/chart')

export interface ChartSearch {
  asOf?: string | undefined
  focus?: string | undefined
}

export function OrgChartPage() {
  const can = useCan()
  if (!can(perms.orgDirectoryRead)) return <NoAccess />
  return <OrgChart canHire={can(perms.orgEmployeeManage)} />
}

function OrgChart(props: { canHire: boolean }) {
  const search = route.useSearch()
  const navigate = useNavigate()
  const chart = useOrgChart(search.asOf)
  const tree = useMemo(() => (chart.data ? buildTree(chart.data.nodes) : null), [chart.data])
  const asOf = chart.data?.asOf ?? search.asOf ?? todayDate()
  const historic = search.asOf !== undefined && search.asOf !== todayDate()

  const setSearch = (patch: Partial<ChartSearch>) => {
    const next = { ...search, ...patch }
    void navigate({
      to: '/org/chart',
      search: Object.fromEntries(Object.entries(next).filter(([, v]) => v)) as ChartSearch,
      replace: true,
    })
  }

  return (
    <>
      <PageHeader
        title="Org chart"
        description="Who reports to whom. Expand a person to see their team, search to find anyone, or pick a date to see the organisation as it was (or will be)."
        actions={
          <ButtonLink to="/people" variant="default">
            Directory
          </ButtonLink>
        }
      />
      {chart.isPending ? (
        <LoadingState label="Loading the org chart…" />
      ) : chart.isError ? (
        <ErrorState error={chart.error} onRetry={() => void chart.refetch()} />
      ) : tree ? (
        <ChartBody
          tree={tree}
          asOf={asOf}
          historic={historic}
          loading={chart.isPlaceholderData}
          focus={search.focus ?? null}
          canHire={props.canHire}
          onAsOf={(date) => {
            setSearch({ asOf: date && date !== todayDate() ? date : undefined })
          }}
          onFocus={(id) => {
            setSearch({ focus: id ?? undefined })
          }}
        />
      ) : null}
    </>
  )
}

function ChartBody(props: {
  tree: ChartTree
  asOf: string
  historic: boolean
  loading: boolean
  focus: string | null
  canHire: boolean
  onAsOf: (date: string | null) => void
  onFocus: (id: string | null) => void
}) {
  const { tree } = props
  // Null until the user expands or collapses: the first two levels open.
  const [expandedState, setExpanded] = useState<Set<string> | null>(null)
  const expanded = useMemo(() => expandedState ?? initialExpanded(tree), [expandedState, tree])
  const [reveal, setReveal] = useState<{ id: string; seq: number } | null>(null)
  const seq = useRef(0)
  const highlight = props.focus && tree.nodes.has(props.focus) ? props.focus : null

  const revealed = useRef<string | null>(null)
  const revealPerson = (id: string) => {
    revealed.current = `${id}@${props.asOf}`
    const next = new Set(expanded)
    for (const a of ancestorsOf(tree, id)) next.add(a)
    setExpanded(next)
    seq.current += 1
    setReveal({ id, seq: seq.current })
    if (id !== props.focus) props.onFocus(id)
  }

  // Arriving with ?focus= (from a profile), or after a date change: show that person.
  useEffect(() => {
    const key = props.focus ? `${props.focus}@${props.asOf}` : null
    if (key && props.focus && tree.nodes.has(props.focus) && revealed.current !== key) {
      revealed.current = key
      revealPerson(props.focus)
    }
  })

  const toggle = (id: string) => {
    setExpanded((prev) => {
      const next = new Set(prev ?? initialExpanded(tree))
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  }

  const options = useMemo(
    () =>
      [...tree.nodes.values()].map((n) => ({
        value: n.id,
        label: n.name,
      })),
    [tree],
  )
  const path = highlight ? [...ancestorsOf(tree, highlight), highlight] : []

  return (
    <Stack gap="md">
      <Card withBorder padding="md">
        <Group gap="md" align="flex-end" wrap="wrap">
          <Select
            label="Find a person"
            placeholder="Type a name"
            leftSection={<IconSearch size={16} aria-hidden="true" />}
            searchable
            clearable
            limit={20}
            data={options}
            value={highlight}
            onChange={(id) => {
              if (id) revealPerson(id)
              else props.onFocus(null)
            }}
            nothingFoundMessage="Nobody by that name on this date"
            renderOption={({ option }) => {
              const n = tree.nodes.get(option.value)
              return (
                <Group gap="sm" wrap="nowrap">
                  <PersonAvatar id={option.value} name={option.label} hasPhoto={n?.hasPhoto ?? false} size={26} />
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text size="sm" truncate>
                      {option.label}
                    </Text>
                    {n?.position ? (
                      <Text size="xs" c="dimmed" truncate>
                        {n.position}
                      </Text>
                    ) : null}
                  </Stack>
                </Group>
              )
            }}
            style={{ flex: '1 1 260px', maxWidth: 380 }}
          />
          <DateField
            label="As of"
            value={props.asOf}
            onChange={(d) => {
              props.onAsOf(d)
            }}
            leftSection={<IconCalendarEvent size={16} aria-hidden="true" />}
            style={{ flex: '0 1 200px' }}
          />
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconArrowsMaximize size={16} />}
              onClick={() => {
                setExpanded(allManagers(tree))
              }}
            >
              Expand all
            </Button>
            <Button
              variant="default"
              leftSection={<IconArrowsMinimize size={16} />}
              onClick={() => {
                setExpanded(initialExpanded(tree))
              }}
            >
              Top levels only
            </Button>
          </Group>
        </Group>
        <Group gap="sm" mt="sm" justify="space-between" wrap="wrap">
          <Group gap="xs">
            <Text size="sm" c="dimmed" aria-live="polite">
              {tree.nodes.size} {tree.nodes.size === 1 ? 'person' : 'people'} on {formatDate(props.asOf)}
            </Text>
            {props.historic ? (
              <>
                <Badge variant="light" color="violet">
                  {props.asOf < todayDate() ? 'History' : 'Planned'}
                </Badge>
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  onClick={() => {
                    props.onAsOf(null)
                  }}
                >
                  Back to today
                </Anchor>
              </>
            ) : null}
          </Group>
          {path.length > 0 ? (
            <nav aria-label="Reporting line">
              <Breadcrumbs separator="›">
                {path.map((id) => (
                  <Anchor
                    key={id}
                    component="button"
                    type="button"
                    size="sm"
                    fw={id === highlight ? 600 : undefined}
                    onClick={() => {
                      revealPerson(id)
                    }}
                  >
                    {tree.nodes.get(id)?.name}
                  </Anchor>
                ))}
              </Breadcrumbs>
            </nav>
          ) : null}
        </Group>
      </Card>

      <Card withBorder padding={0} style={{ opacity: props.loading ? 0.6 : 1 }}>
        {tree.nodes.size === 0 ? (
          <Empty
            icon={<IconHierarchy2 size={28} />}
            title={props.historic ? `Nobody worked here on ${formatDate(props.asOf)}` : 'Nobody in the org chart yet'}
            description={
              props.historic
                ? 'Pick a later date, or go back to today.'
                : 'People appear here once they are hired; their manager decides where.'
            }
            action={
              props.canHire && !props.historic ? (
                <ButtonLink to="/people/hire" leftSection={<IconUserPlus size={18} />}>
                  Hire
                </ButtonLink>
              ) : null
            }
          />
        ) : (
          <ChartView
            tree={tree}
            expanded={expanded}
            onToggle={toggle}
            highlightId={highlight}
            reveal={reveal}
            height="max(420px, calc(100dvh - 340px))"
          />
        )}
      </Card>
      <Text size="xs" c="dimmed">
        Keyboard: ↑ ↓ to move, → to open a team, ← to close it or go to the manager, Enter to open the profile.
      </Text>
    </Stack>
  )
}
