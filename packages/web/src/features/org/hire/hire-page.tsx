import {
  Alert,
  Button,
  Card,
  Collapse,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { IconArrowLeft, IconUserPlus } from '@tabler/icons-react'
import { useNavigate } from '@tanstack/react-router'
import { useState, type ReactNode } from 'react'
import { useCompanyProfile } from '../../../api/org-company.ts'
import { useHireEmployee } from '../../../api/org-people.ts'
import type { EmploymentType, HireEmployeeBody, PersonRef } from '../../../api/types.ts'
import { perms, useCan } from '../../../app/auth.ts'
import { applyApiError } from '../../../ui/form-errors.ts'
import { AnchorLink } from '../../../ui/links.tsx'
import { PageHeader } from '../../../ui/page-header.tsx'
import { NoAccess } from '../../../ui/query-states.tsx'
import { DateField } from '../date-field.tsx'
import { employmentTypes, todayDate } from '../labels.ts'
import { PersonSelect } from '../person-select.tsx'
import {
  fromPrivateDataForm,
  hasPrivateData,
  PrivateDataFields,
  privateDataRules,
  toPrivateDataForm,
} from '../private-data-fields.tsx'
import { SalaryFields, salaryRules, toSalary, type SalaryForm } from '../salary-fields.tsx'
import { DepartmentSelect, LocationSelect, PositionSelect, TeamSelect } from '../structure-selects.tsx'
import { UserSelect } from '../user-select.tsx'

const EMAIL_RE = /^\S+@\S+\.\S+$/

export function HirePage() {
  const can = useCan()
  if (!can(perms.orgEmployeeManage)) return <NoAccess />
  return (
    <HireForm
      canPay={can(perms.hrCompensationManage)}
      canPrivate={can(perms.hrSensitiveManage)}
      canLinkUser={can(perms.userRead)}
      currency={useCompanyCurrency(can(perms.orgCompanyRead))}
    />
  )
}

function useCompanyCurrency(enabled: boolean): string {
  const profile = useCompanyProfile(enabled)
  return profile.data?.profile.functionalCurrency ?? 'EUR'
}

/** Wraps every rule of a (nested) rules object so that it only applies while `active` says so. */
function onlyIf<T extends object>(active: (values: Values) => boolean, rules: T): T {
  return Object.fromEntries(
    Object.entries(rules).map(([key, rule]) => [
      key,
      typeof rule === 'function'
        ? (value: unknown, values: Values, path: string) =>
            active(values) ? (rule as (v: unknown, vs: Values, p: string) => string | null)(value, values, path) : null
        : onlyIf(active, rule as object),
    ]),
  ) as T
}

type Values = ReturnType<typeof initialValues>

const initialValues = (currency: string) => ({
  legalName: '',
  preferredName: '',
  workEmail: '',
  workPhone: '',
  employeeNumber: '',
  hireDate: todayDate() as string | null,
  employmentType: 'permanent' as EmploymentType,
  probationEndDate: null as string | null,
  workSchedule: '',
  userId: null as string | null,
  departmentId: null as string | null,
  teamId: null as string | null,
  positionId: null as string | null,
  locationId: null as string | null,
  managerId: null as string | null,
  withSalary: false,
  salary: { amount: '', currency, period: 'year' } as SalaryForm,
  withPrivateData: false,
  privateData: toPrivateDataForm(null),
})

function HireForm(props: { canPay: boolean; canPrivate: boolean; canLinkUser: boolean; currency: string }) {
  const navigate = useNavigate()
  const hire = useHireEmployee()
  const [error, setError] = useState<string | null>(null)
  const [manager, setManager] = useState<PersonRef | null>(null)
  const form = useForm({
    initialValues: initialValues(props.currency),
    validate: {
      legalName: (v) => (v.trim() ? null : 'Enter the legal name'),
      workEmail: (v) => (!v.trim() || EMAIL_RE.test(v.trim()) ? null : 'Enter a valid e-mail address'),
      hireDate: (v) => (v ? null : 'Choose the first day of work'),
      probationEndDate: (v, values) =>
        v && values.hireDate && v < values.hireDate ? 'Probation ends on or after the hire date' : null,
      salary: onlyIf((v) => v.withSalary, salaryRules),
      privateData: onlyIf((v) => v.withPrivateData, privateDataRules),
    },
  })
  const v = form.values

  const submit = form.onSubmit((values) => {
    if (!values.hireDate) return
    setError(null)
    const body: HireEmployeeBody = {
      legalName: values.legalName.trim(),
      preferredName: values.preferredName.trim() || null,
      workEmail: values.workEmail.trim() || null,
      workPhone: values.workPhone.trim() || null,
      hireDate: values.hireDate,
      probationEndDate: values.probationEndDate,
      workSchedule: values.workSchedule.trim() || null,
      userId: values.userId,
      employmentType: values.employmentType,
      departmentId: values.departmentId,
      teamId: values.teamId,
      positionId: values.positionId,
      managerId: values.managerId,
      locationId: values.locationId,
      ...(values.employeeNumber.trim() ? { employeeNumber: values.employeeNumber.trim() } : {}),
      ...(props.canPay && values.withSalary ? { salary: toSalary(values.salary) } : {}),
      ...(props.canPrivate && values.withPrivateData && hasPrivateData(values.privateData)
        ? { privateData: fromPrivateDataForm(values.privateData) }
        : {}),
    }
    hire.mutate(body, {
      onSuccess: (res) => {
        notifications.show({ color: 'teal', title: 'Hired', message: `${res.data.name} is now in the directory.` })
        void navigate({ to: '/people/$employeeId', params: { employeeId: res.data.id } })
      },
      onError: (err) => {
        setError(applyApiError(form, err))
      },
    })
  })

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <AnchorLink to="/people" size="sm">
          <Group gap={4} component="span">
            <IconArrowLeft size={14} aria-hidden="true" />
            Back to people
          </Group>
        </AnchorLink>
        <PageHeader
          title="Hire a person"
          description="Creates the employee record and their first placement, effective on the hire date. Everything except the legal name and the hire date can be filled in later."
        />
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        ) : null}

        <Section title="Person">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label="Legal name" required autoFocus autoComplete="off" {...form.getInputProps('legalName')} />
            <TextInput
              label="Preferred name"
              description="Shown in the directory, if different"
              autoComplete="off"
              {...form.getInputProps('preferredName')}
            />
            <TextInput label="Work e-mail" type="email" autoComplete="off" {...form.getInputProps('workEmail')} />
            <TextInput label="Work phone" type="tel" autoComplete="off" {...form.getInputProps('workPhone')} />
          </SimpleGrid>
        </Section>

        <Section title="Employment">
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
            <DateField label="Hire date" required {...form.getInputProps('hireDate')} />
            <Select
              label="Employment type"
              data={employmentTypes}
              allowDeselect={false}
              {...form.getInputProps('employmentType')}
            />
            <DateField
              label="Probation ends"
              clearable
              {...(v.hireDate ? { minDate: v.hireDate } : {})}
              {...form.getInputProps('probationEndDate')}
            />
            <TextInput label="Work schedule" placeholder="e.g. Mon–Fri, 40 h" {...form.getInputProps('workSchedule')} />
            <TextInput
              label="Employee number"
              placeholder="Next free number"
              description="Leave empty to number automatically"
              autoComplete="off"
              {...form.getInputProps('employeeNumber')}
            />
            {props.canLinkUser ? (
              <UserSelect
                label="User account"
                description="If they sign in to Keel"
                {...form.getInputProps('userId')}
              />
            ) : null}
          </SimpleGrid>
        </Section>

        <Section
          title="Placement"
          description="Where they work from the hire date. Teams are those of the chosen department."
        >
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
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
            <PersonSelect
              label="Manager"
              value={v.managerId}
              selected={manager}
              error={form.errors['managerId']}
              onChange={(person) => {
                setManager(person)
                form.setFieldValue('managerId', person?.id ?? null)
              }}
            />
            <LocationSelect label="Location" {...form.getInputProps('locationId')} />
          </SimpleGrid>
        </Section>

        {props.canPay ? (
          <Section title="Salary">
            <Switch
              label="Record a starting salary"
              description="Effective from the hire date; later changes go through the profile."
              {...form.getInputProps('withSalary', { type: 'checkbox' })}
            />
            <Collapse expanded={v.withSalary}>
              <Stack pt="md">
                <SalaryFields field={(name) => form.getInputProps(`salary.${name}`)} />
              </Stack>
            </Collapse>
          </Section>
        ) : null}

        {props.canPrivate ? (
          <Section title="Private data">
            <Switch
              label="Add private data now"
              description="Date of birth, national ID, home address, bank account, emergency contacts. Encrypted at rest."
              {...form.getInputProps('withPrivateData', { type: 'checkbox' })}
            />
            <Collapse expanded={v.withPrivateData}>
              <Stack pt="md">
                <PrivateDataFields
                  values={v.privateData}
                  field={(path) => form.getInputProps(`privateData.${path}`)}
                  onAddContact={() => {
                    form.insertListItem('privateData.emergencyContacts', { name: '', relationship: '', phone: '' })
                  }}
                  onRemoveContact={(i) => {
                    form.removeListItem('privateData.emergencyContacts', i)
                  }}
                />
              </Stack>
            </Collapse>
          </Section>
        ) : null}

        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={() => {
              void navigate({ to: '/people' })
            }}
          >
            Cancel
          </Button>
          <Button type="submit" loading={hire.isPending} leftSection={<IconUserPlus size={18} />}>
            Hire
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function Section(props: { title: string; description?: string; children: ReactNode }) {
  return (
    <Card withBorder padding="lg" component="section" aria-label={props.title}>
      <Stack gap={4} mb="md">
        <Title order={2} fz="md">
          {props.title}
        </Title>
        {props.description ? (
          <Text size="sm" c="dimmed">
            {props.description}
          </Text>
        ) : null}
      </Stack>
      {props.children}
    </Card>
  )
}
