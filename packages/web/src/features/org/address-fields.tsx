import { Select, SimpleGrid, TextInput } from '@mantine/core'
import type { GetInputPropsReturnType } from '@mantine/form'
import type { Address } from '../../api/types.ts'
import { countries, countryName } from './places.ts'

/** An address as a form edits it: every field a string (empty = not given). */
export interface AddressForm {
  line1: string
  line2: string
  postalCode: string
  city: string
  region: string
  countryCode: string | null
}

export const emptyAddress: AddressForm = {
  line1: '',
  line2: '',
  postalCode: '',
  city: '',
  region: '',
  countryCode: null,
}

export const toAddressForm = (a: Address | null | undefined): AddressForm => ({
  line1: a?.line1 ?? '',
  line2: a?.line2 ?? '',
  postalCode: a?.postalCode ?? '',
  city: a?.city ?? '',
  region: a?.region ?? '',
  countryCode: a?.countryCode ?? null,
})

/** The address for the API, without the fields left empty. */
export function fromAddressForm(f: AddressForm): Address {
  const out: Address = {}
  for (const key of ['line1', 'line2', 'postalCode', 'city', 'region'] as const) {
    const v = f[key].trim()
    if (v) out[key] = v
  }
  if (f.countryCode) out.countryCode = f.countryCode
  return out
}

export const isEmptyAddress = (a: Address | null | undefined) => !a || Object.values(a).every((v) => !v)

/** An address as lines to print. */
export function addressLines(a: Address | null | undefined): string[] {
  if (!a) return []
  return [
    a.line1,
    a.line2,
    [a.postalCode, a.city].filter(Boolean).join(' '),
    a.region,
    countryName(a.countryCode),
  ].filter((l): l is string => !!l)
}

/** The inputs of one address; `field` gives each its form props (value, onChange, error). */
export function AddressFields(props: {
  field: (name: keyof AddressForm) => GetInputPropsReturnType
  label: string
  disabled?: boolean
}) {
  const disabled = props.disabled ?? false
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" role="group" aria-label={props.label}>
      <TextInput label="Address line 1" autoComplete="off" disabled={disabled} {...props.field('line1')} />
      <TextInput label="Address line 2" autoComplete="off" disabled={disabled} {...props.field('line2')} />
      <TextInput label="Postal code" autoComplete="off" disabled={disabled} {...props.field('postalCode')} />
      <TextInput label="City" autoComplete="off" disabled={disabled} {...props.field('city')} />
      <TextInput label="Region or state" autoComplete="off" disabled={disabled} {...props.field('region')} />
      <Select
        label="Country"
        data={countries}
        searchable
        clearable
        disabled={disabled}
        nothingFoundMessage="No country matches"
        {...props.field('countryCode')}
      />
    </SimpleGrid>
  )
}
