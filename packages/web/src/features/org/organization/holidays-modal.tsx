import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  FileButton,
  Group,
  List,
  Modal,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { IconFileImport, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import { errorMessage } from '../../../api/client.ts'
import { useAddHoliday, useImportHolidays, useRemoveHoliday } from '../../../api/org-calendars.ts'
import type { Calendar, HolidayImportReply } from '../../../api/types.ts'
import { formatDate } from '../../../ui/format.ts'
import { applyApiError } from '../../../ui/form-errors.ts'
import { DateField } from '../date-field.tsx'

/** A calendar's public holidays by year: add, remove, or import an iCalendar (.ics) file after a dry run. */
export function HolidaysModal(props: {
  opened: boolean
  calendar: Calendar | null
  canManage: boolean
  onClose: () => void
}) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.calendar ? `Public holidays: ${props.calendar.name}` : 'Public holidays'}
      centered
      size="lg"
    >
      {props.opened && props.calendar ? <Holidays calendar={props.calendar} canManage={props.canManage} /> : null}
    </Modal>
  )
}

function Holidays(props: { calendar: Calendar; canManage: boolean }) {
  const { calendar } = props
  const thisYear = String(new Date().getFullYear())
  const years = [...new Set([thisYear, ...calendar.holidays.map((h) => h.date.slice(0, 4))])].sort()
  const [year, setYear] = useState(thisYear)
  const remove = useRemoveHoliday(calendar.id)
  const shown = calendar.holidays.filter((h) => h.date.startsWith(year)).sort((a, b) => a.date.localeCompare(b.date))

  return (
    <Stack>
      <Group justify="space-between">
        <SegmentedControl aria-label="Year" value={year} onChange={setYear} data={years} size="xs" />
        {props.canManage ? <ImportIcs calendar={calendar} /> : null}
      </Group>
      {remove.isError ? (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(remove.error)}
        </Alert>
      ) : null}
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          No public holidays in {year}.
        </Text>
      ) : (
        <Table aria-label={`Public holidays ${year}`}>
          <Table.Tbody>
            {shown.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td w={140}>
                  <Text size="sm">{formatDate(h.date)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{h.name}</Text>
                </Table.Td>
                {props.canManage ? (
                  <Table.Td w={40}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove ${h.name}`}
                      loading={remove.isPending && remove.variables === h.id}
                      onClick={() => {
                        remove.mutate(h.id)
                      }}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {props.canManage ? (
        <AddHoliday
          calendar={calendar}
          onAdded={(date) => {
            setYear(date.slice(0, 4))
          }}
        />
      ) : null}
    </Stack>
  )
}

function AddHoliday(props: { calendar: Calendar; onAdded: (date: string) => void }) {
  const add = useAddHoliday(props.calendar.id)
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: { date: null as string | null, name: '' },
    validate: {
      date: (v) => (v ? null : 'Choose the date'),
      name: (v) => (v.trim() ? null : 'Name the holiday'),
    },
  })
  const submit = form.onSubmit((v) => {
    if (!v.date) return
    setError(null)
    const date = v.date
    add.mutate(
      { date, name: v.name.trim() },
      {
        onSuccess: () => {
          props.onAdded(date)
          form.reset()
        },
        onError: (err) => {
          setError(applyApiError(form, err))
        },
      },
    )
  })
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Title order={3} fz="sm">
          Add a holiday
        </Title>
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        ) : null}
        <Group align="flex-start" gap="sm" wrap="wrap">
          <DateField label="Date" required w={180} {...form.getInputProps('date')} />
          <TextInput
            label="Name"
            required
            placeholder="e.g. New Year's Day"
            style={{ flex: 1 }}
            {...form.getInputProps('name')}
          />
          <Button type="submit" mt={25} loading={add.isPending}>
            Add
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** Pick an .ics file, see what a dry run would add, then import it. */
function ImportIcs(props: { calendar: Calendar }) {
  const importer = useImportHolidays(props.calendar.id)
  const [file, setFile] = useState<File | null>(null)
  const [preview, setPreview] = useState<HolidayImportReply | null>(null)
  const close = () => {
    setFile(null)
    setPreview(null)
    importer.reset()
  }
  const check = (picked: File | null) => {
    if (!picked) return
    setFile(picked)
    setPreview(null)
    importer.mutate(
      { file: picked, dryRun: true },
      {
        onSuccess: setPreview,
      },
    )
  }
  const confirm = () => {
    if (!file) return
    importer.mutate(
      { file, dryRun: false },
      {
        onSuccess: (reply) => {
          notifications.show({
            color: 'teal',
            message: `${reply.added.length} holiday${reply.added.length === 1 ? '' : 's'} imported into ${props.calendar.name}.`,
          })
          close()
        },
      },
    )
  }

  return (
    <>
      <FileButton onChange={check} accept=".ics,text/calendar">
        {(p) => (
          <Button {...p} size="xs" variant="default" leftSection={<IconFileImport size={16} />}>
            Import .ics
          </Button>
        )}
      </FileButton>
      <Modal opened={file !== null} onClose={close} title={`Import ${file?.name ?? ''}`} centered size="md">
        <Stack>
          {importer.isError ? (
            <Alert color="red" variant="light" role="alert" title="This file cannot be imported">
              {errorMessage(importer.error)}
            </Alert>
          ) : null}
          {importer.isPending && !preview ? <Text size="sm">Reading the file…</Text> : null}
          {preview ? (
            <>
              <Text size="sm">
                Nothing has been written yet. Importing adds{' '}
                <Badge variant="light" color="teal">
                  {preview.added.length}
                </Badge>{' '}
                holiday{preview.added.length === 1 ? '' : 's'} and skips{' '}
                <Badge variant="light" color="gray">
                  {preview.skipped}
                </Badge>{' '}
                the calendar already has or the file repeats.
              </Text>
              {preview.added.length > 0 ? (
                <Table aria-label="Holidays to add">
                  <Table.Tbody>
                    {preview.added.map((h) => (
                      <Table.Tr key={`${h.date}-${h.name}`}>
                        <Table.Td w={140}>{formatDate(h.date)}</Table.Td>
                        <Table.Td>{h.name}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              ) : null}
              {preview.problems.length > 0 ? (
                <Alert color="orange" variant="light" title="Problems in the file">
                  <List size="sm">
                    {preview.problems.map((p, i) => (
                      <List.Item key={i}>{p}</List.Item>
                    ))}
                  </List>
                </Alert>
              ) : null}
            </>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              onClick={confirm}
              disabled={!preview || preview.added.length === 0}
              loading={importer.isPending && preview !== null}
            >
              {preview
                ? `Import ${preview.added.length} holiday${preview.added.length === 1 ? '' : 's'}`
                : 'Import holidays'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  )
}
