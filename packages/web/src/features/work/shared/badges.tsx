import { Badge } from '@mantine/core'
import type { Priority } from '../../../api/work.ts'

const CATEGORY_COLOR = { new: 'blue', open: 'cyan', waiting: 'yellow', resolved: 'green', closed: 'gray' } as const

/** A status as its type's workflow names it, coloured by what it means (new, open, waiting, resolved, closed). */
export function StatusBadge(props: { label: string; category: keyof typeof CATEGORY_COLOR }) {
  return (
    <Badge color={CATEGORY_COLOR[props.category]} variant="light" radius="sm">
      {props.label}
    </Badge>
  )
}

const PRIORITY_COLOR: Record<Priority, string> = { urgent: 'red', high: 'orange', normal: 'gray', low: 'gray' }

export function PriorityBadge(props: { priority: Priority }) {
  return (
    <Badge color={PRIORITY_COLOR[props.priority]} variant={props.priority === 'low' ? 'outline' : 'light'} radius="sm">
      {props.priority}
    </Badge>
  )
}

/** Status keys as words, for lists that do not carry the workflow's labels. */
export const statusWords = (key: string) => {
  const words = key.replace(/_/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export const STRATEGY_LABELS = {
  manual: 'Manual (a worker triages)',
  round_robin: 'Round robin',
  least_loaded: 'Least loaded',
  by_skill: 'By skill',
} as const

export const PRIORITY_OPTIONS = [
  { value: 'urgent', label: 'Urgent' },
  { value: 'high', label: 'High' },
  { value: 'normal', label: 'Normal' },
  { value: 'low', label: 'Low' },
]
