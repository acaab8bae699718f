import { type Static, Type } from 'typebox'
import { Instant, Page, PageQuery, Uuid } from './common.ts'
import { ContractRef } from './org-external.ts'

// HTTP shapes of work management: the request catalog, queues, work items.

const CalendarDate = Type.String({ format: 'date', maxLength: 10 })
const Name = Type.String({ minLength: 1, maxLength: 120 })
const Key = Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$', maxLength: 40 })
const NullableId = Type.Union([Uuid, Type.Null()])
const Ref = Type.Object({ id: Uuid, name: Type.String() })

export const Priority = Type.Union([
  Type.Literal('urgent'),
  Type.Literal('high'),
  Type.Literal('normal'),
  Type.Literal('low'),
])
export type Priority = Static<typeof Priority>
export const StatusCategory = Type.Union([
  Type.Literal('new'),
  Type.Literal('open'),
  Type.Literal('waiting'),
  Type.Literal('resolved'),
  Type.Literal('closed'),
])
export const AssignmentStrategy = Type.Union(
  [Type.Literal('manual'), Type.Literal('round_robin'), Type.Literal('least_loaded'), Type.Literal('by_skill')],
  { description: 'manual: a worker triages; the others choose among members working right now' },
)
export type AssignmentStrategy = Static<typeof AssignmentStrategy>
export const FieldKind = Type.Union([
  Type.Literal('text'),
  Type.Literal('long_text'),
  Type.Literal('number'),
  Type.Literal('money'),
  Type.Literal('date'),
  Type.Literal('choice'),
  Type.Literal('person'),
  Type.Literal('attachment'),
])
export type FieldKind = Static<typeof FieldKind>

// ── Catalog ────────────────────────────────────────────────────────────────

export const FieldDefinition = Type.Object(
  {
    key: Key,
    label: Name,
    kind: FieldKind,
    required: Type.Boolean(),
    help: Type.Optional(Type.String({ maxLength: 500 })),
    maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    min: Type.Optional(Type.String({ maxLength: 20, description: 'number and money: lower bound (decimal)' })),
    max: Type.Optional(Type.String({ maxLength: 20, description: 'number and money: upper bound (decimal)' })),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', maxLength: 3 })),
    options: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 120 }), { maxItems: 50 })),
  },
  { additionalProperties: false },
)
export type FieldDefinition = Static<typeof FieldDefinition>

export const Workflow = Type.Object(
  {
    initial: Key,
    statuses: Type.Array(
      Type.Object({ key: Key, label: Name, category: StatusCategory }, { additionalProperties: false }),
      { minItems: 2, maxItems: 20 },
    ),
    transitions: Type.Array(
      Type.Object({ from: Key, to: Key, requesterMay: Type.Boolean() }, { additionalProperties: false }),
      { maxItems: 100 },
    ),
  },
  { additionalProperties: false },
)
export type Workflow = Static<typeof Workflow>

