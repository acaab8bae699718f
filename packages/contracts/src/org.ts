import { type Static, Type } from 'typebox'
import { Instant, Page, PageQuery, Uuid } from './common.ts'

// Organization: company profile, structure, employee records, directory, org chart.

/** A calendar date, yyyy-mm-dd. */
export const CalendarDate = Type.String({ format: 'date', maxLength: 10 })
/** An IANA time zone name such as Europe/Berlin (checked against the runtime's zone list). */
export const TimeZone = Type.String({ minLength: 1, maxLength: 64 })
const Name = Type.String({ minLength: 1, maxLength: 120 })
const OptionalText = (maxLength: number) => Type.Union([Type.String({ maxLength }), Type.Null()])
const NullableId = Type.Union([Uuid, Type.Null()])

export const Address = Type.Object(
  {
    line1: Type.Optional(Type.String({ maxLength: 200 })),
    line2: Type.Optional(Type.String({ maxLength: 200 })),
    postalCode: Type.Optional(Type.String({ maxLength: 20 })),
    city: Type.Optional(Type.String({ maxLength: 100 })),
    region: Type.Optional(Type.String({ maxLength: 100 })),
    countryCode: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' })),
  },
  { additionalProperties: false },
)
export type Address = Static<typeof Address>

export const EmploymentType = Type.Union([
  Type.Literal('permanent'),
  Type.Literal('probationary'),
  Type.Literal('temporary'),
  Type.Literal('contractor'),
  Type.Literal('intern'),
])
export type EmploymentType = Static<typeof EmploymentType>
export const EmployeeStatus = Type.Union([Type.Literal('active'), Type.Literal('on_leave'), Type.Literal('terminated')])
export type EmployeeStatus = Static<typeof EmployeeStatus>

// ── Company profile ────────────────────────────────────────────────────────

export const CompanyProfile = Type.Object({
  legalName: Type.String(),
  registrationId: Type.Union([Type.String(), Type.Null()]),
  taxId: Type.Union([Type.String(), Type.Null()]),
  functionalCurrency: Type.String(),
  fiscalYearStartMonth: Type.Integer(),
  timeZone: Type.String(),
  locale: Type.String(),
  registeredAddress: Address,
  postalAddress: Type.Union([Address, Type.Null()]),
  hasLogo: Type.Boolean(),
  version: Type.Integer(),
})
export type CompanyProfile = Static<typeof CompanyProfile>

