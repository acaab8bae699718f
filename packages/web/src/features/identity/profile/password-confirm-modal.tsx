import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core'
import { useForm } from '@mantine/form'
import { PasswordInput } from '../../../ui/password-input.tsx'
import { useState } from 'react'
import { ApiError, errorMessage } from '../../../api/client.ts'

/** Asks for the current password before a sensitive change. */
export function PasswordConfirmModal(props: {
  opened: boolean
  title: string
  description: string
  confirmLabel: string
  color?: string
  pending: boolean
  onClose: () => void
  onConfirm: (password: string, onError: (err: unknown) => void) => void
}) {
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: { password: '' },
    validate: { password: (v) => (v ? null : 'Enter your password') },
  })
  const close = () => {
    form.reset()
    setError(null)
    props.onClose()
  }
  const submit = form.onSubmit((values) => {
    setError(null)
    props.onConfirm(values.password, (err) => {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403 || err.fieldErrors()['password'])) {
        form.setFieldError('password', err.fieldErrors()['password'] ?? 'This password is not correct')
      } else setError(errorMessage(err))
    })
  })
  return (
    <Modal opened={props.opened} onClose={close} title={props.title} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{props.description}</Text>
          {error ? (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          ) : null}
          <PasswordInput
            label="Your password"
            autoComplete="current-password"
            data-autofocus
            required
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" color={props.color ?? 'blue'} loading={props.pending}>
              {props.confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
