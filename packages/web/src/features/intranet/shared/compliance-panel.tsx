import {
  Badge,
  Button,
  Card,
  Group,
  Progress,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconChecks, IconSearch } from '@tabler/icons-react'
import { useState } from 'react'
import { useCompliance, useReminderSettings, type ComplianceFilters } from '../../../api/intranet.ts'
import { useDepartments, useTeams } from '../../../api/org-structure.ts'
import { formatDateTime } from '../../../ui/format.ts'
import { Empty, ErrorState, TableSkeleton } from '../../../ui/query-states.tsx'

type Item = { kind: 'announcement'; id: string } | { kind: 'policy'; id: string; versionId: string }
type Status = NonNullable<ComplianceFilters['status']>

const REACH_LABEL = {
  company: 'everyone in the audience',
  department: 'the people of your departments',
  team: 'the people of your teams',
  own: 'yourself',
} as const

/**
 * Who of the audience has acknowledged an item, within the viewer's
 * intranet.compliance.read reach: counts, then the people, filterable by
 * status, department, team and name, fifty at a time.
 */
export function CompliancePanel(props: { item: Item; title?: string; remindersApply?: boolean }) {
  const [status, setStatus] = useState<Status>('pending')
  const [departmentId, setDepartmentId] = useState<string | null>(null)
  const [teamId, setTeamId] = useState<string | null>(null)
  const [q, setQ] = useState('')
  const [debouncedQ] = useDebouncedValue(q, 250)
  const departments = useDepartments()
  const teams = useTeams()
  const reminders = useReminderSettings(props.remindersApply ?? false)
  const compliance = useCompliance(props.item, {
    status,
    ...(departmentId ? { departmentId } : {}),
    ...(teamId ? { teamId } : {}),
    ...(debouncedQ.trim() ? { q: debouncedQ.trim() } : {}),
  })
  const first = compliance.data?.pages[0]
  const rows = compliance.data?.pages.flatMap((p) => p.items) ?? []
  const percent = first && first.audienceSize > 0 ? Math.round((first.acknowledgedCount / first.audienceSize) * 100) : 0

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="compliance-title">
      <Stack>
        <Group justify="space-between" align="flex-end">
          <Stack gap={2}>
            <Title order={2} fz="lg" id="compliance-title">
              {props.title ?? 'Acknowledgements'}
            </Title>
            {first ? (
              <Text size="sm" c="dimmed">
                Counting {REACH_LABEL[first.reach]}.
                {reminders.data
                  ? ` Those who have not acknowledged it get an e-mail reminder ${String(reminders.data.afterDays)} days after publication, then every ${String(reminders.data.intervalDays)} days.`
                  : ''}
              </Text>
            ) : null}
          </Stack>
        </Group>
        {compliance.isError ? (
          <ErrorState error={compliance.error} onRetry={() => void compliance.refetch()} />
        ) : !first ? (
          <TableSkeleton rows={3} />
        ) : (
          <>
            <SimpleGrid cols={{ base: 2, sm: first.readCount === null ? 3 : 4 }}>
              <Stat label="Audience" value={first.audienceSize} testId="compliance-audience" />
              {first.readCount !== null ? <Stat label="Read" value={first.readCount} testId="compliance-read" /> : null}
              <Stat label="Acknowledged" value={first.acknowledgedCount} testId="compliance-acknowledged" />
              <Stat label="Pending" value={first.pendingCount} testId="compliance-pending" />
            </SimpleGrid>
            <Progress value={percent} color="teal" aria-label={`${String(percent)}% acknowledged`} />
            <Group gap="sm" align="flex-end" wrap="wrap">
              <SegmentedControl
                aria-label="Show"
                value={status}
                onChange={(v) => {
                  setStatus(v)
                }}
                data={[
                  { value: 'pending', label: 'Not yet' },
                  { value: 'acknowledged', label: 'Acknowledged' },
                  { value: 'all', label: 'Everyone' },
                ]}
              />
              <Select
                aria-label="Department"
                placeholder="Any department"
                clearable
                searchable
                value={departmentId}
                onChange={setDepartmentId}
                data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
                w={200}
              />
              <Select
                aria-label="Team"
                placeholder="Any team"
                clearable
                searchable
                value={teamId}
                onChange={setTeamId}
                data={(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
                w={200}
              />
              <TextInput
                aria-label="Name"
                placeholder="Find a person"
                leftSection={<IconSearch size={16} aria-hidden="true" />}
                value={q}
                onChange={(e) => {
                  setQ(e.currentTarget.value)
                }}
                w={200}
              />
            </Group>
            {rows.length === 0 ? (
              <Empty
                icon={<IconChecks size={28} />}
                title={status === 'pending' ? 'Nobody is waiting' : 'Nobody here'}
                description={
                  status === 'pending'
                    ? 'Everyone matching these filters has acknowledged it.'
                    : 'No one in the audience matches these filters.'
                }
              />
            ) : (
              <Table.ScrollContainer minWidth={560}>
                <Table aria-label="People in the audience" striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Name</Table.Th>
                      <Table.Th>Department</Table.Th>
                      <Table.Th>Team</Table.Th>
                      {first.readCount !== null ? <Table.Th>Read</Table.Th> : null}
                      <Table.Th>Acknowledged</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rows.map((r) => (
                      <Table.Tr key={r.employeeId}>
                        <Table.Td fw={500}>{r.name}</Table.Td>
                        <Table.Td>{r.department?.name ?? '—'}</Table.Td>
                        <Table.Td>{r.team?.name ?? '—'}</Table.Td>
                        {first.readCount !== null ? (
                          <Table.Td>{r.readAt ? formatDateTime(r.readAt) : 'Not opened'}</Table.Td>
                        ) : null}
                        <Table.Td>
                          {r.acknowledgedAt ? (
                            <Badge color="teal" variant="light">
                              {formatDateTime(r.acknowledgedAt)}
                            </Badge>
                          ) : (
                            <Badge color="orange" variant="light">
                              Pending
                            </Badge>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {compliance.hasNextPage ? (
              <Button
                variant="default"
                onClick={() => void compliance.fetchNextPage()}
                loading={compliance.isFetchingNextPage}
              >
                Show more
              </Button>
            ) : null}
          </>
        )}
      </Stack>
    </Card>
  )
}

function Stat(props: { label: string; value: number; testId: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {props.label}
      </Text>
      <Text fz={28} fw={700} data-testid={props.testId}>
        {props.value}
      </Text>
    </Stack>
  )
}
