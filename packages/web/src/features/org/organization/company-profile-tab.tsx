import {
  Alert,
  Autocomplete,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { IconLock } from '@tabler/icons-react'
import { useState } from 'react'
import { useCompanyProfile, useUpdateCompanyProfile } from '../../../api/org-company.ts'
import type { CompanyProfile } from '../../../api/types.ts'
import { applyApiError } from '../../../ui/form-errors.ts'
import { ErrorState, LoadingState } from '../../../ui/query-states.tsx'
import { AddressFields, emptyAddress, fromAddressForm, toAddressForm } from '../address-fields.tsx'
import { months } from '../labels.ts'
import { commonLocales, currencies, timeZones } from '../places.ts'
import { isStale, StaleAlert } from '../stale-alert.tsx'
import { LogoCard } from './logo-card.tsx'

export function CompanyProfileTab(props: { canManage: boolean }) {
  const profile = useCompanyProfile()
  // Bumped to start the form afresh from the server (after "Reload" on a conflict).
  const [generation, setGeneration] = useState(0)
  if (profile.isPending) return <LoadingState label="Loading the company profile…" />
  if (profile.isError) return <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <ProfileForm
          key={generation}
          profile={profile.data.profile}
          etag={profile.data.etag}
          canManage={props.canManage}
          onReload={() => {
            void profile.refetch().then(() => {
              setGeneration((g) => g + 1)
            })
          }}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <LogoCard hasLogo={profile.data.profile.hasLogo} canManage={props.canManage} />
      </Grid.Col>
    </Grid>
  )
}

const valuesOf = (p: CompanyProfile) => ({
  legalName: p.legalName,
  registrationId: p.registrationId ?? '',
  taxId: p.taxId ?? '',
  functionalCurrency: p.functionalCurrency,
  fiscalYearStartMonth: String(p.fiscalYearStartMonth),
  timeZone: p.timeZone,
  locale: p.locale,
  registeredAddress: toAddressForm(p.registeredAddress),
  postalSame: p.postalAddress === null,
  postalAddress: p.postalAddress ? toAddressForm(p.postalAddress) : { ...emptyAddress },
})

function ProfileForm(props: { profile: CompanyProfile; etag: string; canManage: boolean; onReload: () => void }) {
  const update = useUpdateCompanyProfile()
  const [error, setError] = useState<string | null>(null)
  const readOnly = !props.canManage
  const form = useForm({
    initialValues: valuesOf(props.profile),
    validate: {
      legalName: (v) => (v.trim() ? null : 'Enter the legal name'),
      functionalCurrency: (v) => (v ? null : 'Choose the currency the books are kept in'),
      timeZone: (v) => (v ? null : 'Choose a time zone'),
      locale: (v) =>
        /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(v.trim()) ? null : 'A locale looks like en-GB or de-DE',
    },
  })

  const submit = form.onSubmit((v) => {
    setError(null)
    update.mutate(
      {
        etag: props.etag,
        body: {
          legalName: v.legalName.trim(),
          registrationId: v.registrationId.trim() || null,
          taxId: v.taxId.trim() || null,
          functionalCurrency: v.functionalCurrency,
          fiscalYearStartMonth: Number(v.fiscalYearStartMonth),
          timeZone: v.timeZone,
          locale: v.locale.trim(),
          registeredAddress: fromAddressForm(v.registeredAddress),
          postalAddress: v.postalSame ? null : fromAddressForm(v.postalAddress),
        },
      },
      {
        onSuccess: (res) => {
          form.setValues(valuesOf(res.data))
          form.resetDirty(valuesOf(res.data))
          notifications.show({ color: 'teal', message: 'The company profile was saved.' })
        },
        onError: (err) => {
          if (!isStale(err)) setError(applyApiError(form, err))
        },
      },
    )
  })

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {readOnly ? (
          <Alert variant="light" color="gray" icon={<IconLock size={18} />}>
            You may view the company profile but not change it.
          </Alert>
        ) : null}
        {isStale(update.error) ? (
          <StaleAlert
            what="company profile"
            onReload={() => {
              update.reset()
              props.onReload()
            }}
          />
        ) : null}
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        ) : null}
        <Card withBorder padding="lg">
          <Title order={2} fz="md" mb="md">
            Legal entity
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label="Legal name" required readOnly={readOnly} {...form.getInputProps('legalName')} />
            <TextInput
              label="Registration number"
              placeholder="e.g. HRB 12345"
              readOnly={readOnly}
              {...form.getInputProps('registrationId')}
            />
            <TextInput
              label="Tax ID"
              placeholder="e.g. DE123456789"
              readOnly={readOnly}
              {...form.getInputProps('taxId')}
            />
          </SimpleGrid>
        </Card>
        <Card withBorder padding="lg">
          <Title order={2} fz="md" mb="md">
            Books and calendar
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label="Functional currency"
              description="The currency the books are kept in"
              searchable
              allowDeselect={false}
              data={currencies}
              readOnly={readOnly}
              {...form.getInputProps('functionalCurrency')}
            />
            <Select
              label="Fiscal year starts in"
              allowDeselect={false}
              data={months}
              readOnly={readOnly}
              {...form.getInputProps('fiscalYearStartMonth')}
            />
            <Select
              label="Time zone"
              description={'Decides what "today" means for effective dates'}
              searchable
              allowDeselect={false}
              limit={50}
              data={timeZones}
              readOnly={readOnly}
              {...form.getInputProps('timeZone')}
            />
            <Autocomplete
              label="Locale"
              description="Language and formats, e.g. en-GB"
              data={commonLocales}
              readOnly={readOnly}
              {...form.getInputProps('locale')}
            />
          </SimpleGrid>
        </Card>
        <Card withBorder padding="lg">
          <Title order={2} fz="md" mb="md">
            Registered address
          </Title>
          <AddressFields
            label="Registered address"
            disabled={readOnly}
            field={(name) => form.getInputProps(`registeredAddress.${name}`)}
          />
          <Title order={2} fz="md" mt="lg" mb="sm">
            Postal address
          </Title>
          <Checkbox
            label="Post goes to the registered address"
            disabled={readOnly}
            mb="sm"
            {...form.getInputProps('postalSame', { type: 'checkbox' })}
          />
          {form.values.postalSame ? null : (
            <AddressFields
              label="Postal address"
              disabled={readOnly}
              field={(name) => form.getInputProps(`postalAddress.${name}`)}
            />
          )}
        </Card>
        {readOnly ? null : (
          <Group justify="flex-end">
            <Text size="sm" c="dimmed">
              {form.isDirty() ? 'Unsaved changes' : ''}
            </Text>
            <Button
              variant="default"
              disabled={!form.isDirty() || update.isPending}
              onClick={() => {
                form.reset()
                setError(null)
              }}
            >
              Undo changes
            </Button>
            <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
              Save profile
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  )
}
