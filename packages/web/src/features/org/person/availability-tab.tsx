import { ActionIcon, Alert, Badge, Box, Button, Card, Group, Stack, Table, Text, Title, Tooltip } from '@mantine/core'
import { IconCalendarOff, IconClockEdit, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import { errorMessage } from '../../../api/client.ts'
import { useAvailability, useRemoveAbsence } from '../../../api/org-calendars.ts'
import type { Availability, Employee } from '../../../api/types.ts'
import { formatDateTime } from '../../../ui/format.ts'
import { ErrorState, LoadingState } from '../../../ui/query-states.tsx'
import { clipToDay, hoursOf, startOfWeekIn } from '../availability.ts'
import { weekdays } from '../weekly-hours-editor.tsx'
import { AbsenceModal } from './absence-modal.tsx'
import { WorkingHoursModal } from './working-hours-modal.tsx'

type Dialog = 'absence' | 'hours' | null

/** This week's working periods day by day (in the person's time zone), total hours, and absences. */
export function AvailabilityTab(props: { employee: Employee; canManage: boolean }) {
  const { employee } = props
  // The time zone comes with the answer: ask for the coming week first, then for this week in their zone.
  const probe = useAvailability(employee.id, null)
  const timeZone = probe.data?.timeZone ?? null
  const monday = timeZone ? startOfWeekIn(timeZone) : null
  const window = monday ? { from: monday.toISOString(), to: monday.add(7, 'day').toISOString() } : null
  const week = useAvailability(employee.id, window, window !== null)
  const [dialog, setDialog] = useState<Dialog>(null)
  const close = () => {
    setDialog(null)
  }

  if (probe.isError) return <ErrorState error={probe.error} onRetry={() => void probe.refetch()} />
  if (week.isError) return <ErrorState error={week.error} onRetry={() => void week.refetch()} />
  if (!week.data || !monday || !timeZone) return <LoadingState label="Loading availability…" />

  return (
    <Stack gap="md">
      <Card withBorder padding="lg">
        <Group justify="space-between" mb="sm" wrap="wrap">
          <div>
            <Title order={2} fz="md">
              This week
            </Title>
            <Text size="sm" c="dimmed">
              {hoursOf(week.data.workingMs)} working hours, in {timeZone} time. Public holidays and absences are left
              out.
            </Text>
          </div>
          {props.canManage ? (
            <Group gap="sm">
              <Button
                variant="default"
                leftSection={<IconClockEdit size={16} />}
                onClick={() => {
                  setDialog('hours')
                }}
              >
                Working hours
              </Button>
              <Button
                leftSection={<IconCalendarOff size={16} />}
                onClick={() => {
                  setDialog('absence')
                }}
              >
                Record absence
              </Button>
            </Group>
          ) : null}
        </Group>
        <WeekView availability={week.data} monday={monday} timeZone={timeZone} />
      </Card>
      <Absences employeeId={employee.id} availability={week.data} canManage={props.canManage} />
      {props.canManage ? (
        <>
          <AbsenceModal opened={dialog === 'absence'} onClose={close} employee={employee} />
          <WorkingHoursModal opened={dialog === 'hours'} onClose={close} employee={employee} timeZone={timeZone} />
        </>
      ) : null}
    </Stack>
  )
}

function WeekView(props: { availability: Availability; monday: ReturnType<typeof startOfWeekIn>; timeZone: string }) {
  const { availability, monday, timeZone } = props
  return (
    <Stack gap={6} role="list" aria-label="Working periods this week">
      {weekdays.map((name, i) => {
        const start = monday.add(i, 'day')
        const end = monday.add(i + 1, 'day')
        const work = clipToDay(availability.periods, start, end, timeZone)
        const away = clipToDay(
          availability.absences.map((a) => ({ start: a.startsAt, end: a.endsAt })),
          start,
          end,
          timeZone,
        )
        const label = work.length ? work.map((w) => w.label).join(', ') : 'Not working'
        return (
          <Group key={name} gap="sm" wrap="nowrap" role="listitem" aria-label={`${name}: ${label}`}>
            <Text size="sm" w={110} style={{ flexShrink: 0 }}>
              {name.slice(0, 3)} {start.format('D MMM')}
            </Text>
            <Box
              pos="relative"
              h={22}
              style={{ flex: 1, borderRadius: 4, background: 'var(--mantine-color-default-hover)' }}
              aria-hidden="true"
            >
              {work.map((w, j) => (
                <Tooltip key={`w${j}`} label={w.label}>
                  <Box
                    pos="absolute"
                    top={0}
                    h="100%"
                    bg="teal.5"
                    style={{ left: `${w.from * 100}%`, width: `${(w.to - w.from) * 100}%`, borderRadius: 4 }}
                  />
                </Tooltip>
              ))}
              {away.map((w, j) => (
                <Tooltip key={`a${j}`} label={`Away ${w.label}`}>
                  <Box
                    pos="absolute"
                    bottom={0}
                    h={6}
                    bg="red.5"
                    style={{ left: `${w.from * 100}%`, width: `${(w.to - w.from) * 100}%`, borderRadius: 2 }}
                  />
                </Tooltip>
              ))}
            </Box>
            <Text size="xs" c="dimmed" w={150} style={{ flexShrink: 0 }}>
              {label}
            </Text>
          </Group>
        )
      })}
      <Group gap="md" mt={4}>
        <Group gap={4}>
          <Box w={12} h={12} bg="teal.5" style={{ borderRadius: 2 }} />
          <Text size="xs" c="dimmed">
            Working
          </Text>
        </Group>
        <Group gap={4}>
          <Box w={12} h={6} bg="red.5" style={{ borderRadius: 2 }} />
          <Text size="xs" c="dimmed">
            Away
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          Each bar is one day, midnight to midnight.
        </Text>
      </Group>
    </Stack>
  )
}

function Absences(props: { employeeId: string; availability: Availability; canManage: boolean }) {
  const remove = useRemoveAbsence(props.employeeId)
  const { absences } = props.availability
  return (
    <Card withBorder padding="lg">
      <Title order={2} fz="md" mb="sm">
        Absences this week
      </Title>
      {remove.isError ? (
        <Alert color="red" variant="light" role="alert" mb="sm">
          {errorMessage(remove.error)}
        </Alert>
      ) : null}
      {absences.length === 0 ? (
        <Text size="sm" c="dimmed">
          No absences recorded for this week (or none you may see).
        </Text>
      ) : (
        <Table aria-label="Absences">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>From (your time)</Table.Th>
              <Table.Th>Until (your time)</Table.Th>
              <Table.Th>Reason</Table.Th>
              {props.canManage ? (
                <Table.Th w={40}>
                  <span className="sr-only">Actions</span>
                </Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {absences.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{formatDateTime(a.startsAt)}</Table.Td>
                <Table.Td>{formatDateTime(a.endsAt)}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <Text size="sm">{a.reason}</Text>
                    {a.source !== 'org' ? (
                      <Badge size="xs" variant="light" color="gray">
                        {a.source}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                {props.canManage ? (
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove absence: ${a.reason}`}
                      loading={remove.isPending && remove.variables === a.id}
                      onClick={() => {
                        remove.mutate(a.id)
                      }}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  )
}
