import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconBook2, IconChevronDown, IconKey, IconLogout, IconUserCircle } from '@tabler/icons-react'
import { Link, useNavigate } from '@tanstack/react-router'
import { useLogout } from '../../api/session.ts'
import type { SessionReply } from '../../api/types.ts'

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean)
  const first = parts[0]?.[0] ?? '?'
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : ''
  return (first + last).toUpperCase()
}

export function UserMenu(props: { session: SessionReply }) {
  const logout = useLogout()
  const navigate = useNavigate()
  const { user } = props.session

  const signOut = () => {
    logout.mutate(undefined, {
      onSettled: () => {
        notifications.show({ message: 'You have signed out.' })
        void navigate({ to: '/sign-in' })
      },
    })
  }

  return (
    <Menu position="bottom-end" width={240} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={`Account menu for ${user.displayName}`} style={{ borderRadius: 999 }} p={4}>
          <Group gap={8} wrap="nowrap">
            <Avatar color="blue" radius="xl" size={32}>
              {initials(user.displayName)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="md" maw={160} truncate>
              {user.displayName}
            </Text>
            <IconChevronDown size={14} aria-hidden="true" />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate>
            {user.displayName}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {user.email}
          </Text>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item component={Link} to="/profile" leftSection={<IconUserCircle size={16} />}>
          Profile
        </Menu.Item>
        <Menu.Item component={Link} to="/tokens" leftSection={<IconKey size={16} />}>
          API tokens
        </Menu.Item>
        <Menu.Item component="a" href="/api/docs" target="_blank" rel="noopener" leftSection={<IconBook2 size={16} />}>
          API reference
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" leftSection={<IconLogout size={16} />} onClick={signOut}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  )
}
