import { Badge } from '@mantine/core'
import type { UserStatus } from '../../../api/types.ts'

const look: Record<UserStatus, { color: string; label: string }> = {
  active: { color: 'teal', label: 'Active' },
  invited: { color: 'blue', label: 'Invited' },
  deactivated: { color: 'gray', label: 'Deactivated' },
}

export function UserStatusBadge(props: { status: UserStatus }) {
  const { color, label } = look[props.status]
  return (
    <Badge color={color} variant="light">
      {label}
    </Badge>
  )
}
