import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Divider,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useState, type SubmitEvent } from 'react'
import { ApiError, errorMessage } from '../../../api/client.ts'
import { useSkills } from '../../../api/org-skills.ts'
import { useDepartments } from '../../../api/org-structure.ts'
import {
  useQueues,
  useSaveRequestType,
  type FieldDefinition,
  type FieldKind,
  type Priority,
  type RequestType,
  type RoutingRule,
  type Workflow,
} from '../../../api/work.ts'
import { PRIORITY_OPTIONS } from '../shared/badges.tsx'

const KINDS: { value: FieldKind; label: string }[] = [
  { value: 'text', label: 'Short text' },
  { value: 'long_text', label: 'Long text' },
  { value: 'number', label: 'Number' },
  { value: 'money', label: 'Money' },
  { value: 'date', label: 'Date' },
  { value: 'choice', label: 'Choice' },
  { value: 'person', label: 'Colleague' },
  { value: 'attachment', label: 'File' },
]
const CATEGORIES = ['new', 'open', 'waiting', 'resolved', 'closed'] as const
const OPERATORS = [
  { value: 'equals', label: 'is' },
  { value: 'not_equals', label: 'is not' },
  { value: 'greater_than', label: 'is over' },
  { value: 'less_than', label: 'is under' },
  { value: 'contains', label: 'contains' },
]
/** The workflow a new type starts with (the server's standard one). */
const NEW_WORKFLOW: Workflow = {
  initial: 'new',
  statuses: [
    { key: 'new', label: 'New', category: 'new' },
    { key: 'in_progress', label: 'In progress', category: 'open' },
    { key: 'waiting_on_requester', label: 'Waiting on requester', category: 'waiting' },
    { key: 'resolved', label: 'Resolved', category: 'resolved' },
    { key: 'closed', label: 'Closed', category: 'closed' },
  ],
  transitions: [
    { from: 'new', to: 'in_progress', requesterMay: false },
    { from: 'in_progress', to: 'waiting_on_requester', requesterMay: false },
    { from: 'waiting_on_requester', to: 'in_progress', requesterMay: true },
    { from: 'in_progress', to: 'resolved', requesterMay: false },
    { from: 'resolved', to: 'closed', requesterMay: true },
    { from: 'resolved', to: 'in_progress', requesterMay: true },
  ],
}

const keyOf = (label: string) =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^(\d)/, 'f_$1')
    .slice(0, 40) || 'field'