export const UpdateCompanyProfileBody = Type.Object(
  {
    legalName: Type.String({ minLength: 1, maxLength: 200 }),
    registrationId: OptionalText(100),
    taxId: OptionalText(100),
    functionalCurrency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' }),
    fiscalYearStartMonth: Type.Integer({ minimum: 1, maximum: 12 }),
    timeZone: TimeZone,
    locale: Type.String({ minLength: 2, maxLength: 35, pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$' }),
    registeredAddress: Address,
    postalAddress: Type.Union([Address, Type.Null()]),
  },
  { additionalProperties: false },
)
export type UpdateCompanyProfileBody = Static<typeof UpdateCompanyProfileBody>

// ── Structure ──────────────────────────────────────────────────────────────

export const PersonRef = Type.Object({ id: Uuid, name: Type.String() })
export type PersonRef = Static<typeof PersonRef>
const NullablePersonRef = Type.Union([PersonRef, Type.Null()])
export const NamedRef = Type.Object({ id: Uuid, name: Type.String() })
const NullableNamedRef = Type.Union([NamedRef, Type.Null()])

export const Location = Type.Object({
  id: Uuid,
  name: Type.String(),
  timeZone: Type.String(),
  address: Address,
  calendarId: NullableId,
  archived: Type.Boolean(),
  headcount: Type.Integer(),
  version: Type.Integer(),
})
export type Location = Static<typeof Location>
export const LocationBody = Type.Object(
  { name: Name, timeZone: TimeZone, address: Type.Optional(Address), calendarId: Type.Optional(NullableId) },
  { additionalProperties: false },
)
export type LocationBody = Static<typeof LocationBody>

export const Department = Type.Object({
  id: Uuid,
  name: Type.String(),
  code: Type.Union([Type.String(), Type.Null()]),
  parentId: NullableId,
  head: NullablePersonRef,
  archived: Type.Boolean(),
  headcount: Type.Integer(),
  version: Type.Integer(),
})
export type Department = Static<typeof Department>
export const DepartmentBody = Type.Object(
  {
    name: Name,
    code: Type.Optional(OptionalText(20)),
    parentId: Type.Optional(NullableId),
    headEmployeeId: Type.Optional(NullableId),
  },
  { additionalProperties: false },
)
export type DepartmentBody = Static<typeof DepartmentBody>

export const Team = Type.Object({
  id: Uuid,
  name: Type.String(),
  department: NamedRef,
  lead: NullablePersonRef,
  archived: Type.Boolean(),
  headcount: Type.Integer(),
  version: Type.Integer(),
})
export type Team = Static<typeof Team>
export const TeamBody = Type.Object(
  { name: Name, departmentId: Uuid, leadEmployeeId: Type.Optional(NullableId) },
  { additionalProperties: false },
)
export type TeamBody = Static<typeof TeamBody>

export const Position = Type.Object({
  id: Uuid,
  title: Type.String(),
  department: NullableNamedRef,
  archived: Type.Boolean(),
  headcount: Type.Integer(),
  version: Type.Integer(),
})
export type Position = Static<typeof Position>
export const PositionBody = Type.Object(
  { title: Name, departmentId: Type.Optional(NullableId) },
  { additionalProperties: false },
)
export type PositionBody = Static<typeof PositionBody>

export const ArchivedQuery = Type.Object({ includeArchived: Type.Optional(Type.Boolean({ default: false })) })

// ── Employees ──────────────────────────────────────────────────────────────

/** What everyone in the company sees of a colleague. */
export const DirectoryEntry = Type.Object({
  id: Uuid,
  name: Type.String({ description: 'preferred name if set, else legal name' }),
  legalName: Type.String(),
  workEmail: Type.Union([Type.String(), Type.Null()]),
  workPhone: Type.Union([Type.String(), Type.Null()]),
  status: EmployeeStatus,
  department: NullableNamedRef,
  team: NullableNamedRef,
  position: NullableNamedRef,
  location: NullableNamedRef,
  manager: NullablePersonRef,
  hasPhoto: Type.Boolean(),
})
export type DirectoryEntry = Static<typeof DirectoryEntry>

export const DirectoryQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    q: Type.Optional(Type.String({ maxLength: 100, description: 'name, e-mail or employee number (fuzzy)' })),
    departmentId: Type.Optional(Uuid),
    teamId: Type.Optional(Uuid),
    locationId: Type.Optional(Uuid),
    positionId: Type.Optional(Uuid),
    managerId: Type.Optional(Uuid),
    skillId: Type.Optional(Uuid),
    minLevel: Type.Optional(Type.Integer({ minimum: 1, maximum: 5, description: 'with skillId: at least this level' })),
  }),
])
export type DirectoryQuery = Static<typeof DirectoryQuery>
export const DirectoryPage = Page(DirectoryEntry)

/** Employment details: for the person, their leads and HR (org.employee.read within reach). */
export const Employment = Type.Object({
  employeeNumber: Type.String(),
  hireDate: CalendarDate,
  probationEndDate: Type.Union([CalendarDate, Type.Null()]),
  employmentType: EmploymentType,
  terminationDate: Type.Union([CalendarDate, Type.Null()]),
  terminationReason: Type.Union([Type.String(), Type.Null()]),
  workSchedule: Type.Union([Type.String(), Type.Null()]),
  placementEffectiveDate: CalendarDate,
  userId: NullableId,
})
export type Employment = Static<typeof Employment>

export const BankAccount = Type.Object(
  {
    holder: Type.String({ minLength: 1, maxLength: 140 }),
    iban: Type.String({ minLength: 15, maxLength: 42, description: 'checked with ISO 13616 mod-97' }),
    bic: Type.Optional(Type.String({ pattern: '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$' })),
  },
  { additionalProperties: false },
)
export const EmergencyContact = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 140 }),
    relationship: Type.String({ maxLength: 60 }),
    phone: Type.String({ minLength: 3, maxLength: 40 }),
  },
  { additionalProperties: false },
)
/** Sensitive personal data: only with hr.employee.read_sensitive, encrypted at rest. */
export const PrivateData = Type.Object(
  {
    dateOfBirth: Type.Union([CalendarDate, Type.Null()]),
    nationalId: Type.Union([Type.String({ maxLength: 40 }), Type.Null()]),
    homeAddress: Type.Union([Address, Type.Null()]),
    bankAccount: Type.Union([BankAccount, Type.Null()]),
    emergencyContacts: Type.Array(EmergencyContact, { maxItems: 5 }),
  },
  { additionalProperties: false },
)
export type PrivateData = Static<typeof PrivateData>

