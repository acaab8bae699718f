import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { IconCalendarTime } from '@tabler/icons-react'
import { useState } from 'react'
import { usePlaceEmployee } from '../../../api/org-people.ts'
import type { Employee, Employment, PersonRef } from '../../../api/types.ts'
import { formatDate } from '../../../ui/format.ts'
import { applyApiError } from '../../../ui/form-errors.ts'
import { DateField } from '../date-field.tsx'
import { employmentTypes, todayDate } from '../labels.ts'
import { PersonSelect } from '../person-select.tsx'
import { DepartmentSelect, LocationSelect, PositionSelect, TeamSelect } from '../structure-selects.tsx'

/** Records where a person works from a date on: a new row of their history, applied on that day. */
export function MoveModal(props: { opened: boolean; onClose: () => void; employee: Employee; employment: Employment }) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={`Move ${props.employee.name}`} centered size="lg">
      {props.opened ? <MoveForm {...props} /> : null}
    </Modal>
  )
}

function MoveForm(props: { onClose: () => void; employee: Employee; employment: Employment }) {
  const { employee, employment } = props
  const place = usePlaceEmployee(employee.id)
  const [error, setError] = useState<string | null>(null)
  const [manager, setManager] = useState<PersonRef | null>(employee.manager)
  const form = useForm({
    initialValues: {
      effectiveDate: todayDate(),
      employmentType: employment.employmentType,
      departmentId: employee.department?.id ?? null,
      teamId: employee.team?.id ?? null,
      positionId: employee.position?.id ?? null,
      locationId: employee.location?.id ?? null,
      managerId: employee.manager?.id ?? null,
      reason: '',
    },
    validate: {
      effectiveDate: (v) =>
        !v ? 'Choose the date the move takes effect' : v < employment.hireDate ? 'This is before the hire date' : null,
    },
  })
  const v = form.values
  const unchanged =
    v.employmentType === employment.employmentType &&
    v.departmentId === (employee.department?.id ?? null) &&
    v.teamId === (employee.team?.id ?? null) &&
    v.positionId === (employee.position?.id ?? null) &&
    v.locationId === (employee.location?.id ?? null) &&
    v.managerId === (employee.manager?.id ?? null)
  const future = !!v.effectiveDate && v.effectiveDate > todayDate()

  const submit = form.onSubmit((values) => {
    if (!values.effectiveDate) return
    setError(null)
    place.mutate(
      {
        effectiveDate: values.effectiveDate,
        employmentType: values.employmentType,
        departmentId: values.departmentId,
        teamId: values.teamId,
        positionId: values.positionId,
        locationId: values.locationId,
        managerId: values.managerId,
        ...(values.reason.trim() ? { reason: values.reason.trim() } : {}),
      },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal',
            message: future
              ? `The move of ${employee.name} is scheduled for ${formatDate(values.effectiveDate)}.`
              : `${employee.name} was moved.`,
          })
          props.onClose()
        },
        onError: (err) => {
          setError(applyApiError(form, err))
        },
      },
    )
  })

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          Moves are kept as history: the timeline shows where {employee.name} worked on any date.
        </Text>
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        ) : null}
        <DateField
          label="Effective from"
          required
          data-autofocus
          minDate={employment.hireDate}
          {...form.getInputProps('effectiveDate')}
        />
        {future ? (
          <Alert variant="light" color="blue" icon={<IconCalendarTime size={18} />} py="xs">
            The move applies on {formatDate(v.effectiveDate)}; until then {employee.name} stays where they are.
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <DepartmentSelect
            label="Department"
            {...form.getInputProps('departmentId')}
            onChange={(id) => {
              form.setFieldValue('departmentId', id)
              form.setFieldValue('teamId', null)
            }}
          />
          <TeamSelect label="Team" departmentId={v.departmentId} {...form.getInputProps('teamId')} />
          <PositionSelect label="Position" {...form.getInputProps('positionId')} />
          <LocationSelect label="Location" {...form.getInputProps('locationId')} />
          <PersonSelect
            label="Manager"
            value={v.managerId}
            selected={manager}
            excludeId={employee.id}
            error={form.errors['managerId']}
            onChange={(person) => {
              setManager(person)
              form.setFieldValue('managerId', person?.id ?? null)
            }}
          />
          <Select
            label="Employment type"
            data={employmentTypes}
            allowDeselect={false}
            {...form.getInputProps('employmentType')}
          />
        </SimpleGrid>
        <Textarea
          label="Reason"
          placeholder="e.g. Promotion, reorganisation"
          autosize
          minRows={2}
          maxLength={500}
          {...form.getInputProps('reason')}
        />
        <Group justify="flex-end" mt="xs">
          {unchanged ? (
            <Text size="xs" c="dimmed">
              Change at least one field to record a move.
            </Text>
          ) : null}
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={place.isPending} disabled={unchanged}>
            {future ? 'Schedule move' : 'Move'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
