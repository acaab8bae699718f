import { Alert, Button, Stack, Text } from '@mantine/core'
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react'
import { isApiError } from '../../api/client.ts'

/** A write answered 409: someone changed the record since it was read. */
export const isStale = (err: unknown) => isApiError(err) && err.status === 409

export function StaleAlert(props: { what: string; onReload: () => void }) {
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={`Someone else changed this ${props.what}`}
      role="alert"
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">Your changes were not saved. Reload to see the latest version, then try again.</Text>
        <Button
          size="xs"
          variant="light"
          color="orange"
          leftSection={<IconRefresh size={14} />}
          onClick={props.onReload}
        >
          Reload
        </Button>
      </Stack>
    </Alert>
  )
}