/** Server errors by JSON path below /body (`fields/2/options`, `name`). */
const errorsOf = (error: unknown) => {
  const out: Record<string, string> = {}
  if (error instanceof ApiError)
    for (const e of error.problem?.errors ?? []) out[e.path.replace(/^\/body\//, '')] ??= e.message
  return out
}

/** Edits a request type: its form, default queue and priority, routing rules and workflow. */
export function RequestTypeEditor(props: { type: RequestType | null; onClose: () => void }) {
  const { type } = props
  const save = useSaveRequestType()
  const departments = useDepartments()
  const queues = useQueues()
  const skills = useSkills()
  const [name, setName] = useState(type?.name ?? '')
  const [description, setDescription] = useState(type?.description ?? '')
  const [departmentId, setDepartmentId] = useState<string | null>(type?.department.id ?? null)
  const [defaultQueueId, setDefaultQueueId] = useState<string | null>(type?.defaultQueueId ?? null)
  const [defaultPriority, setDefaultPriority] = useState<Priority>(type?.defaultPriority ?? 'normal')
  const [skill, setSkill] = useState(type?.requiredSkill ?? null)
  const [fields, setFields] = useState<FieldDefinition[]>(type?.fields ?? [])
  const [rules, setRules] = useState<RoutingRule[]>(type?.routingRules ?? [])
  const [workflow, setWorkflow] = useState<Workflow>(type?.workflow ?? NEW_WORKFLOW)
  const [archived, setArchived] = useState(type?.archived ?? false)
  const errors = errorsOf(save.error)
  const queueData = (queues.data ?? []).map((q) => ({ value: q.id, label: q.name }))
  const setField = (index: number, change: Partial<FieldDefinition>) => {
    setFields((all) => all.map((f, i) => (i === index ? { ...f, ...change } : f)))
  }
  /** Sets or (when blank) removes a field's lower or upper bound. */
  const setBound = (index: number, bound: 'min' | 'max', value: string) => {
    setFields((all) =>
      all.map((f, i) => {
        if (i !== index) return f
        const { [bound]: _previous, ...rest } = f
        return value.trim() === '' ? rest : { ...rest, [bound]: value.trim() }
      }),
    )
  }
  const setRule = (index: number, change: Partial<RoutingRule>) => {
    setRules((all) => all.map((r, i) => (i === index ? { ...r, ...change } : r)))
  }
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault()
    save.mutate(
      {
        ...(type ? { id: type.id, version: type.version } : {}),
        body: {
          key: type?.key ?? keyOf(name),
          name: name.trim(),
          description,
          departmentId: departmentId ?? '',
          defaultQueueId: defaultQueueId ?? '',
          defaultPriority,
          requiredSkill: skill,
          fields,
          workflow,
          routingRules: rules,
          archived,
        },
      },
      { onSuccess: props.onClose },
    )
  }
  const statusData = workflow.statuses.map((s) => ({ value: s.key, label: s.label }))
  return (
    <Modal opened onClose={props.onClose} title={type ? type.name : 'New request type'} size="80rem">
      <form onSubmit={submit}>
        <Stack>
          <Group grow align="flex-start">
            <TextInput
              label="Name"
              required
              value={name}
              error={errors.name ?? errors.key}
              onChange={(e) => {
                setName(e.currentTarget.value)
              }}
              data-autofocus
            />
            <Select
              label="Department"
              required
              searchable
              data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
              value={departmentId}
              error={errors.departmentId}
              onChange={setDepartmentId}
            />
          </Group>
          <Textarea
            label="Description"
            description="Shown in the catalog."
            autosize
            minRows={2}
            maxLength={2000}
            value={description}
            onChange={(e) => {
              setDescription(e.currentTarget.value)
            }}
          />
          <Group grow align="flex-start">
            <Select
              label="Default queue"
              required
              data={queueData}
              value={defaultQueueId}
              error={errors.defaultQueueId}
              onChange={setDefaultQueueId}
            />
            <Select
              label="Default priority"
              data={PRIORITY_OPTIONS}
              value={defaultPriority}
              allowDeselect={false}
              onChange={(v) => {
                if (v) setDefaultPriority(v as Priority)
              }}
            />
            <Select
              label="Required skill (by-skill queues)"
              clearable
              data={(skills.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              value={skill?.skillId ?? null}
              onChange={(v) => {
                setSkill(v ? { skillId: v, minLevel: skill?.minLevel ?? 1 } : null)
              }}
            />
            <NumberInput
              label="At least level"
              min={1}
              max={5}
              disabled={!skill}
              value={skill?.minLevel ?? 1}
              onChange={(v) => {
                if (skill && typeof v === 'number') setSkill({ ...skill, minLevel: v })
              }}
            />
          </Group>

          <Divider />
          <Title order={3} fz="sm">
            Intake form
          </Title>
          {fields.length === 0 ? (
            <Text size="sm" c="dimmed">
              No questions yet: the requester writes only a summary.
            </Text>
          ) : null}
          {fields.map((f, i) => (
            <Group key={i} align="flex-end" gap="xs" wrap="nowrap">
              <TextInput
                label={i === 0 ? 'Question' : undefined}
                aria-label="Question"
                value={f.label}
                error={errors[`fields/${String(i)}/key`]}
                onChange={(e) => {
                  setField(i, {
                    label: e.currentTarget.value,
                    ...(type?.fields.some((old) => old.key === f.key) ? {} : { key: keyOf(e.currentTarget.value) }),
                  })
                }}
                style={{ flex: 2 }}
              />
              <Select
                label={i === 0 ? 'Kind' : undefined}
                aria-label="Kind"
                data={KINDS}
                value={f.kind}
                allowDeselect={false}
                onChange={(v) => {
                  if (v) setField(i, { kind: v })
                }}
                w={130}
              />
              {f.kind === 'choice' ? (
                <TextInput
                  label={i === 0 ? 'Options' : undefined}
                  aria-label="Options (comma-separated)"
                  placeholder="Option A, Option B"
                  value={(f.options ?? []).join(', ')}
                  error={errors[`fields/${String(i)}/options`]}
                  onChange={(e) => {
                    setField(i, {
                      options: e.currentTarget.value
                        .split(',')
                        .map((o) => o.trim())
                        .filter(Boolean),
                    })
                  }}
                  style={{ flex: 2 }}
                />
              ) : f.kind === 'money' || f.kind === 'number' ? (
                <Group gap={4} style={{ flex: 2 }} wrap="nowrap">
                  {f.kind === 'money' ? (
                    <TextInput
                      aria-label="Currency"
                      placeholder="EUR"
                      maxLength={3}
                      value={f.currency ?? ''}
                      error={errors[`fields/${String(i)}/currency`]}
                      onChange={(e) => {
                        setField(i, { currency: e.currentTarget.value.toUpperCase() })
                      }}
                      w={70}
                    />
                  ) : null}
                  <TextInput
                    aria-label="Minimum"
                    placeholder="min"
                    value={f.min ?? ''}
                    onChange={(e) => {
                      setBound(i, 'min', e.currentTarget.value)
                    }}
                  />
                  <TextInput
                    aria-label="Maximum"
                    placeholder="max"
                    value={f.max ?? ''}
                    onChange={(e) => {
                      setBound(i, 'max', e.currentTarget.value)
                    }}
                  />
                </Group>
              ) : (
                <div style={{ flex: 2 }} />
              )}
              <Checkbox
                label="Required"
                checked={f.required}
                onChange={(e) => {
                  setField(i, { required: e.currentTarget.checked })
                }}
                mb={8}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Remove ${f.label}`}
                onClick={() => {
                  setFields((all) => all.filter((_, j) => j !== i))
                }}
                mb={4}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} />}
            style={{ alignSelf: 'flex-start' }}
            onClick={() => {
              setFields((all) => [
                ...all,
                { key: `field_${String(all.length + 1)}`, label: '', kind: 'text', required: false },
              ])
            }}
          >
            Add a question
          </Button>

          <Divider />
          <Title order={3} fz="sm">
            Routing rules
          </Title>
          <Text size="xs" c="dimmed">
            Tried in order: the first matching rule with a queue chooses the queue, the first with a priority the
            priority.
          </Text>
          {rules.map((r, i) => (
            <Group key={i} align="flex-end" gap="xs" wrap="nowrap">
              <Select
                aria-label="Requester department"
                placeholder="Any department"
                clearable
                data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
                value={r.requesterDepartmentId}
                onChange={(v) => {
                  setRule(i, { requesterDepartmentId: v })
                }}
                w={170}
              />
              <Select
                aria-label="Field"
                placeholder="Any answer"
                clearable
                data={fields.map((f) => ({ value: f.key, label: f.label || f.key }))}
                value={r.field?.key ?? null}
                error={errors[`routingRules/${String(i)}/field/key`]}
                onChange={(v) => {
                  setRule(i, {
                    field: v ? { key: v, operator: r.field?.operator ?? 'equals', value: r.field?.value ?? '' } : null,
                  })
                }}
                w={170}
              />
              <Select
                aria-label="Operator"
                disabled={!r.field}
                data={OPERATORS}
                value={r.field?.operator ?? 'equals'}
                allowDeselect={false}
                onChange={(v) => {
                  if (r.field && v)
                    setRule(i, { field: { ...r.field, operator: v as NonNullable<RoutingRule['field']>['operator'] } })
                }}
                w={110}
              />
              <TextInput
                aria-label="Value"
                disabled={!r.field}
                value={r.field?.value ?? ''}
                onChange={(e) => {
                  if (r.field) setRule(i, { field: { ...r.field, value: e.currentTarget.value } })
                }}
                w={140}
              />
              <Text size="sm">→</Text>
              <Select
                aria-label="Queue"
                placeholder="Same queue"
                clearable
                data={queueData}
                value={r.queueId}
                onChange={(v) => {
                  setRule(i, { queueId: v })
                }}
                w={170}
              />
              <Select
                aria-label="Priority"
                placeholder="Same priority"
                clearable
                data={PRIORITY_OPTIONS}
                value={r.priority}
                error={errors[`routingRules/${String(i)}`]}
                onChange={(v) => {
                  setRule(i, { priority: v ? (v as Priority) : null })
                }}
                w={140}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label="Remove rule"
                onClick={() => {
                  setRules((all) => all.filter((_, j) => j !== i))
                }}
                mb={4}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} />}
            style={{ alignSelf: 'flex-start' }}
            onClick={() => {
              setRules((all) => [...all, { requesterDepartmentId: null, field: null, queueId: null, priority: 'high' }])
            }}
          >
            Add a rule
          </Button>

          <Divider />
          <Title order={3} fz="sm">
            Workflow
          </Title>
          <Group align="flex-start" gap="xl">
            <Stack gap={6}>
              <Text size="xs" c="dimmed">
                Statuses (the first is where new items start)
              </Text>
              {workflow.statuses.map((s, i) => (
                <Group key={s.key} gap="xs" wrap="nowrap">
                  <TextInput
                    aria-label={`Label of ${s.key}`}
                    value={s.label}
                    onChange={(e) => {
                      const label = e.currentTarget.value
                      setWorkflow((w) => ({
                        ...w,
                        statuses: w.statuses.map((x, j) => (j === i ? { ...x, label } : x)),
                      }))
                    }}
                    w={190}
                  />
                  <Select
                    aria-label={`Category of ${s.key}`}
                    data={[...CATEGORIES]}
                    value={s.category}
                    allowDeselect={false}
                    onChange={(v) => {
                      const category = CATEGORIES.find((c) => c === v)
                      if (category)
                        setWorkflow((w) => ({
                          ...w,
                          statuses: w.statuses.map((x, j) => (j === i ? { ...x, category } : x)),
                        }))
                    }}
                    w={110}
                  />
                </Group>
              ))}
            </Stack>
            <Stack gap={6}>
              <Text size="xs" c="dimmed">
                Allowed steps
              </Text>
              {workflow.transitions.map((t, i) => (
                <Group key={`${t.from}-${t.to}-${String(i)}`} gap="xs" wrap="nowrap">
                  <Select
                    aria-label="From"
                    data={statusData}
                    value={t.from}
                    allowDeselect={false}
                    onChange={(v) => {
                      if (v)
                        setWorkflow((w) => ({
                          ...w,
                          transitions: w.transitions.map((x, j) => (j === i ? { ...x, from: v } : x)),
                        }))
                    }}
                    w={190}
                  />
                  <Text size="sm">→</Text>
                  <Select
                    aria-label="To"
                    data={statusData}
                    value={t.to}
                    error={errors[`workflow/transitions/${String(i)}`]}
                    allowDeselect={false}
                    onChange={(v) => {
                      if (v)
                        setWorkflow((w) => ({
                          ...w,
                          transitions: w.transitions.map((x, j) => (j === i ? { ...x, to: v } : x)),
                        }))
                    }}
                    w={190}
                  />
                  <Checkbox
                    label="Requester too"
                    checked={t.requesterMay}
                    onChange={(e) => {
                      const requesterMay = e.currentTarget.checked
                      setWorkflow((w) => ({
                        ...w,
                        transitions: w.transitions.map((x, j) => (j === i ? { ...x, requesterMay } : x)),
                      }))
                    }}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label="Remove step"
                    onClick={() => {
                      setWorkflow((w) => ({ ...w, transitions: w.transitions.filter((_, j) => j !== i) }))
                    }}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ))}
              <Button
                variant="light"
                size="xs"
                leftSection={<IconPlus size={14} />}
                style={{ alignSelf: 'flex-start' }}
                onClick={() => {
                  setWorkflow((w) => ({
                    ...w,
                    transitions: [
                      ...w.transitions,
                      { from: w.initial, to: w.statuses.at(-1)?.key ?? w.initial, requesterMay: false },
                    ],
                  }))
                }}
              >
                Add a step
              </Button>
            </Stack>
          </Group>
          {type ? (
            <Checkbox
              label="Archived (hidden from the catalog; existing items stay)"
              checked={archived}
              onChange={(e) => {
                setArchived(e.currentTarget.checked)
              }}
            />
          ) : null}
          {save.isError ? (
            <Alert color="red" variant="light">
              {errorMessage(save.error)}
              {Object.entries(errors).map(([path, message]) => (
                <Text key={path} size="xs">
                  {path}: {message}
                </Text>
              ))}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save request type
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