export const RoutingRule = Type.Object(
  {
    requesterDepartmentId: NullableId,
    field: Type.Union([
      Type.Object(
        {
          key: Key,
          operator: Type.Union([
            Type.Literal('equals'),
            Type.Literal('not_equals'),
            Type.Literal('greater_than'),
            Type.Literal('less_than'),
            Type.Literal('contains'),
          ]),
          value: Type.String({ maxLength: 200 }),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
    queueId: NullableId,
    priority: Type.Union([Priority, Type.Null()]),
  },
  { additionalProperties: false },
)
export type RoutingRule = Static<typeof RoutingRule>

export const RequiredSkill = Type.Object(
  { skillId: Uuid, minLevel: Type.Integer({ minimum: 1, maximum: 5 }) },
  { additionalProperties: false },
)

export const RequestType = Type.Object({
  id: Uuid,
  key: Type.String(),
  name: Type.String(),
  description: Type.String(),
  department: Ref,
  defaultQueueId: Uuid,
  defaultPriority: Priority,
  requiredSkill: Type.Union([RequiredSkill, Type.Null()]),
  fields: Type.Array(FieldDefinition),
  workflow: Workflow,
  routingRules: Type.Array(RoutingRule),
  archived: Type.Boolean(),
  version: Type.Integer(),
})
export type RequestType = Static<typeof RequestType>

export const RequestTypeBody = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z][a-z0-9_]{1,59}$', maxLength: 60 }),
    name: Name,
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    departmentId: Uuid,
    defaultQueueId: Uuid,
    defaultPriority: Priority,
    requiredSkill: Type.Optional(Type.Union([RequiredSkill, Type.Null()])),
    fields: Type.Array(FieldDefinition, { maxItems: 40 }),
    workflow: Workflow,
    routingRules: Type.Array(RoutingRule, { maxItems: 50 }),
    archived: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type RequestTypeBody = Static<typeof RequestTypeBody>

export const ArchivedQuery = Type.Object({ includeArchived: Type.Optional(Type.Boolean()) })

// ── Queues ─────────────────────────────────────────────────────────────────

export const Queue = Type.Object({
  id: Uuid,
  key: Type.String(),
  name: Type.String(),
  department: Type.Union([Ref, Type.Null()]),
  team: Type.Union([Ref, Type.Null()]),
  strategy: AssignmentStrategy,
  skillId: NullableId,
  skillMinLevel: Type.Union([Type.Integer(), Type.Null()]),
  members: Type.Array(Type.Object({ employeeId: Uuid, name: Type.String() })),
  contracts: Type.Array(ContractRef, {
    description: "outsourcing contracts whose firm's external staff work this queue while the contract runs",
  }),
  openItems: Type.Integer(),
  archived: Type.Boolean(),
  version: Type.Integer(),
})
export type Queue = Static<typeof Queue>

export const QueueBody = Type.Object(
  {
    key: Type.String({
      pattern: '^[A-Z][A-Z0-9]{1,9}$',
      maxLength: 10,
      description: 'prefix of item numbers (IT → IT-42)',
    }),
    name: Name,
    departmentId: Uuid,
    teamId: Type.Optional(NullableId),
    strategy: AssignmentStrategy,
    skillId: Type.Optional(NullableId),
    skillMinLevel: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 5 }), Type.Null()])),
    memberEmployeeIds: Type.Array(Uuid, { maxItems: 200 }),
    contractIds: Type.Optional(
      Type.Array(Uuid, {
        maxItems: 50,
        uniqueItems: true,
        description: 'outsourcing contracts whose firm works this queue; left unchanged when absent',
      }),
    ),
    archived: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type QueueBody = Static<typeof QueueBody>

// ── Items ──────────────────────────────────────────────────────────────────

const FieldValue = Type.Union([Type.String({ maxLength: 10_000 }), Type.Number(), Type.Boolean(), Type.Null()])

export const SubmitRequestBody = Type.Object(
  {
    typeId: Uuid,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    fields: Type.Record(Type.String({ maxLength: 40 }), FieldValue, { maxProperties: 40 }),
    dueDate: Type.Optional(Type.Union([CalendarDate, Type.Null()])),
  },
  { additionalProperties: false },
)
export type SubmitRequestBody = Static<typeof SubmitRequestBody>

export const ItemRef = Type.Object({ id: Uuid, number: Type.String(), title: Type.String(), status: Type.String() })

export const Item = Type.Object({
  id: Uuid,
  number: Type.String({ description: 'queue key and number, e.g. IT-42' }),
  title: Type.String(),
  type: Ref,
  queue: Type.Object({ id: Uuid, key: Type.String(), name: Type.String() }),
  requester: Type.Object({ userId: Uuid, name: Type.String() }),
  assignee: Type.Union([Type.Object({ employeeId: Uuid, name: Type.String() }), Type.Null()]),
  status: Type.Object({ key: Type.String(), label: Type.String(), category: StatusCategory }),
  priority: Priority,
  dueDate: Type.Union([CalendarDate, Type.Null()]),
  form: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Type.String(),
      kind: FieldKind,
      value: Type.Union([Type.String(), Type.Number(), Type.Null()]),
      display: Type.String({ description: "what a person reads: a colleague's name, an amount with its currency" }),
    }),
  ),
  attachments: Type.Array(
    Type.Object({
      id: Uuid,
      fieldKey: Type.Union([Type.String(), Type.Null()]),
      fileName: Type.String(),
      contentType: Type.String(),
      sizeBytes: Type.Integer(),
    }),
  ),
  tags: Type.Array(Type.String()),
  timeSpentMinutes: Type.Integer(),
  parent: Type.Union([ItemRef, Type.Null()]),
  children: Type.Array(ItemRef),
  links: Type.Array(ItemRef),
  watchers: Type.Array(Type.Object({ userId: Uuid, name: Type.String() })),
  routingExplanation: Type.String({ description: 'why this queue and priority' }),
  assignmentExplanation: Type.String({ description: 'why this assignee (or nobody)' }),
  transitions: Type.Array(Type.Object({ to: Type.String(), label: Type.String() }), {
    description: 'the status steps the caller may take now',
  }),
  canWork: Type.Boolean({ description: 'the caller works this item (a member of its queue, or its lead)' }),
  createdAt: Instant,
  updatedAt: Instant,
  resolvedAt: Type.Union([Instant, Type.Null()]),
  closedAt: Type.Union([Instant, Type.Null()]),
  version: Type.Integer(),
})
export type Item = Static<typeof Item>

