import { Badge, Button } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconCheck, IconCircleCheck } from '@tabler/icons-react'
import { errorMessage } from '../../../api/client.ts'
import { useAcknowledgeAnnouncement, useAcknowledgePolicy } from '../../../api/intranet.ts'
import { formatDateTime } from '../../../ui/format.ts'

/** “Acknowledge” for an item that asks for it, or when it was acknowledged. */
export function AcknowledgeButton(
  props: ({ kind: 'announcement'; id: string } | { kind: 'policy'; policyId: string; versionId: string }) & {
    acknowledgedAt: string | null
    title: string
    size?: 'xs' | 'sm'
  },
) {
  const announcement = useAcknowledgeAnnouncement()
  const policy = useAcknowledgePolicy()
  const pending = announcement.isPending || policy.isPending
  if (props.acknowledgedAt)
    return (
      <Badge color="teal" variant="light" leftSection={<IconCircleCheck size={14} aria-hidden="true" />}>
        Acknowledged {formatDateTime(props.acknowledgedAt)}
      </Badge>
    )
  const onError = (err: unknown) => notifications.show({ color: 'red', message: errorMessage(err) })
  const onSuccess = () => notifications.show({ color: 'teal', message: `You acknowledged “${props.title}”.` })
  return (
    <Button
      size={props.size ?? 'sm'}
      color="teal"
      leftSection={<IconCheck size={16} aria-hidden="true" />}
      loading={pending}
      aria-label={`Acknowledge ${props.title}`}
      onClick={() => {
        if (props.kind === 'announcement') announcement.mutate(props.id, { onSuccess, onError })
        else policy.mutate({ policyId: props.policyId, versionId: props.versionId }, { onSuccess, onError })
      }}
    >
      Acknowledge
    </Button>
  )
}
