import { Alert, Button, Card, Grid, Group, Stack, Text, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { IconCash, IconLock } from '@tabler/icons-react'
import { useState } from 'react'
import { useCompanyProfile } from '../../../api/org-company.ts'
import { useMyEmployeeId, useSavePrivateData } from '../../../api/org-people.ts'
import type { Employee, Sensitive } from '../../../api/types.ts'
import { mayActOn, perms, useCan, useSession } from '../../../app/auth.ts'
import { formatDate } from '../../../ui/format.ts'
import { applyApiError } from '../../../ui/form-errors.ts'
import { addressLines } from '../address-fields.tsx'
import { printIban } from '../iban.ts'
import { formatSalary } from '../labels.ts'
import { fromPrivateDataForm, PrivateDataFields, privateDataRules, toPrivateDataForm } from '../private-data-fields.tsx'
import { isStale, StaleAlert } from '../stale-alert.tsx'
import { FactList } from './fact-list.tsx'
import { SalaryModal } from './salary-modal.tsx'

export function SensitiveTab(props: { employee: Employee; sensitive: Sensitive; onReload: () => void }) {
  const { employee, sensitive } = props
  const session = useSession()
  const can = useCan()
  const myId = useMyEmployeeId()
  const isSelf = myId.data === employee.id || employee.employment?.userId === session.user.id
  const open = employee.status !== 'terminated'
  const canEdit = open && mayActOn(session, perms.hrSensitiveManage, isSelf)
  const canPay = open && mayActOn(session, perms.hrCompensationManage, isSelf)
  const profile = useCompanyProfile(canPay && can(perms.orgCompanyRead))
  const [salaryOpen, setSalaryOpen] = useState(false)

  return (
    <Stack gap="md">
      <Alert variant="light" color="gray" icon={<IconLock size={18} />}>
        Private data and salary are encrypted at rest and shown only to those allowed to see them. The audit trail
        records that they changed, never their values.
      </Alert>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Card withBorder padding="lg">
            <Title order={2} fz="md" mb="md">
              Private data
            </Title>
            {canEdit ? (
              // A new version (saved here or reloaded) starts the form afresh from the server's data.
              <PrivateDataEditor
                key={sensitive.version}
                employee={employee}
                sensitive={sensitive}
                onReload={props.onReload}
              />
            ) : (
              <PrivateDataView sensitive={sensitive} />
            )}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Card withBorder padding="lg">
            <Group gap="xs" mb="sm">
              <IconCash size={18} aria-hidden="true" />
              <Title order={2} fz="md">
                Salary
              </Title>
            </Group>
            {sensitive.salary ? (
              <Stack gap={4}>
                <Text fz="xl" fw={650}>
                  {formatSalary(sensitive.salary)}
                </Text>
                <Text size="sm" c="dimmed">
                  Since {formatDate(sensitive.salary.effectiveDate)}. Earlier and scheduled salaries are in the
                  timeline.
                </Text>
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                No salary is recorded for {employee.name}.
              </Text>
            )}
            {canPay ? (
              <Button
                mt="md"
                variant="light"
                fullWidth
                onClick={() => {
                  setSalaryOpen(true)
                }}
              >
                Record a salary change
              </Button>
            ) : null}
          </Card>
        </Grid.Col>
      </Grid>
      {canPay ? (
        <SalaryModal
          opened={salaryOpen}
          onClose={() => {
            setSalaryOpen(false)
          }}
          employee={employee}
          current={sensitive.salary}
          defaultCurrency={profile.data?.profile.functionalCurrency ?? 'EUR'}
        />
      ) : null}
    </Stack>
  )
}

function PrivateDataView(props: { sensitive: Sensitive }) {
  const p = props.sensitive.privateData
  const address = addressLines(p.homeAddress)
  return (
    <FactList
      facts={[
        ['Date of birth', p.dateOfBirth ? formatDate(p.dateOfBirth) : null],
        ['National ID', p.nationalId],
        [
          'Home address',
          address.length ? (
            <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
              {address.join('\n')}
            </Text>
          ) : null,
        ],
        [
          'Bank account',
          p.bankAccount ? (
            <Stack gap={0}>
              <Text size="sm">{p.bankAccount.holder}</Text>
              <Text size="sm" ff="monospace">
                {printIban(p.bankAccount.iban)}
              </Text>
              {p.bankAccount.bic ? (
                <Text size="xs" c="dimmed" ff="monospace">
                  {p.bankAccount.bic}
                </Text>
              ) : null}
            </Stack>
          ) : null,
        ],
        [
          'Emergency contacts',
          p.emergencyContacts.length ? (
            <Stack gap={4}>
              {p.emergencyContacts.map((c, i) => (
                <Text key={i} size="sm">
                  {c.name}
                  {c.relationship ? ` (${c.relationship})` : ''} · {c.phone}
                </Text>
              ))}
            </Stack>
          ) : null,
        ],
      ]}
    />
  )
}

function PrivateDataEditor(props: { employee: Employee; sensitive: Sensitive; onReload: () => void }) {
  const save = useSavePrivateData(props.employee.id)
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: toPrivateDataForm(props.sensitive.privateData),
    validate: privateDataRules,
  })

  const submit = form.onSubmit((values) => {
    setError(null)
    // The saved data comes back as a new version, which remounts this form: a promise, not mutate's callbacks
    // (which are dropped for an unmounted component), tells the user.
    save.mutateAsync({ body: fromPrivateDataForm(values), version: props.sensitive.version }).then(
      () => notifications.show({ color: 'teal', message: 'The private data was saved.' }),
      (err: unknown) => {
        if (!isStale(err)) setError(applyApiError(form, err))
      },
    )
  })

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {isStale(save.error) ? (
          <StaleAlert
            what="private data"
            onReload={() => {
              save.reset()
              props.onReload()
            }}
          />
        ) : null}
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        ) : null}
        <PrivateDataFields
          values={form.values}
          field={(path) => form.getInputProps(path)}
          onAddContact={() => {
            form.insertListItem('emergencyContacts', { name: '', relationship: '', phone: '' })
          }}
          onRemoveContact={(i) => {
            form.removeListItem('emergencyContacts', i)
          }}
        />
        <Group justify="flex-end">
          <Button
            variant="default"
            disabled={!form.isDirty() || save.isPending}
            onClick={() => {
              form.reset()
              setError(null)
            }}
          >
            Undo changes
          </Button>
          <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
            Save private data
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