export const ItemListEntry = Type.Object({
  id: Uuid,
  number: Type.String(),
  title: Type.String(),
  typeId: Uuid,
  queueId: Uuid,
  requester: Type.Object({ userId: Uuid, name: Type.String() }),
  assignee: Type.Union([Type.Object({ employeeId: Uuid, name: Type.String() }), Type.Null()]),
  status: Type.String(),
  statusCategory: StatusCategory,
  priority: Priority,
  dueDate: Type.Union([CalendarDate, Type.Null()]),
  tags: Type.Array(Type.String()),
  createdAt: Instant,
  updatedAt: Instant,
})
export type ItemListEntry = Static<typeof ItemListEntry>
export const ItemPage = Page(ItemListEntry)

export const ItemListQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    queueId: Type.Optional(Uuid),
    status: Type.Optional(Type.String({ maxLength: 40 })),
    state: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('done')])),
    assigneeEmployeeId: Type.Optional(Uuid),
    unassigned: Type.Optional(Type.Boolean()),
    requester: Type.Optional(Type.Union([Type.Literal('me'), Uuid], { description: 'me: my requests' })),
    typeId: Type.Optional(Uuid),
    priority: Type.Optional(Priority),
    tag: Type.Optional(Type.String({ maxLength: 40 })),
    q: Type.Optional(Type.String({ maxLength: 100, description: 'number, title or form text' })),
    sort: Type.Optional(
      Type.Union([Type.Literal('newest'), Type.Literal('oldest'), Type.Literal('priority'), Type.Literal('due')]),
    ),
  }),
])
export type ItemListQuery = Static<typeof ItemListQuery>

export const SubmittedItem = Type.Object({ id: Uuid, number: Type.String() })

export const TransitionBody = Type.Object(
  { status: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
)
export const AssignBody = Type.Union([
  Type.Object({ employeeId: NullableId }, { additionalProperties: false }),
  Type.Object({ automatic: Type.Literal(true) }, { additionalProperties: false }),
])
export type AssignBody = Static<typeof AssignBody>
export const UpdateItemBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    priority: Type.Optional(Priority),
    dueDate: Type.Optional(Type.Union([CalendarDate, Type.Null()])),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 20 })),
    queueId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
)
export type UpdateItemBody = Static<typeof UpdateItemBody>
export const CommentBody = Type.Object(
  {
    body: Type.String({ minLength: 1, maxLength: 20_000 }),
    visibility: Type.Union([Type.Literal('public'), Type.Literal('internal')]),
  },
  { additionalProperties: false },
)
export const TimeEntryBody = Type.Object(
  {
    minutes: Type.Integer({ minimum: 1, maximum: 1440 }),
    workDate: CalendarDate,
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
)
export const LinkBody = Type.Object(
  { otherItemId: Uuid, kind: Type.Union([Type.Literal('related'), Type.Literal('parent')]) },
  { additionalProperties: false },
)
export const Conversation = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Uuid,
      author: Type.Object({ userId: Uuid, name: Type.String() }),
      visibility: Type.Union([Type.Literal('public'), Type.Literal('internal')]),
      body: Type.String(),
      createdAt: Instant,
    }),
  ),
})
export type Conversation = Static<typeof Conversation>
export const History = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Uuid,
      kind: Type.String(),
      summary: Type.String(),
      actor: Type.Union([Type.Object({ userId: Uuid, name: Type.String() }), Type.Null()]),
      at: Instant,
    }),
  ),
})
export type History = Static<typeof History>
export const Attachment = Type.Object({
  id: Uuid,
  fileName: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
})
export const ItemIdParams = Type.Object({ id: Uuid })
export const WatcherParams = Type.Object({ id: Uuid, userId: Uuid })
export const LinkParams = Type.Object({ id: Uuid, otherItemId: Uuid })
