import { Button, Card, Group, Stack, Switch } from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { ErrorState, TableSkeleton } from '../../../ui/query-states.tsx'

/** The frame of a structure tab: "show archived", a create button, and the list's loading and error states. */
export function StructureList(props: {
  showArchived: boolean
  onShowArchived: (show: boolean) => void
  createLabel: string | null
  onCreate: () => void
  /** Further buttons beside the create button (e.g. an export). */
  actions?: ReactNode
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown }
  children: ReactNode
}) {
  return (
    <Card withBorder padding={0}>
      <Group p="md" justify="space-between" wrap="wrap">
        <Switch
          label="Show archived"
          checked={props.showArchived}
          onChange={(e) => {
            props.onShowArchived(e.currentTarget.checked)
          }}
        />
        <Group gap="sm">
          {props.actions}
          {props.createLabel ? (
            <Button leftSection={<IconPlus size={18} />} onClick={props.onCreate}>
              {props.createLabel}
            </Button>
          ) : null}
        </Group>
      </Group>
      {props.query.isPending ? (
        <Stack p="md">
          <TableSkeleton />
        </Stack>
      ) : props.query.isError ? (
        <Stack p="md">
          <ErrorState error={props.query.error} onRetry={() => void props.query.refetch()} />
        </Stack>
      ) : (
        props.children
      )}
    </Card>
  )
}
