import { Alert, Button, Group, List, Modal, Stack, Text, TextInput, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useState } from 'react'
import { errorMessage } from '../../../api/client.ts'
import { useErasePersonalData, useErasurePreview } from '../../../api/org-documents.ts'
import type { Employee } from '../../../api/types.ts'
import { ErrorState, LoadingState } from '../../../ui/query-states.tsx'

/**
 * Erasure in two steps: the server's dry run says what goes, what stays and
 * why (or what blocks it); then the person's name, typed in full, confirms.
 */
export function ErasureModal(props: {
  employee: Employee
  opened: boolean
  onClose: () => void
  onErased: () => void
}) {
  const { employee } = props
  const preview = useErasurePreview(employee.id, props.opened)
  const erase = useErasePersonalData(employee.id)
  const [typed, setTyped] = useState('')
  const close = () => {
    setTyped('')
    erase.reset()
    props.onClose()
  }
  const plan = preview.data
  const blocked = plan ? plan.blockers.length > 0 : true
  const confirmed = typed.trim() === employee.legalName

  return (
    <Modal opened={props.opened} onClose={close} title={`Erase ${employee.name}’s personal data`} centered size="lg">
      {preview.isPending ? (
        <LoadingState label="Working out what would be erased…" />
      ) : preview.isError ? (
        <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
      ) : (
        <Stack>
          {plan?.blockers.map((b) => (
            <Alert key={b.code} color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
              {b.detail}
            </Alert>
          ))}
          <div>
            <Title order={3} fz="sm" mb={4}>
              Will be erased
            </Title>
            <List size="sm" spacing={2}>
              {plan?.erase.map((e) => (
                <List.Item key={e.item}>{e.detail}</List.Item>
              ))}
            </List>
          </div>
          <div>
            <Title order={3} fz="sm" mb={4}>
              Will be kept
            </Title>
            <List size="sm" spacing={2}>
              {plan?.keep.map((k) => (
                <List.Item key={k.item}>{k.detail}</List.Item>
              ))}
            </List>
          </div>
          {!blocked ? (
            <>
              <Text size="sm">
                This cannot be undone. The record will show as <b>{plan?.replacementName}</b>. To confirm, type the
                person’s legal name: <b>{employee.legalName}</b>
              </Text>
              <TextInput
                aria-label="Type the legal name to confirm"
                value={typed}
                onChange={(event) => {
                  setTyped(event.currentTarget.value)
                }}
                autoComplete="off"
                data-autofocus
              />
            </>
          ) : null}
          {erase.error ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(erase.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              color="red"
              disabled={blocked || !confirmed}
              loading={erase.isPending}
              onClick={() => {
                erase.mutate(undefined, {
                  onSuccess: () => {
                    notifications.show({ color: 'teal', message: 'The personal data was erased.' })
                    close()
                    props.onErased()
                  },
                })
              }}
            >
              Erase personal data
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  )
}
