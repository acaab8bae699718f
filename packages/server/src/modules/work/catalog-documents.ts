import { invalidField } from '@keel/kernel'

/** What a status means, whatever a type calls it: SLAs and workload counts read this. */
export type StatusCategory = 'new' | 'open' | 'waiting' | 'resolved' | 'closed'

/** The kinds of intake field a request type's form may have. */
export type FieldKind = 'text' | 'long_text' | 'number' | 'money' | 'date' | 'choice' | 'person' | 'attachment'

/** One field of an intake form, as the catalog stores it (the API speaks the same shape). */
export interface FieldDefinition {
  readonly key: string
  readonly label: string
  readonly kind: FieldKind
  readonly required: boolean
  readonly help?: string
  /** text: the longest answer; attachment: the largest file in bytes. */
  readonly maxLength?: number
  /** number and money: bounds (money in the currency's major units, as decimal strings). */
  readonly min?: string
  readonly max?: string
  /** money: the currency, ISO 4217. */
  readonly currency?: string
  /** choice: the options offered. */
  readonly options?: string[]
}

export interface WorkflowStatus {
  readonly key: string
  readonly label: string
  readonly category: StatusCategory
}

export interface WorkflowTransition {
  readonly from: string
  readonly to: string
  /** The requester may take this step too (close a resolved item, reopen it). */
  readonly requesterMay: boolean
}

/** A type's statuses and the steps allowed between them; `initial` is where a new item starts. */
export interface Workflow {
  readonly initial: string
  readonly statuses: WorkflowStatus[]
  readonly transitions: WorkflowTransition[]
}

/** Priorities as the API names them; stored as 1 (urgent) … 4 (low) so they sort. */
export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const
export type PriorityName = (typeof PRIORITIES)[number]
export const priorityRank = (name: PriorityName): number => PRIORITIES.indexOf(name) + 1
export const priorityName = (rank: number): PriorityName => PRIORITIES[rank - 1] ?? 'normal'

const step = (from: string, to: string, requesterMay = false): WorkflowTransition => ({ from, to, requesterMay })

/** The workflow a new type starts with: Zammad's and Jira Service Management's usual shape. */
export const STANDARD_WORKFLOW: Workflow = {
  initial: 'new',
  statuses: [
    { key: 'new', label: 'New', category: 'new' },
    { key: 'triaged', label: 'Triaged', category: 'open' },
    { key: 'in_progress', label: 'In progress', category: 'open' },
    { key: 'waiting_on_requester', label: 'Waiting on requester', category: 'waiting' },
    { key: 'waiting_on_third_party', label: 'Waiting on third party', category: 'waiting' },
    { key: 'resolved', label: 'Resolved', category: 'resolved' },
    { key: 'closed', label: 'Closed', category: 'closed' },
  ],
  transitions: [
    step('new', 'triaged'),
    step('new', 'in_progress'),
    step('new', 'resolved'),
    step('triaged', 'in_progress'),
    step('triaged', 'resolved'),
    step('in_progress', 'waiting_on_requester'),
    step('in_progress', 'waiting_on_third_party'),
    step('in_progress', 'resolved'),
    step('waiting_on_requester', 'in_progress', true),
    step('waiting_on_third_party', 'in_progress'),
    step('waiting_on_requester', 'resolved'),
    step('waiting_on_third_party', 'resolved'),
    step('resolved', 'closed', true),
    step('resolved', 'in_progress', true),
    step('closed', 'in_progress'),
  ],
}

const KEY = /^[a-z][a-z0-9_]{0,39}$/

/** Checks a form definition; a problem names the field at `/body/fields/<index>/…`. */
export function checkFieldDefinitions(fields: readonly FieldDefinition[]): void {
  const seen = new Set<string>()
  for (const [index, field] of fields.entries()) {
    const at = `/body/fields/${String(index)}`
    if (!KEY.test(field.key))
      throw invalidField('work.invalid_field_key', `${at}/key`, 'Keys are lower-case letters, digits and _.')
    if (seen.has(field.key)) throw invalidField('work.duplicate_field_key', `${at}/key`, 'Each key once per form.')
    seen.add(field.key)
    if (field.kind === 'choice' && (field.options ?? []).length === 0)
      throw invalidField('work.choice_without_options', `${at}/options`, 'A choice field needs options.')
    if (field.kind === 'money' && !/^[A-Z]{3}$/.test(field.currency ?? ''))
      throw invalidField('work.money_without_currency', `${at}/currency`, 'A money field needs a currency.')
    for (const bound of ['min', 'max'] as const) {
      const value = field[bound]
      if (value !== undefined && !/^-?\d+(\.\d+)?$/.test(value))
        throw invalidField('work.invalid_bound', `${at}/${bound}`, 'Bounds are decimal numbers.')
    }
  }
}

/** Checks a workflow: known statuses, one initial, something to resolve to. */
export function checkWorkflow(workflow: Workflow): void {
  const keys = new Set<string>()
  for (const [index, status] of workflow.statuses.entries()) {
    if (!KEY.test(status.key) || keys.has(status.key))
      throw invalidField(
        'work.invalid_status',
        `/body/workflow/statuses/${String(index)}/key`,
        'Status keys are unique lower-case words.',
      )
    keys.add(status.key)
  }
  if (!keys.has(workflow.initial))
    throw invalidField(
      'work.invalid_workflow',
      '/body/workflow/initial',
      'The initial status must be one of the statuses.',
    )
  for (const [index, transition] of workflow.transitions.entries())
    if (!keys.has(transition.from) || !keys.has(transition.to) || transition.from === transition.to)
      throw invalidField(
        'work.invalid_workflow',
        `/body/workflow/transitions/${String(index)}`,
        'A transition joins two different known statuses.',
      )
  if (!workflow.statuses.some((s) => s.category === 'resolved' || s.category === 'closed'))
    throw invalidField(
      'work.invalid_workflow',
      '/body/workflow/statuses',
      'A workflow needs a resolved or closed status.',
    )
}

export const statusOf = (workflow: Workflow, key: string): WorkflowStatus | undefined =>
  workflow.statuses.find((s) => s.key === key)
