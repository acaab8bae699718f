import { Button, Center, Code, EmptyState, Stack } from '@mantine/core'
import { IconAlertTriangle, IconMap2 } from '@tabler/icons-react'
import type { ErrorComponentProps } from '@tanstack/react-router'
import { ButtonLink } from '../../ui/links.tsx'

export function NotFound() {
  return (
    <Center mih="60vh" p="md">
      <EmptyState
        variant="light"
        icon={<IconMap2 size={28} />}
        title="Page not found"
        description="The page you were looking for does not exist or has moved."
      >
        <EmptyState.Actions>
          <ButtonLink to="/">Go to the start page</ButtonLink>
        </EmptyState.Actions>
      </EmptyState>
    </Center>
  )
}

export function RouteError({ error, reset }: ErrorComponentProps) {
  return (
    <Center mih="60vh" p="md">
      <Stack align="center">
        <EmptyState
          variant="light"
          color="red"
          icon={<IconAlertTriangle size={28} />}
          title="Something went wrong"
          description="This page failed to load. Trying again often helps."
        />
        {error instanceof Error ? <Code>{error.message}</Code> : null}
        <Button onClick={reset}>Try again</Button>
      </Stack>
    </Center>
  )
}
