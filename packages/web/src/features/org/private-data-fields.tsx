import { ActionIcon, Button, Fieldset, Group, SimpleGrid, Stack, Text, TextInput, Tooltip } from '@mantine/core'
import type { GetInputPropsReturnType } from '@mantine/form'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import type { PrivateData } from '../../api/types.ts'
import {
  AddressFields,
  emptyAddress,
  fromAddressForm,
  isEmptyAddress,
  toAddressForm,
  type AddressForm,
} from './address-fields.tsx'
import { DateField } from './date-field.tsx'
import { compactIban, isValidIban, printIban } from './iban.ts'
import { todayDate } from './labels.ts'

export const MAX_CONTACTS = 5

const Legend = (props: { children: string }) => (
  <Text size="sm" fw={600} mb={4}>
    {props.children}
  </Text>
)

/** Private data as a form edits it; the shape follows the API so its field errors land on the right input. */
export interface PrivateDataForm {
  dateOfBirth: string | null
  nationalId: string
  homeAddress: AddressForm
  bankAccount: { holder: string; iban: string; bic: string }
  emergencyContacts: { name: string; relationship: string; phone: string }[]
}

export const toPrivateDataForm = (p: PrivateData | null | undefined): PrivateDataForm => ({
  dateOfBirth: p?.dateOfBirth ?? null,
  nationalId: p?.nationalId ?? '',
  homeAddress: p?.homeAddress ? toAddressForm(p.homeAddress) : { ...emptyAddress },
  bankAccount: {
    holder: p?.bankAccount?.holder ?? '',
    iban: p?.bankAccount ? printIban(p.bankAccount.iban) : '',
    bic: p?.bankAccount?.bic ?? '',
  },
  emergencyContacts: (p?.emergencyContacts ?? []).map((c) => ({ ...c })),
})

const bankGiven = (b: PrivateDataForm['bankAccount']) => !!(b.holder.trim() || b.iban.trim() || b.bic.trim())

export function fromPrivateDataForm(f: PrivateDataForm): PrivateData {
  const address = fromAddressForm(f.homeAddress)
  const bic = f.bankAccount.bic.trim().toUpperCase()
  return {
    dateOfBirth: f.dateOfBirth,
    nationalId: f.nationalId.trim() || null,
    homeAddress: isEmptyAddress(address) ? null : address,
    bankAccount: bankGiven(f.bankAccount)
      ? { holder: f.bankAccount.holder.trim(), iban: compactIban(f.bankAccount.iban), ...(bic ? { bic } : {}) }
      : null,
    emergencyContacts: f.emergencyContacts.map((c) => ({
      name: c.name.trim(),
      relationship: c.relationship.trim(),
      phone: c.phone.trim(),
    })),
  }
}

/** Whether anything was filled in (a hire may leave private data out entirely). */
export const hasPrivateData = (f: PrivateDataForm) => {
  const p = fromPrivateDataForm(f)
  return !!(p.dateOfBirth ?? p.nationalId ?? p.homeAddress ?? p.bankAccount) || p.emergencyContacts.length > 0
}

type Rule<T> = (value: T, values: unknown) => string | null

/** Mantine form rules for the private data fields (the server checks the same, and the IBAN again). */
export const privateDataRules: {
  dateOfBirth: Rule<string | null>
  bankAccount: { holder: Rule<string>; iban: Rule<string>; bic: Rule<string> }
  emergencyContacts: { name: Rule<string>; phone: Rule<string> }
} = {
  dateOfBirth: (v) => (v && v > todayDate() ? 'The date of birth must be in the past' : null),
  bankAccount: {
    holder: (v, values) => (bankOf(values) && !v.trim() ? 'Enter the name the account is held in' : null),
    iban: (v, values) =>
      !bankOf(values)
        ? null
        : !v.trim()
          ? 'Enter the IBAN'
          : isValidIban(v)
            ? null
            : 'This IBAN is not valid: check for a typo',
    bic: (v) =>
      !v.trim() || /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(v.trim().toUpperCase())
        ? null
        : 'A BIC has 8 or 11 letters and digits',
  },
  emergencyContacts: {
    name: (v) => (v.trim() ? null : 'Enter a name'),
    phone: (v) => (v.trim().length >= 3 ? null : 'Enter a phone number'),
  },
}

