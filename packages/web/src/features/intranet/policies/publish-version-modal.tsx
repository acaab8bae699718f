import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { usePublishPolicyVersion, type Policy } from '../../../api/intranet.ts'
import { applyApiError } from '../../../ui/form-errors.ts'
import { DateField } from '../../org/date-field.tsx'
import { isStale } from '../../org/stale-alert.tsx'

/** Publishes the next version of a policy; its whole audience is asked to acknowledge it again. */
export function PublishVersionModal(props: { opened: boolean; policy: Policy; onClose: () => void }) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={`New version of ${props.policy.title}`}
      size="lg"
      centered
    >
      {props.opened ? <VersionForm policy={props.policy} onClose={props.onClose} /> : null}
    </Modal>
  )
}

function VersionForm(props: { policy: Policy; onClose: () => void }) {
  const { policy } = props
  const publish = usePublishPolicyVersion()
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: {
      body: policy.currentVersion.body,
      summaryOfChanges: '',
      effectiveDate: new Date().toISOString().slice(0, 10),
    },
    validate: {
      body: (v) => (v.trim() ? null : 'The new version needs its text'),
      summaryOfChanges: (v) => (v.trim() ? null : 'Say what changed: readers see it first'),
      effectiveDate: (v) => (v ? null : 'When does it take effect?'),
    },
  })
  const submit = form.onSubmit((v) => {
    setError(null)
    publish.mutate(
      {
        id: policy.id,
        version: policy.version,
        body: {
          body: v.body.trim(),
          summaryOfChanges: v.summaryOfChanges.trim(),
          effectiveDate: v.effectiveDate,
        },
      },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            message: `Version ${String(saved.currentVersion.versionNumber)} of ${saved.title} is published.`,
          })
          props.onClose()
        },
        onError: (err) => {
          setError(
            isStale(err)
              ? 'Someone else changed this policy meanwhile. Close this window to see the latest version, then try again.'
              : applyApiError(form, err),
          )
        },
      },
    )
  })
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          Version {policy.currentVersion.versionNumber + 1} replaces version {policy.currentVersion.versionNumber}.
          Everyone in the audience will be asked to acknowledge it, including those who acknowledged the old one.
        </Text>
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        ) : null}
        <Textarea
          label="What changed"
          required
          autosize
          minRows={2}
          maxLength={2000}
          data-autofocus
          {...form.getInputProps('summaryOfChanges')}
        />
        <Textarea
          label="Text"
          required
          autosize
          minRows={8}
          maxRows={20}
          maxLength={100000}
          {...form.getInputProps('body')}
        />
        <DateField label="Effective from" required {...form.getInputProps('effectiveDate')} />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={publish.isPending}>
            Publish version {policy.currentVersion.versionNumber + 1}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
