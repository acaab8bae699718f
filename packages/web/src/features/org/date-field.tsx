import '@mantine/dates/styles.css'

import { DateInput, type DateInputProps } from '@mantine/dates'
import { IconCalendar } from '@tabler/icons-react'

/**
 * A calendar date (yyyy-mm-dd) that can be typed ("2026-03-01" or "1 Mar 2026") or picked.
 * The value stays a string: dates are calendar days here, never instants.
 */
export function DateField(props: DateInputProps) {
  return (
    <DateInput
      valueFormat="D MMM YYYY"
      placeholder="Pick or type a date"
      firstDayOfWeek={1}
      leftSection={<IconCalendar size={16} aria-hidden="true" />}
      popoverProps={{ withinPortal: true }}
      {...props}
    />
  )
}
