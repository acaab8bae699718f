import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { useCalendars, useSetWorkingHours } from '../../../api/org-calendars.ts'
import { useLocations } from '../../../api/org-structure.ts'
import type { Employee, WeeklyHours } from '../../../api/types.ts'
import { perms, useCan } from '../../../app/auth.ts'
import { applyApiError } from '../../../ui/form-errors.ts'
import { timeZones } from '../places.ts'
import { officeHours, WeeklyHoursEditor, weeklyHoursProblem } from '../weekly-hours-editor.tsx'

/** A person's own working hours and time zone, or back to their location's calendar. */
export function WorkingHoursModal(props: {
  opened: boolean
  onClose: () => void
  employee: Employee
  timeZone: string
}) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={`Working hours of ${props.employee.name}`}
      centered
      size="xl"
    >
      {props.opened ? <WorkingHoursForm {...props} /> : null}
    </Modal>
  )
}

function WorkingHoursForm(props: { onClose: () => void; employee: Employee; timeZone: string }) {
  const { employee } = props
  const can = useCan()
  const readStructure = can(perms.orgStructureRead)
  const calendars = useCalendars(readStructure)
  const locations = useLocations({}, readStructure)
  const location = locations.data?.find((l) => l.id === employee.location?.id)
  const calendar =
    calendars.data?.find((c) => c.id === location?.calendarId) ?? calendars.data?.find((c) => c.isDefault)
  const save = useSetWorkingHours(employee.id)
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: {
      mode: 'location',
      timeZone: props.timeZone,
      weeklyHours: null as WeeklyHours | null,
    },
    validate: {
      weeklyHours: (v, values) => (values.mode === 'own' && v ? weeklyHoursProblem(v) : null),
    },
  })
  // Own hours start from the calendar the person follows now.
  const hours = form.values.weeklyHours ?? calendar?.weeklyHours ?? officeHours()

  const submit = form.onSubmit((v) => {
    setError(null)
    const body =
      v.mode === 'own'
        ? { timeZone: v.timeZone, weeklyHours: v.weeklyHours ?? hours }
        : { timeZone: null, weeklyHours: null }
    save.mutate(body, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: `The working hours of ${employee.name} were saved.` })
        props.onClose()
      },
      onError: (err) => {
        setError(applyApiError(form, err))
      },
    })
  })

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        ) : null}
        <SegmentedControl
          aria-label="Whose hours"
          value={form.values.mode}
          onChange={(v) => {
            form.setFieldValue('mode', v === 'own' ? 'own' : 'location')
          }}
          data={[
            { value: 'location', label: "Follow the location's calendar" },
            { value: 'own', label: 'Own hours and time zone' },
          ]}
        />
        {form.values.mode === 'location' ? (
          <Text size="sm">
            {employee.name} works the hours of{' '}
            {calendar ? `the ${calendar.name} calendar` : "their location's calendar"}, in its time zone, with its
            public holidays. Saving removes any hours of their own.
          </Text>
        ) : (
          <>
            <Select
              label="Time zone"
              description="Empty: the time zone of their location's calendar."
              searchable
              clearable
              limit={50}
              data={timeZones}
              nothingFoundMessage="No time zone matches"
              {...form.getInputProps('timeZone')}
            />
            <WeeklyHoursEditor
              value={hours}
              onChange={(h) => {
                form.setFieldValue('weeklyHours', h)
              }}
              error={typeof form.errors['weeklyHours'] === 'string' ? form.errors['weeklyHours'] : null}
            />
          </>
        )}
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save working hours
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
