import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Switch, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { useSaveCalendar } from '../../../api/org-calendars.ts'
import type { Calendar } from '../../../api/types.ts'
import { applyApiError } from '../../../ui/form-errors.ts'
import { timeZones } from '../places.ts'
import { isStale } from '../stale-alert.tsx'
import { officeHours, WeeklyHoursEditor, weeklyHoursProblem } from '../weekly-hours-editor.tsx'

export function CalendarModal(props: { opened: boolean; calendar: Calendar | null; onClose: () => void }) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.calendar ? `Edit ${props.calendar.name}` : 'New calendar'}
      centered
      size="xl"
    >
      {props.opened ? <CalendarForm calendar={props.calendar} onClose={props.onClose} /> : null}
    </Modal>
  )
}

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone

function CalendarForm(props: { calendar: Calendar | null; onClose: () => void }) {
  const { calendar } = props
  const save = useSaveCalendar()
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: {
      name: calendar?.name ?? '',
      timeZone: calendar?.timeZone ?? browserZone(),
      weeklyHours: calendar?.weeklyHours ?? officeHours(),
      isDefault: calendar?.isDefault ?? false,
    },
    validate: {
      name: (v) => (v.trim() ? null : 'Give the calendar a name'),
      timeZone: (v) => (v ? null : 'Choose the time zone'),
      weeklyHours: (v) => weeklyHoursProblem(v),
    },
  })

  const submit = form.onSubmit((v) => {
    setError(null)
    const body = {
      name: v.name.trim(),
      timeZone: v.timeZone,
      weeklyHours: v.weeklyHours,
      // A default calendar stays one until another takes its place: only ever send true.
      ...(v.isDefault ? { isDefault: true } : {}),
    }
    save.mutate(calendar ? { id: calendar.id, version: calendar.version, body } : { body }, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: `${saved.name} was ${calendar ? 'saved' : 'created'}.` })
        props.onClose()
      },
      onError: (err) => {
        setError(
          isStale(err)
            ? 'Someone else changed this calendar meanwhile. Close this window to see the latest version, then try again.'
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
        <Title order={3} fz="sm">
          Working hours
        </Title>
        <WeeklyHoursEditor
          value={form.values.weeklyHours}
          onChange={(hours) => {
            form.setFieldValue('weeklyHours', hours)
          }}
          error={typeof form.errors['weeklyHours'] === 'string' ? form.errors['weeklyHours'] : null}
        />
        <Switch
          label="Company default"
          description={
            calendar?.isDefault
              ? 'This is the default. To change that, make another calendar the default.'
              : 'Locations without a calendar of their own follow the default.'
          }
          disabled={calendar?.isDefault ?? false}
          {...form.getInputProps('isDefault', { type: 'checkbox' })}
        />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {calendar ? 'Save calendar' : 'Add calendar'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
