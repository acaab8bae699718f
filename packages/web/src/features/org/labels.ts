import dayjs from 'dayjs'
import type { EmployeeStatus, EmploymentType, Salary } from '../../api/types.ts'

export const employmentTypes: { value: EmploymentType; label: string }[] = [
  { value: 'permanent', label: 'Permanent' },
  { value: 'probationary', label: 'Probationary' },
  { value: 'temporary', label: 'Temporary' },
  { value: 'contractor', label: 'Contractor' },
  { value: 'intern', label: 'Intern' },
]

export const employmentTypeLabel = (type: EmploymentType): string =>
  employmentTypes.find((t) => t.value === type)?.label ?? type

export const statusLook: Record<EmployeeStatus, { color: string; label: string }> = {
  active: { color: 'teal', label: 'Active' },
  on_leave: { color: 'yellow', label: 'On leave' },
  terminated: { color: 'gray', label: 'Left' },
}

export const payPeriods: { value: Salary['period']; label: string }[] = [
  { value: 'year', label: 'per year' },
  { value: 'month', label: 'per month' },
  { value: 'hour', label: 'per hour' },
]

export const months = Array.from({ length: 12 }, (_, i) => ({
  value: String(i + 1),
  label: dayjs().month(i).format('MMMM'),
}))

/** Today as yyyy-mm-dd in the browser's time zone. */
export const todayDate = () => dayjs().format('YYYY-MM-DD')

/** A salary as people read it: "EUR 54,000.00 per year". */
export function formatSalary(salary: Salary): string {
  const [whole = '0', fraction] = salary.amount.split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const period = payPeriods.find((p) => p.value === salary.period)?.label ?? ''
  return `${salary.currency} ${grouped}${fraction ? `.${fraction}` : ''} ${period}`.trim()
}
