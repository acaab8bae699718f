import { Alert, Button, Group, Modal, SegmentedControl, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { useSaveAnnouncement, type Announcement, type AnnouncementBody } from '../../../api/intranet.ts'
import { applyApiError } from '../../../ui/form-errors.ts'
import { isStale } from '../../org/stale-alert.tsx'
import { AudiencePicker, targetFromValue, targetValue } from '../shared/audience.tsx'
import { DateTimeField, toInstant, toLocal } from '../shared/date-time-field.tsx'

/** Compose a new announcement, or edit one: text, audience, when, pin, and whether readers must acknowledge it. */
export function AnnouncementModal(props: {
  opened: boolean
  announcement: Announcement | null
  onClose: () => void
  onSaved?: (saved: Announcement) => void
}) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.announcement ? 'Edit announcement' : 'New announcement'}
      size="lg"
      centered
    >
      {props.opened ? (
        <AnnouncementForm announcement={props.announcement} onClose={props.onClose} onSaved={props.onSaved} />
      ) : null}
    </Modal>
  )
}

function AnnouncementForm(props: {
  announcement: Announcement | null
  onClose: () => void
  onSaved?: ((saved: Announcement) => void) | undefined
}) {
  const { announcement } = props
  const save = useSaveAnnouncement()
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: {
      title: announcement?.title ?? '',
      body: announcement?.body ?? '',
      audience: announcement?.audience.map(targetValue) ?? [],
      when: announcement && announcement.status === 'scheduled' ? 'later' : 'now',
      publishAt: toLocal(announcement?.publishAt ?? null),
      expiresAt: toLocal(announcement?.expiresAt ?? null),
      pinned: announcement?.pinned ?? false,
      pinnedUntil: toLocal(announcement?.pinnedUntil ?? null),
      requiresAcknowledgement: announcement?.requiresAcknowledgement ?? false,
    },
    validate: {
      title: (v) => (v.trim() ? null : 'Give the announcement a title'),
      body: (v) => (v.trim() ? null : 'Write what you want to announce'),
      audience: (v) => (v.length > 0 ? null : 'Choose who should see it'),
      publishAt: (v, values) => (values.when === 'later' && !v ? 'Pick when to publish it' : null),
    },
  })

  const submit = form.onSubmit((v) => {
    setError(null)
    // Editing a published one keeps its publication time unless it is rescheduled.
    const publishAt =
      v.when === 'later'
        ? toInstant(v.publishAt)
        : announcement && announcement.status !== 'scheduled'
          ? announcement.publishAt
          : null
    const body: AnnouncementBody = {
      title: v.title.trim(),
      body: v.body.trim(),
      audience: v.audience.map(targetFromValue),
      publishAt,
      expiresAt: toInstant(v.expiresAt),
      pinned: v.pinned,
      pinnedUntil: v.pinned ? toInstant(v.pinnedUntil) : null,
      requiresAcknowledgement: v.requiresAcknowledgement,
    }
    save.mutate(announcement ? { id: announcement.id, version: announcement.version, body } : { body }, {
      onSuccess: (saved) => {
        notifications.show({
          color: 'teal',
          message:
            saved.status === 'scheduled'
              ? `“${saved.title}” is scheduled.`
              : `“${saved.title}” was ${announcement ? 'saved' : 'published'}.`,
        })
        props.onSaved?.(saved)
        props.onClose()
      },
      onError: (err) => {
        setError(
          isStale(err)
            ? 'Someone else changed this announcement meanwhile. Close this window to see the latest version, then try again.'
            : applyApiError(form, err),
        )
      },
    })
  })

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error ? (
          <Alert color={isStale(save.error) ? 'orange' : 'red'} variant="light" role="alert">
            {error}
          </Alert>
        ) : null}
        <TextInput label="Title" required maxLength={200} data-autofocus {...form.getInputProps('title')} />
        <Textarea
          label="Message"
          description="Plain text; line breaks are kept and links become clickable."
          required
          autosize
          minRows={5}
          maxRows={14}
          maxLength={20000}
          {...form.getInputProps('body')}
        />
        <AudiencePicker
          label="Audience"
          description="A department includes its sub-departments. People see it on their home page."
          required
          {...form.getInputProps('audience')}
        />
        <Stack gap={6}>
          <Text size="sm" fw={500} id="when-label">
            When
          </Text>
          <SegmentedControl
            aria-labelledby="when-label"
            data={[
              {
                value: 'now',
                label: announcement && announcement.status !== 'scheduled' ? 'Keep as published' : 'Publish now',
              },
              { value: 'later', label: 'Schedule' },
            ]}
            {...form.getInputProps('when')}
          />
          {form.values.when === 'later' ? (
            <DateTimeField label="Publish at" required {...form.getInputProps('publishAt')} />
          ) : null}
        </Stack>
        <DateTimeField
          label="Expires at"
          description="Optional: it leaves everyone's feed then."
          {...form.getInputProps('expiresAt')}
        />
        <Switch label="Pin to the top of the feed" {...form.getInputProps('pinned', { type: 'checkbox' })} />
        {form.values.pinned ? (
          <DateTimeField
            label="Pinned until"
            description="Optional: leave empty to keep it pinned until you unpin it."
            {...form.getInputProps('pinnedUntil')}
          />
        ) : null}
        <Switch
          label="Readers must acknowledge it"
          description="Each reader confirms with an Acknowledge button; you see who has not, and reminders go out."
          {...form.getInputProps('requiresAcknowledgement', { type: 'checkbox' })}
        />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {announcement ? 'Save announcement' : form.values.when === 'later' ? 'Schedule' : 'Publish'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
