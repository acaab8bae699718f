import type { ColumnType, Generated, Kysely, Transaction } from 'kysely'
import type { OrgDeps } from '../org/index.ts'
import type { FieldDefinition, StatusCategory, Workflow } from './catalog-documents.ts'

type Timestamp = ColumnType<Date, Date | string, Date | string>
/** A calendar date, 'yyyy-mm-dd' both ways. */
type DateString = string
type Json<T> = ColumnType<T, string, string>

export type AssignmentStrategy = 'manual' | 'round_robin' | 'least_loaded' | 'by_skill'
export type { StatusCategory }
export type FieldOperator = 'equals' | 'not_equals' | 'greater_than' | 'less_than' | 'contains'
/** A submitted intake form: field key → value as stored (money as a decimal string, people and files by id). */
export type FieldValues = Record<string, string | number | null>

// Row types for Kysely, named as in SQL. The module's functions speak camelCase.
export interface WorkTables {
  work_queue: {
    company_id: string
    id: string
    key: string
    name: string
    department_id: string | null
    team_id: string | null
    strategy: AssignmentStrategy
    skill_id: string | null
    skill_min_level: number | null
    last_assigned_employee_id: string | null
    next_number: Generated<bigint>
    archived_at: Timestamp | null
    version: Generated<number>
    created_at: Timestamp
  }
  work_queue_member: {
    company_id: string
    queue_id: string
    employee_id: string
    added_at: Timestamp
  }
  /** The queues a firm's contract covers (migration 0002). */
  work_queue_contract: {
    company_id: string
    queue_id: string
    contract_id: string
  }
  work_request_type: {
    company_id: string
    id: string
    key: string
    name: string
    description: string
    department_id: string
    default_queue_id: string
    default_priority: number
    required_skill_id: string | null
    required_skill_level: number | null
    fields: Json<FieldDefinition[]>
    workflow: Json<Workflow>
    archived_at: Timestamp | null
    version: Generated<number>
    created_at: Timestamp
  }
  work_routing_rule: {
    company_id: string
    type_id: string
    position: number
    when_requester_department_id: string | null
    when_field_key: string | null
    when_field_operator: FieldOperator | null
    when_field_value: string | null
    then_queue_id: string | null
    then_priority: number | null
  }
  work_item: {
    company_id: string
    id: string
    number_prefix: string
    number: bigint
    type_id: string
    queue_id: string
    title: string
    requester_user_id: string
    requester_employee_id: string | null
    requester_department_id: string | null
    requester_team_id: string | null
    status: string
    status_category: StatusCategory
    priority: number
    assignee_employee_id: string | null
    assignee_user_id: string | null
    assignment_explanation: string
    routing_explanation: string
    due_date: DateString | null
    fields: Json<FieldValues>
    tags: string[]
    time_spent_minutes: number
    parent_item_id: string | null
    search_text: string
    version: Generated<number>
    created_at: Timestamp
    updated_at: Timestamp
    resolved_at: Timestamp | null
    closed_at: Timestamp | null
  }
  work_item_event: {
    company_id: string
    id: string
    item_id: string
    kind: string
    actor_user_id: string | null
    data: Json<Record<string, unknown>>
    summary: string
    at: Timestamp
  }
  work_item_comment: {
    company_id: string
    id: string
    item_id: string
    author_user_id: string
    visibility: 'internal' | 'public'
    body: string
    created_at: Timestamp
  }
  work_item_watcher: {
    company_id: string
    item_id: string
    user_id: string
    added_at: Timestamp
  }
  work_item_link: {
    company_id: string
    item_id: string
    other_item_id: string
    created_at: Timestamp
  }
  work_time_entry: {
    company_id: string
    id: string
    item_id: string
    user_id: string
    minutes: number
    work_date: DateString
    note: string
    created_at: Timestamp
  }
  work_attachment: {
    company_id: string
    id: string
    item_id: string | null
    field_key: string | null
    file_name: string
    content_type: string
    size_bytes: number
    sha256: string
    content: Buffer
    uploaded_by_user_id: string
    created_at: Timestamp
  }
}

/** What work's functions may query: its own tables, and org's (through org's functions only). */
export type WorkDeps = WorkTables & OrgDeps

export const workDb = <DB extends WorkDeps>(db: Kysely<DB> | Transaction<DB>): Kysely<WorkDeps> =>
  db as unknown as Kysely<WorkDeps>
