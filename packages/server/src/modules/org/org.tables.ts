import type { ColumnType, Generated, Kysely, Transaction } from 'kysely'
import type { AuditTables } from '../audit/index.ts'
import type { IdentityTables } from '../identity/index.ts'
import type { MailTables } from '../mail/index.ts'
import type { WorkingInterval } from './business-time.ts'

type Timestamp = ColumnType<Date, Date | string, Date | string>
/** A calendar date, 'yyyy-mm-dd' both ways (the date parser keeps it a string). */
type DateString = string
type ReadOnly<T> = ColumnType<T, never, never>

export type EmploymentType = 'permanent' | 'probationary' | 'temporary' | 'contractor' | 'intern'
export type EmployeeStatus = 'active' | 'on_leave' | 'terminated'
export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp'
export type DocumentCategory = 'contract' | 'certificate' | 'identity_document' | 'payslip_other' | 'other'
export type RetentionCategory = 'payroll' | 'tax' | 'contract' | 'legal_claim'

/** A postal address as stored (validated at the API edge). */
export interface AddressJson {
  line1?: string
  line2?: string
  postalCode?: string
  city?: string
  region?: string
  countryCode?: string
}

// Row types for Kysely, named as in SQL. Org's public functions speak camelCase.
export interface OrgTables {
  org_company_profile: {
    company_id: string
    legal_name: string
    registration_id: string | null
    tax_id: string | null
    functional_currency: string
    fiscal_year_start_month: number
    time_zone: string
    locale: string
    registered_address: ColumnType<AddressJson, string, string>
    postal_address: ColumnType<AddressJson | null, string | null, string | null>
    logo: Buffer | null
    logo_type: ImageType | null
    version: Generated<number>
    updated_at: Timestamp
  }
  org_location: {
    company_id: string
    id: string
    name: string
    time_zone: string
    calendar_id: Generated<string | null>
    address: ColumnType<AddressJson, string, string>
    archived_at: Timestamp | null
    version: Generated<number>
    created_at: Timestamp
  }
  org_department: {
    company_id: string
    id: string
    name: string
    code: string | null
    parent_id: string | null
    head_employee_id: string | null
    archived_at: Timestamp | null
    version: Generated<number>
    created_at: Timestamp
  }
  org_team: {
    company_id: string
    id: string
    department_id: string
    name: string
    lead_employee_id: string | null
    archived_at: Timestamp | null
    version: Generated<number>
    created_at: Timestamp
  }
  org_position: {
    company_id: string
    id: string
    title: string
    department_id: string | null
    archived_at: Timestamp | null
    version: Generated<number>
    created_at: Timestamp
  }
  org_employee: {
    company_id: string
    id: string
    user_id: string | null
    employee_number: string
    legal_name: string
    preferred_name: string | null
    work_email: string | null
    work_phone: string | null
    hire_date: DateString
    probation_end_date: DateString | null
    status: Generated<EmployeeStatus>
    termination_date: DateString | null
    termination_reason: string | null
    work_schedule: string | null
    placement_effective_date: DateString
    employment_type: EmploymentType
    department_id: string | null
    team_id: string | null
    position_id: string | null
    manager_id: string | null
    location_id: string | null
    time_zone: Generated<string | null>
    weekly_hours: ColumnType<WorkingInterval[][] | null, string | null | undefined, string | null>
    version: Generated<number>
    created_at: Timestamp
    updated_at: Timestamp
    search_text: ReadOnly<string>
  }
  org_placement: {
    company_id: string
    id: string
    employee_id: string
    effective_date: DateString
    employment_type: EmploymentType
    department_id: string | null
    team_id: string | null
    position_id: string | null
    manager_id: string | null
    location_id: string | null
    reason: string | null
    recorded_at: Timestamp
    recorded_by: string | null
  }
  org_compensation: {
    company_id: string
    id: string
    employee_id: string
    effective_date: DateString
    sealed: string
    reason: string | null
    recorded_at: Timestamp
    recorded_by: string | null
  }
  org_employee_private: {
    company_id: string
    employee_id: string
    sealed: string
    version: Generated<number>
    updated_at: Timestamp
  }
  org_calendar: {
    company_id: string
    id: string
    name: string
    time_zone: string
    weekly_hours: ColumnType<WorkingInterval[][], string, string>
    is_default: Generated<boolean>
    version: Generated<number>
    created_at: Timestamp
  }
  org_holiday: {
    company_id: string
    calendar_id: string
    id: string
    holiday_date: DateString
    name: string
    source_uid: string | null
    created_at: Timestamp
  }
  org_absence: {
    company_id: string
    id: string
    employee_id: string
    starts_at: Timestamp
    ends_at: Timestamp
    reason: string
    source: Generated<string>
    source_id: string | null
    created_at: Timestamp
  }
  org_skill: {
    company_id: string
    id: string
    name: string
    category: string | null
    archived_at: Timestamp | null
    version: Generated<number>
    created_at: Timestamp
  }
  org_employee_skill: {
    company_id: string
    employee_id: string
    skill_id: string
    level: number
    updated_at: Timestamp
  }
  org_certification: {
    company_id: string
    id: string
    employee_id: string
    name: string
    issuer: string | null
    issued_date: DateString | null
    expires_date: DateString | null
    reminded_for_date: DateString | null
    created_at: Timestamp
  }
  org_employee_photo: {
    company_id: string
    employee_id: string
    content: Buffer
    content_type: ImageType
    updated_at: Timestamp
  }
  org_external_firm: {
    company_id: string
    id: string
    name: string
    registration_id: string | null
    tax_id: string | null
    contact_name: string | null
    contact_email: string | null
    contact_phone: string | null
    notes: string | null
    archived_at: Timestamp | null
    version: Generated<number>
    created_at: Timestamp
  }
  org_firm_contract: {
    company_id: string
    id: string
    firm_id: string
    reference: string
    start_date: DateString
    end_date: DateString
    notes: string | null
    version: Generated<number>
    created_at: Timestamp
  }
  org_firm_contract_department: {
    company_id: string
    contract_id: string
    department_id: string
  }
  org_external_account: {
    company_id: string
    id: string
    user_id: string
    firm_id: string
    sponsor_employee_id: string
    status: Generated<'active' | 'expired' | 'revoked'>
    ended_at: Timestamp | null
    end_reason: string | null
    last_reviewed_at: Timestamp | null
    version: Generated<number>
    created_at: Timestamp
  }
  org_access_review: {
    company_id: string
    id: string
    period_start: DateString
    period_end: DateString
    due_date: DateString
    started_by: string | null
    created_at: Timestamp
    closed_at: Timestamp | null
  }
  org_access_review_item: {
    company_id: string
    id: string
    review_id: string
    account_id: string
    sponsor_employee_id: string
    decision: 'confirm' | 'revoke' | null
    decided_by: string | null
    decided_at: Timestamp | null
    comment: string | null
  }
  org_employee_document: {
    company_id: string
    id: string
    employee_id: string
    category: DocumentCategory
    title: string
    file_name: string
    content_type: string
    size_bytes: number
    sha256: string | null
    sealed: Buffer | null
    valid_until_date: DateString | null
    uploaded_by: string | null
    uploaded_at: Timestamp
    deleted_at: Timestamp | null
    deleted_by: string | null
    erased_at: Timestamp | null
  }
  org_retention_hold: {
    company_id: string
    id: string
    employee_id: string
    category: RetentionCategory
    reason: string
    held_until_date: DateString | null
    placed_by: string | null
    placed_at: Timestamp
    released_at: Timestamp | null
    released_by: string | null
  }
  org_personal_data_erasure: {
    company_id: string
    employee_id: string
    erased_at: Timestamp
    erased_by: string | null
    kept_categories: string[]
  }
}

/** What org's use cases touch: its tables, identity's memberships (for links) and audit through its functions. */
export type OrgDeps = OrgTables & IdentityTables & AuditTables & MailTables

/** `Kysely<DB>` is invariant in DB: narrow a wider schema (or a transaction) to what org needs. */
export const orgDb = <DB extends OrgDeps>(db: Kysely<DB> | Transaction<DB>): Kysely<OrgDeps> =>
  db as unknown as Kysely<OrgDeps>
