import { ActionIcon, Group, Tooltip } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconArchive, IconArchiveOff, IconPencil } from '@tabler/icons-react'
import { useState } from 'react'
import { useSetArchived, type StructureKind } from '../../../api/org-structure.ts'
import { ConfirmModal } from '../../../ui/confirm-modal.tsx'

/** Edit, archive and restore buttons of one row of the structure (for those who may manage it). */
export function RowActions(props: {
  kind: StructureKind
  id: string
  name: string
  archived: boolean
  /** What archiving means for this kind of thing, shown before it happens. */
  archiveNote: string
  onEdit: () => void
}) {
  const setArchived = useSetArchived(props.kind)
  const [confirming, setConfirming] = useState(false)
  const close = () => {
    setConfirming(false)
    setArchived.reset()
  }
  const run = (archived: boolean) => {
    setArchived.mutate(
      { id: props.id, archived },
      {
        onSuccess: () => {
          close()
          notifications.show({
            color: 'teal',
            message: `${props.name} was ${archived ? 'archived' : 'restored'}.`,
          })
        },
        onError: (err) => {
          if (!archived) notifications.show({ color: 'red', title: 'Not restored', message: err.message })
        },
      },
    )
  }

  return (
    <Group gap={4} justify="flex-end" wrap="nowrap">
      {props.archived ? null : (
        <Tooltip label="Edit">
          <ActionIcon variant="subtle" color="gray" aria-label={`Edit ${props.name}`} onClick={props.onEdit}>
            <IconPencil size={16} />
          </ActionIcon>
        </Tooltip>
      )}
      {props.archived ? (
        <Tooltip label="Restore">
          <ActionIcon
            variant="subtle"
            color="teal"
            aria-label={`Restore ${props.name}`}
            loading={setArchived.isPending}
            onClick={() => {
              run(false)
            }}
          >
            <IconArchiveOff size={16} />
          </ActionIcon>
        </Tooltip>
      ) : (
        <Tooltip label="Archive">
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={`Archive ${props.name}`}
            onClick={() => {
              setConfirming(true)
            }}
          >
            <IconArchive size={16} />
          </ActionIcon>
        </Tooltip>
      )}
      <ConfirmModal
        opened={confirming}
        onClose={close}
        title={`Archive ${props.name}?`}
        confirmLabel="Archive"
        loading={setArchived.isPending}
        error={setArchived.error}
        onConfirm={() => {
          run(true)
        }}
      >
        {props.archiveNote} You can restore it later.
      </ConfirmModal>
    </Group>
  )
}