export const PayPeriod = Type.Union([Type.Literal('year'), Type.Literal('month'), Type.Literal('hour')])
export const Salary = Type.Object({
  amount: Type.String({ pattern: '^\\d{1,15}(\\.\\d{1,4})?$', description: 'decimal string in the currency' }),
  currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  period: PayPeriod,
})
export type Salary = Static<typeof Salary>

export const Sensitive = Type.Object({
  privateData: PrivateData,
  salary: Type.Union([Type.Intersect([Salary, Type.Object({ effectiveDate: CalendarDate })]), Type.Null()]),
  version: Type.Integer({ description: 'of the private data (If-Match for its update)' }),
})

export const Employee = Type.Object({
  ...DirectoryEntry.properties,
  /** null when the caller's reach does not include this person. */
  employment: Type.Union([Employment, Type.Null()]),
  /** null without hr.employee.read_sensitive for this person. */
  sensitive: Type.Union([Sensitive, Type.Null()]),
  version: Type.Integer(),
})
export type Employee = Static<typeof Employee>

export const EmployeeListQuery = Type.Intersect([
  DirectoryQuery,
  Type.Object({ status: Type.Optional(EmployeeStatus) }),
])
export const EmployeeRecordItem = Type.Object({ ...DirectoryEntry.properties, employment: Employment })
export const EmployeePage = Page(EmployeeRecordItem)

const PlacementFields = {
  employmentType: EmploymentType,
  departmentId: NullableId,
  teamId: NullableId,
  positionId: NullableId,
  managerId: NullableId,
  locationId: NullableId,
}

export const HireEmployeeBody = Type.Object(
  {
    employeeNumber: Type.Optional(
      Type.String({ minLength: 1, maxLength: 40, description: 'next free number if omitted' }),
    ),
    legalName: Type.String({ minLength: 1, maxLength: 200 }),
    preferredName: Type.Optional(OptionalText(200)),
    workEmail: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()])),
    workPhone: Type.Optional(OptionalText(40)),
    hireDate: CalendarDate,
    probationEndDate: Type.Optional(Type.Union([CalendarDate, Type.Null()])),
    workSchedule: Type.Optional(OptionalText(200)),
    userId: Type.Optional(NullableId),
    ...PlacementFields,
    salary: Type.Optional(Type.Union([Salary, Type.Null()])),
    privateData: Type.Optional(PrivateData),
  },
  { additionalProperties: false },
)
export type HireEmployeeBody = Static<typeof HireEmployeeBody>

export const UpdateEmployeeBody = Type.Object(
  {
    legalName: Type.String({ minLength: 1, maxLength: 200 }),
    preferredName: OptionalText(200),
    workEmail: Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()]),
    workPhone: OptionalText(40),
    probationEndDate: Type.Union([CalendarDate, Type.Null()]),
    workSchedule: OptionalText(200),
    userId: NullableId,
    status: Type.Union([Type.Literal('active'), Type.Literal('on_leave')]),
  },
  { additionalProperties: false },
)
export type UpdateEmployeeBody = Static<typeof UpdateEmployeeBody>