/** The bank account of the values the rule sees: at the top level, or under `privateData` in the hire form. */
function bankOf(values: unknown): boolean {
  const v = values as { bankAccount?: PrivateDataForm['bankAccount']; privateData?: PrivateDataForm }
  const bank = v.bankAccount ?? v.privateData?.bankAccount
  return bank ? bankGiven(bank) : false
}

/** The inputs of private data; `field` gives each its form props by path below the private data. */
export function PrivateDataFields(props: {
  values: PrivateDataForm
  field: (path: string) => GetInputPropsReturnType
  onAddContact: () => void
  onRemoveContact: (index: number) => void
  disabled?: boolean
}) {
  const disabled = props.disabled ?? false
  const ibanInput = props.field('bankAccount.iban')
  const ibanOk = isValidIban(props.values.bankAccount.iban)
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <DateField
          label="Date of birth"
          clearable
          maxDate={todayDate()}
          defaultLevel="decade"
          disabled={disabled}
          {...props.field('dateOfBirth')}
        />
        <TextInput label="National ID" autoComplete="off" disabled={disabled} {...props.field('nationalId')} />
      </SimpleGrid>

      <Fieldset legend={<Legend>Home address</Legend>} variant="unstyled">
        <AddressFields label="Home address" disabled={disabled} field={(name) => props.field(`homeAddress.${name}`)} />
      </Fieldset>

      <Fieldset legend={<Legend>Bank account</Legend>} variant="unstyled">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Account holder"
            autoComplete="off"
            disabled={disabled}
            {...props.field('bankAccount.holder')}
          />
          <TextInput
            label="IBAN"
            autoComplete="off"
            spellCheck={false}
            disabled={disabled}
            placeholder="e.g. DE89 3704 0044 0532 0130 00"
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            description={
              props.values.bankAccount.iban.trim() && ibanOk && !ibanInput.error
                ? 'Check digits are correct'
                : undefined
            }
            {...ibanInput}
            onBlur={(e) => {
              // Shown in groups of four, as it is printed on cards and statements.
              const onChange = ibanInput.onChange as (value: string) => void
              const onBlur = ibanInput.onBlur as ((event: React.FocusEvent) => void) | undefined
              if (isValidIban(e.currentTarget.value)) onChange(printIban(e.currentTarget.value))
              onBlur?.(e)
            }}
          />
          <TextInput
            label="BIC"
            description="Optional"
            autoComplete="off"
            disabled={disabled}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', textTransform: 'uppercase' } }}
            {...props.field('bankAccount.bic')}
          />
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend={<Legend>Emergency contacts</Legend>} variant="unstyled">
        <Stack gap="sm">
          {props.values.emergencyContacts.length === 0 ? (
            <Text size="sm" c="dimmed">
              No emergency contact yet.
            </Text>
          ) : null}
          {props.values.emergencyContacts.map((_, i) => (
            <Group
              key={i}
              gap="sm"
              align="flex-start"
              wrap="nowrap"
              role="group"
              aria-label={`Emergency contact ${i + 1}`}
            >
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" style={{ flex: 1 }}>
                <TextInput label="Name" disabled={disabled} {...props.field(`emergencyContacts.${i}.name`)} />
                <TextInput
                  label="Relationship"
                  placeholder="e.g. Partner"
                  disabled={disabled}
                  {...props.field(`emergencyContacts.${i}.relationship`)}
                />
                <TextInput
                  label="Phone"
                  type="tel"
                  disabled={disabled}
                  {...props.field(`emergencyContacts.${i}.phone`)}
                />
              </SimpleGrid>
              <Tooltip label="Remove this contact">
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={26}
                  disabled={disabled}
                  aria-label={`Remove emergency contact ${i + 1}`}
                  onClick={() => {
                    props.onRemoveContact(i)
                  }}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Tooltip>
            </Group>
          ))}
          {props.values.emergencyContacts.length < MAX_CONTACTS ? (
            <Group>
              <Button
                variant="light"
                size="xs"
                leftSection={<IconPlus size={14} />}
                disabled={disabled}
                onClick={props.onAddContact}
              >
                Add emergency contact
              </Button>
            </Group>
          ) : null}
        </Stack>
      </Fieldset>
    </Stack>
  )
}
