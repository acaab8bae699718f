import { Alert, Button, Center, EmptyState, Group, Loader, Skeleton, Stack, Text } from '@mantine/core'
import { IconAlertTriangle, IconLock } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { errorMessage } from '../api/client.ts'

export function LoadingState(props: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed" size="sm">
          {props.label ?? 'Loading…'}
        </Text>
      </Group>
    </Center>
  )
}

export function TableSkeleton(props: { rows?: number }) {
  return (
    <Stack gap="xs" role="status" aria-label="Loading">
      {Array.from({ length: props.rows ?? 5 }, (_, i) => (
        <Skeleton key={i} height={36} radius="sm" />
      ))}
    </Stack>
  )
}

export function ErrorState(props: { error: unknown; onRetry?: () => void; title?: string }) {
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={props.title ?? 'Could not load this'}
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorMessage(props.error)}</Text>
        {props.onRetry ? (
          <Button size="xs" variant="white" color="red" onClick={props.onRetry}>
            Try again
          </Button>
        ) : null}
      </Stack>
    </Alert>
  )
}

export function Empty(props: { icon: ReactNode; title: string; description?: ReactNode; action?: ReactNode }) {
  return (
    <EmptyState py="xl" variant="light" icon={props.icon} title={props.title} description={props.description}>
      {props.action ? <EmptyState.Actions>{props.action}</EmptyState.Actions> : null}
    </EmptyState>
  )
}

export function NoAccess() {
  return (
    <Empty
      icon={<IconLock size={28} />}
      title="You don't have access to this page"
      description="Ask an administrator of your company for a role that includes it."
    />
  )
}
