import { Alert, Autocomplete, Button, Group, Modal, Stack, Switch, Textarea, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { useCreatePolicy, useUpdatePolicy, type Policy } from '../../../api/intranet.ts'
import { applyApiError } from '../../../ui/form-errors.ts'
import { DateField } from '../../org/date-field.tsx'
import { isStale } from '../../org/stale-alert.tsx'
import { AudiencePicker, targetFromValue, targetValue } from '../shared/audience.tsx'

const today = () => new Date().toISOString().slice(0, 10)

/** A new policy with its first version, or a policy's title, category, audience and archiving. */
export function PolicyModal(props: {
  opened: boolean
  policy: Policy | null
  categories: string[]
  onClose: () => void
  onSaved?: (saved: Policy) => void
}) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.policy ? `Edit ${props.policy.title}` : 'New policy'}
      size="lg"
      centered
    >
      {props.opened ? (
        <PolicyForm
          policy={props.policy}
          categories={props.categories}
          onClose={props.onClose}
          onSaved={props.onSaved}
        />
      ) : null}
    </Modal>
  )
}

function PolicyForm(props: {
  policy: Policy | null
  categories: string[]
  onClose: () => void
  onSaved?: ((saved: Policy) => void) | undefined
}) {
  const { policy } = props
  const create = useCreatePolicy()
  const update = useUpdatePolicy()
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: {
      title: policy?.title ?? '',
      category: policy?.category ?? '',
      audience: policy?.audience.map(targetValue) ?? ['company'],
      body: '',
      effectiveDate: today(),
      archived: policy?.archived ?? false,
    },
    validate: {
      title: (v) => (v.trim() ? null : 'Give the policy a title'),
      audience: (v) => (v.length > 0 ? null : 'Choose who must follow it'),
      body: (v) => (policy || v.trim() ? null : 'Paste or write the text of the policy'),
      effectiveDate: (v) => (policy || v ? null : 'When does it take effect?'),
    },
  })
  const onError = (err: unknown) => {
    setError(
      isStale(err)
        ? 'Someone else changed this policy meanwhile. Close this window to see the latest version, then try again.'
        : applyApiError(form, err),
    )
  }
  const onSuccess = (saved: Policy) => {
    notifications.show({ color: 'teal', message: `${saved.title} was ${policy ? 'saved' : 'published'}.` })
    props.onSaved?.(saved)
    props.onClose()
  }

  const submit = form.onSubmit((v) => {
    setError(null)
    const common = {
      title: v.title.trim(),
      category: v.category.trim() || null,
      audience: v.audience.map(targetFromValue),
    }
    if (policy)
      update.mutate(
        { id: policy.id, version: policy.version, body: { ...common, archived: v.archived } },
        { onSuccess, onError },
      )
    else create.mutate({ ...common, body: v.body.trim(), effectiveDate: v.effectiveDate }, { onSuccess, onError })
  })

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        ) : null}
        <TextInput label="Title" required maxLength={200} data-autofocus {...form.getInputProps('title')} />
        <Autocomplete
          label="Category"
          placeholder="No category"
          description="Optional, e.g. HR, IT, Finance"
          data={props.categories}
          {...form.getInputProps('category')}
        />
        <AudiencePicker
          label="Audience"
          description="Everyone here must acknowledge each version. A department includes its sub-departments."
          required
          {...form.getInputProps('audience')}
        />
        {policy ? (
          <Switch
            label="Archived"
            description="An archived policy is no longer shown to readers, nor asked to be acknowledged."
            {...form.getInputProps('archived', { type: 'checkbox' })}
          />
        ) : (
          <>
            <Textarea
              label="Text of version 1"
              required
              autosize
              minRows={8}
              maxRows={20}
              maxLength={100000}
              {...form.getInputProps('body')}
            />
            <DateField
              label="Effective from"
              required
              valueFormat="D MMM YYYY"
              {...form.getInputProps('effectiveDate')}
            />
          </>
        )}
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {policy ? 'Save policy' : 'Publish policy'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
