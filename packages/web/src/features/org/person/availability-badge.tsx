import { Badge, Group, Text, Tooltip } from '@mantine/core'
import { IconClock } from '@tabler/icons-react'
import { useAvailability } from '../../../api/org-calendars.ts'
import { timeIn } from '../availability.ts'

/** "Working now" or "Not working now", with the person's local time and time zone. */
export function AvailabilityBadge(props: { employeeId: string }) {
  const availability = useAvailability(props.employeeId, null)
  if (!availability.data) return null
  const { workingNow, timeZone } = availability.data
  const time = timeIn(timeZone)
  return (
    <Group gap={6} wrap="nowrap">
      <Badge variant="dot" color={workingNow ? 'teal' : 'gray'}>
        {workingNow ? 'Working now' : 'Not working now'}
      </Badge>
      {time ? (
        <Tooltip label={`Their time zone: ${timeZone}`}>
          <Group gap={4} wrap="nowrap">
            <IconClock size={16} aria-hidden="true" color="var(--mantine-color-dimmed)" />
            <Text size="sm">
              {time} local time ({timeZone})
            </Text>
          </Group>
        </Tooltip>
      ) : null}
    </Group>
  )
}
