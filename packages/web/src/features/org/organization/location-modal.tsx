import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { useCalendars } from '../../../api/org-calendars.ts'
import { useSaveLocation } from '../../../api/org-structure.ts'
import type { Location } from '../../../api/types.ts'
import { applyApiError } from '../../../ui/form-errors.ts'
import { AddressFields, fromAddressForm, toAddressForm } from '../address-fields.tsx'
import { timeZones } from '../places.ts'
import { isStale } from '../stale-alert.tsx'

export function LocationModal(props: { opened: boolean; location: Location | null; onClose: () => void }) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.location ? `Edit ${props.location.name}` : 'New location'}
      centered
      size="lg"
    >
      {props.opened ? <LocationForm location={props.location} onClose={props.onClose} /> : null}
    </Modal>
  )
}

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone

function LocationForm(props: { location: Location | null; onClose: () => void }) {
  const { location } = props
  const save = useSaveLocation()
  const calendars = useCalendars()
  const defaultCalendar = calendars.data?.find((c) => c.isDefault)
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: {
      name: location?.name ?? '',
      timeZone: location?.timeZone ?? browserZone(),
      address: toAddressForm(location?.address),
      calendarId: location?.calendarId ?? null,
    },
    validate: {
      name: (v) => (v.trim() ? null : 'Give the location a name'),
      timeZone: (v) => (v ? null : 'Choose the time zone'),
    },
  })

  const submit = form.onSubmit((v) => {
    setError(null)
    const body = {
      name: v.name.trim(),
      timeZone: v.timeZone,
      address: fromAddressForm(v.address),
      calendarId: v.calendarId,
    }
    save.mutate(location ? { id: location.id, version: location.version, body } : { body }, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: `${saved.name} was ${location ? 'saved' : 'created'}.` })
        props.onClose()
      },
      onError: (err) => {
        setError(
          isStale(err)
            ? 'Someone else changed this location meanwhile. Close this window to see the latest version, then try again.'
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
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Name"
            required
            data-autofocus
            placeholder="e.g. Berlin office"
            {...form.getInputProps('name')}
          />
          <Select
            label="Time zone"
            required
            searchable
            allowDeselect={false}
            limit={50}
            data={timeZones}
            nothingFoundMessage="No time zone matches"
            {...form.getInputProps('timeZone')}
          />
        </SimpleGrid>
        <Select
          label="Calendar"
          description="Working hours and public holidays of the people here."
          placeholder={defaultCalendar ? `Company default (${defaultCalendar.name})` : 'Company default'}
          clearable
          data={(calendars.data ?? []).map((c) => ({
            value: c.id,
            label: c.isDefault ? `${c.name} (default)` : c.name,
          }))}
          {...form.getInputProps('calendarId')}
        />
        <Title order={3} fz="sm">
          Address
        </Title>
        <AddressFields label="Address" field={(name) => form.getInputProps(`address.${name}`)} />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {location ? 'Save location' : 'Add location'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
