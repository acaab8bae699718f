import { Select, SimpleGrid, TextInput } from '@mantine/core'
import type { GetInputPropsReturnType } from '@mantine/form'
import type { Salary } from '../../api/types.ts'
import { payPeriods } from './labels.ts'
import { currencies } from './places.ts'

export interface SalaryForm {
  amount: string
  currency: string
  period: Salary['period']
}

/** The amount as the API wants it: digits and one decimal point, no grouping. */
export const normalizeAmount = (amount: string) => amount.replace(/[\s,'’_]/g, '')

export const salaryRules = {
  amount: (v: string) => {
    const a = normalizeAmount(v)
    if (!a) return 'Enter the amount'
    if (!/^\d{1,15}(\.\d{1,4})?$/.test(a)) return 'Enter an amount like 54000 or 4250.50'
    return Number(a) > 0 ? null : 'A salary is more than zero'
  },
  currency: (v: string) => (/^[A-Z]{3}$/.test(v) ? null : 'Choose a currency'),
}

export const toSalary = (f: SalaryForm): Salary => ({
  amount: normalizeAmount(f.amount),
  currency: f.currency,
  period: f.period,
})

export function SalaryFields(props: {
  field: (name: keyof SalaryForm) => GetInputPropsReturnType
  autoFocus?: boolean
}) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      <TextInput
        label="Amount"
        required
        inputMode="decimal"
        autoComplete="off"
        placeholder="e.g. 54000"
        data-autofocus={props.autoFocus ? true : undefined}
        {...props.field('amount')}
      />
      <Select
        label="Currency"
        required
        searchable
        data={currencies}
        allowDeselect={false}
        {...props.field('currency')}
      />
      <Select label="Period" required data={payPeriods} allowDeselect={false} {...props.field('period')} />
    </SimpleGrid>
  )
}