export const PlacementBody = Type.Object(
  { effectiveDate: CalendarDate, ...PlacementFields, reason: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
)
export type PlacementBody = Static<typeof PlacementBody>

export const CompensationBody = Type.Object(
  { effectiveDate: CalendarDate, salary: Salary, reason: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
)
export type CompensationBody = Static<typeof CompensationBody>

export const TerminateBody = Type.Object(
  { terminationDate: CalendarDate, reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
)

export const HistoryEvent = Type.Object({
  kind: Type.Union([Type.Literal('placement'), Type.Literal('compensation')]),
  effectiveDate: CalendarDate,
  recordedAt: Instant,
  recordedBy: NullablePersonRef,
  reason: Type.Union([Type.String(), Type.Null()]),
  /** What changed from the previous row of the same kind: field → before/after (names, not ids). */
  changes: Type.Array(
    Type.Object({
      field: Type.String(),
      before: Type.Union([Type.String(), Type.Null()]),
      after: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  future: Type.Boolean({ description: 'effective after today: scheduled, not yet in effect' }),
})
export const EmployeeHistory = Type.Object({ events: Type.Array(HistoryEvent) })

export const AsOfQuery = Type.Object({ asOf: Type.Optional(CalendarDate) })

/** The org chart: every person in place on a date, as a flat list the client nests by managerId. */
export const OrgChart = Type.Object({
  asOf: CalendarDate,
  nodes: Type.Array(
    Type.Object({
      id: Uuid,
      name: Type.String(),
      position: Type.Union([Type.String(), Type.Null()]),
      department: Type.Union([Type.String(), Type.Null()]),
      managerId: NullableId,
      hasPhoto: Type.Boolean(),
    }),
  ),
})
export type OrgChart = Static<typeof OrgChart>

// ── Business calendars and availability ────────────────────────────────────

const WallClock = Type.String({
  pattern: '^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$',
  description: 'HH:MM, 24:00 ends at midnight',
})
export const WorkingInterval = Type.Object({ from: WallClock, to: WallClock }, { additionalProperties: false })
export const WeeklyHours = Type.Array(Type.Array(WorkingInterval, { maxItems: 6 }), {
  minItems: 7,
  maxItems: 7,
  description: 'seven days, Monday first; each a list of working intervals in local time',
})

export const Calendar = Type.Object({
  id: Uuid,
  name: Type.String(),
  timeZone: Type.String(),
  weeklyHours: WeeklyHours,
  isDefault: Type.Boolean(),
  holidays: Type.Array(Type.Object({ id: Uuid, date: CalendarDate, name: Type.String() })),
  version: Type.Integer(),
})
export type Calendar = Static<typeof Calendar>
export const CalendarBody = Type.Object(
  { name: Name, timeZone: TimeZone, weeklyHours: WeeklyHours, isDefault: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
)
export const HolidayBody = Type.Object(
  { date: CalendarDate, name: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
)
export const HolidayParams = Type.Object({ id: Uuid, holidayId: Uuid })
export const HolidayImportQuery = Type.Object({ dryRun: Type.Optional(Type.Boolean({ default: false })) })
export const HolidayImportReply = Type.Object({
  dryRun: Type.Boolean(),
  added: Type.Array(Type.Object({ date: CalendarDate, name: Type.String() })),
  skipped: Type.Integer({ description: 'dates the calendar already had, or repeated in the file' }),
  problems: Type.Array(Type.String()),
})

export const WorkingHoursBody = Type.Object(
  { timeZone: Type.Union([TimeZone, Type.Null()]), weeklyHours: Type.Union([WeeklyHours, Type.Null()]) },
  { additionalProperties: false },
)

export const AvailabilityQuery = Type.Object({
  from: Type.Optional(Instant),
  to: Type.Optional(Instant),
})
export const Availability = Type.Object({
  timeZone: Type.String(),
  workingNow: Type.Boolean(),
  from: Instant,
  to: Instant,
  workingMs: Type.Integer(),
  periods: Type.Array(Type.Object({ start: Instant, end: Instant })),
  absences: Type.Array(
    Type.Object({ id: Uuid, startsAt: Instant, endsAt: Instant, reason: Type.String(), source: Type.String() }),
  ),
})
export const AbsenceBody = Type.Object(
  { startsAt: Instant, endsAt: Instant, reason: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
)
export const AbsenceParams = Type.Object({ id: Uuid, absenceId: Uuid })

// ── Skills and certifications ──────────────────────────────────────────────

export const Skill = Type.Object({
  id: Uuid,
  name: Type.String(),
  category: Type.Union([Type.String(), Type.Null()]),
  archived: Type.Boolean(),
  people: Type.Integer({ description: 'how many people hold it' }),
  version: Type.Integer(),
})
export const SkillBody = Type.Object(
  {
    name: Name,
    category: Type.Optional(OptionalText(120)),
    archived: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export const SkillLevel = Type.Integer({ minimum: 1, maximum: 5, description: '1 basic … 5 expert' })
export const EmployeeSkills = Type.Object({
  items: Type.Array(
    Type.Object({
      skill: Type.Object({ id: Uuid, name: Type.String(), category: Type.Union([Type.String(), Type.Null()]) }),
      level: SkillLevel,
    }),
  ),
})
export const EmployeeSkillsBody = Type.Array(
  Type.Object({ skillId: Uuid, level: SkillLevel }, { additionalProperties: false }),
  {
    maxItems: 100,
  },
)
export const Certification = Type.Object({
  id: Uuid,
  name: Type.String(),
  issuer: Type.Union([Type.String(), Type.Null()]),
  issuedDate: Type.Union([CalendarDate, Type.Null()]),
  expiresDate: Type.Union([CalendarDate, Type.Null()]),
})
export const Certifications = Type.Object({ items: Type.Array(Certification) })
export const CertificationBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    issuer: Type.Optional(OptionalText(200)),
    issuedDate: Type.Optional(Type.Union([CalendarDate, Type.Null()])),
    expiresDate: Type.Optional(Type.Union([CalendarDate, Type.Null()])),
  },
  { additionalProperties: false },
)
export const CertificationParams = Type.Object({ id: Uuid, certificationId: Uuid })
