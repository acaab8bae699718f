import {
  Alert,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconAlertTriangle, IconCircleCheck, IconFileUpload, IconTableImport } from '@tabler/icons-react'
import { useState } from 'react'
import { errorMessage } from '../../../api/client.ts'
import { type ImportKind, type ImportReport, useImportFile } from '../../../api/org-import.ts'
import { perms, useCan } from '../../../app/auth.ts'
import { ExportButton } from '../export-button.tsx'

/** The columns the server reads for each kind (header row, any order). */
const columns: Record<ImportKind, { required: string[]; optional: string[]; note: string }> = {
  departments: {
    required: ['name'],
    optional: ['code', 'parent'],
    note: 'parent is the name of another department, already in Keel or earlier in the file.',
  },
  teams: {
    required: ['name', 'department'],
    optional: [],
    note: 'department is the name of a department already in Keel.',
  },
  employees: {
    required: ['legal_name', 'hire_date', 'employment_type'],
    optional: [
      'employee_number',
      'preferred_name',
      'work_email',
      'work_phone',
      'probation_end_date',
      'department',
      'team',
      'position',
      'location',
      'manager_employee_number',
      'work_schedule',
    ],
    note: 'Dates as YYYY-MM-DD; employment_type is permanent, probationary, temporary, contractor or intern. Names refer to what is already in Keel; the manager is an employee number, in Keel or anywhere in the file.',
  },
}

const labels: Record<ImportKind, string> = { departments: 'Departments', teams: 'Teams', employees: 'Employees' }

/** Import departments, teams or employees from CSV or Excel: check first (nothing is written), then import all rows or none. */
export function ImportTab(props: { kinds: ImportKind[] }) {
  const [kind, setKind] = useState<ImportKind>(props.kinds[0] ?? 'employees')
  const [file, setFile] = useState<File | null>(null)
  const [report, setReport] = useState<ImportReport | null>(null)
  const run = useImportFile()
  const spec = columns[kind]
  const can = useCan()
  const canExport = can(kind === 'employees' ? perms.orgEmployeeRead : perms.orgStructureRead)

  const reset = () => {
    setReport(null)
    run.reset()
  }
  const send = (dryRun: boolean) => {
    if (!file) return
    setReport(null)
    run.mutate(
      { kind, file, dryRun },
      {
        onSuccess: (r) => {
          setReport(r)
          if (!r.dryRun && r.problems.length === 0) {
            notifications.show({ color: 'teal', message: `${r.created} ${kind} imported from ${file.name}.` })
            setFile(null)
          }
        },
      },
    )
  }
  const checked = report?.dryRun === true && report.problems.length === 0

  return (
    <Stack gap="md">
      <Card withBorder padding="lg">
        <Stack gap="md">
          <Group justify="space-between" wrap="wrap">
            <SegmentedControl
              aria-label="What to import"
              value={kind}
              onChange={(v) => {
                setKind(v)
                setFile(null)
                reset()
              }}
              data={props.kinds.map((k) => ({ value: k, label: labels[k] }))}
            />
            {canExport ? <ExportButton kind={kind} /> : null}
          </Group>
          <div>
            <Title order={2} fz="md" mb={6}>
              Columns
            </Title>
            <Group gap={6} mb={6}>
              {spec.required.map((c) => (
                <Badge key={c} variant="filled" tt="none" ff="monospace">
                  {c}
                </Badge>
              ))}
              {spec.optional.map((c) => (
                <Badge key={c} variant="light" color="gray" tt="none" ff="monospace">
                  {c}
                </Badge>
              ))}
            </Group>
            <Text size="sm" c="dimmed">
              A header row names the columns (in Excel, row 1 of the first sheet; date cells work as they are); the
              filled ones are required. {spec.note}
            </Text>
          </div>
          <Group gap="sm" wrap="wrap">
            <FileButton
              accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(f) => {
                setFile(f)
                reset()
              }}
            >
              {(p) => (
                <Button {...p} variant="default" leftSection={<IconFileUpload size={18} />}>
                  {file ? 'Choose another file' : 'Choose a CSV or Excel file'}
                </Button>
              )}
            </FileButton>
            {file ? (
              <Text size="sm" fw={500}>
                {file.name}
              </Text>
            ) : null}
            <Button
              variant={checked ? 'default' : 'filled'}
              disabled={!file}
              loading={run.isPending && run.variables.dryRun}
              onClick={() => {
                send(true)
              }}
            >
              Check
            </Button>
            <Button
              leftSection={<IconTableImport size={18} />}
              disabled={!file || !checked}
              loading={run.isPending && !run.variables.dryRun}
              onClick={() => {
                send(false)
              }}
            >
              Import
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            Check reads the whole file and writes nothing. Import writes every row or, if any row has a problem, none.
          </Text>
        </Stack>
      </Card>

      {run.isError ? (
        <Alert color="red" variant="light" role="alert" title="The file could not be read">
          {errorMessage(run.error)}
        </Alert>
      ) : null}
      {report ? <ReportView report={report} /> : null}
    </Stack>
  )
}

function ReportView(props: { report: ImportReport }) {
  const { report } = props
  if (report.problems.length === 0)
    return (
      <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} role="status">
        {report.dryRun
          ? `${report.rows} row${report.rows === 1 ? '' : 's'} checked: no problems. Nothing has been written yet; Import adds them.`
          : `${report.created} ${report.kind} created from ${report.rows} row${report.rows === 1 ? '' : 's'}.`}
      </Alert>
    )
  return (
    <Card withBorder padding="lg">
      <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} mb="md" role="alert">
        {report.problems.length} problem{report.problems.length === 1 ? '' : 's'} in {report.rows} row
        {report.rows === 1 ? '' : 's'}. Nothing was written: correct the file and check it again.
      </Alert>
      <Table.ScrollContainer minWidth={520}>
        <Table aria-label="Problems in the file">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>Line</Table.Th>
              <Table.Th w={200}>Column</Table.Th>
              <Table.Th>Problem</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...report.problems]
              .sort((a, b) => a.line - b.line || a.column.localeCompare(b.column))
              .map((p, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{p.line}</Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {p.column || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>{p.message}</Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  )
}
