import { Badge } from '@mantine/core'
import type { AnnouncementStatus } from '../../../api/intranet.ts'

const COLORS: Record<AnnouncementStatus, string> = {
  published: 'teal',
  scheduled: 'blue',
  expired: 'gray',
  withdrawn: 'red',
}
const LABELS: Record<AnnouncementStatus, string> = {
  published: 'Published',
  scheduled: 'Scheduled',
  expired: 'Expired',
  withdrawn: 'Withdrawn',
}

export function StatusBadge(props: { status: AnnouncementStatus }) {
  return (
    <Badge color={COLORS[props.status]} variant="light">
      {LABELS[props.status]}
    </Badge>
  )
}
