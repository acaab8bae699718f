import '@mantine/dates/styles.css'

import { DateTimePicker, type DateTimePickerProps } from '@mantine/dates'
import { IconClock } from '@tabler/icons-react'
import dayjs from 'dayjs'

/** An instant picked in the browser's time zone; the form keeps Mantine's local 'YYYY-MM-DD HH:mm:ss' string. */
export function DateTimeField(props: Omit<DateTimePickerProps, 'ref'>) {
  return (
    <DateTimePicker
      valueFormat="D MMM YYYY, HH:mm"
      placeholder="Pick a date and time"
      firstDayOfWeek={1}
      clearable
      leftSection={<IconClock size={16} aria-hidden="true" />}
      popoverProps={{ withinPortal: true }}
      {...props}
    />
  )
}

/** The picker's local value as an ISO instant for the API (null when empty). */
export const toInstant = (local: string | null): string | null => (local ? dayjs(local).toISOString() : null)

/** An ISO instant from the API as the picker's local value. */
export const toLocal = (iso: string | null): string | null => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : null)
