// Types of the HTTP API, derived from the TypeBox schemas in @keel/contracts.
// Only types are imported: the web bundle never includes server or schema code.
import type { Static } from 'typebox'
import type { AuditEventPage, AuditVerifyReply as AuditVerifyReplySchema } from '@keel/contracts/audit'
import type { Problem } from '@keel/contracts/common'
import type {
  ApiToken,
  ApiTokenList,
  CompanySummary,
  CreateApiTokenBody,
  CreateRoleBody,
  CreatedApiToken,
  InviteUserBody,
  InvitedUser,
  MfaSetupReply,
  PermissionInfo,
  Reach,
  RecoveryCodesReply,
  Role,
  RolePermission,
  SessionInfo,
  SessionReply,
  UpdateRoleBody,
  User,
  UserPage,
} from '@keel/contracts/identity'
import type { OutboxMessage, OutboxPage } from '@keel/contracts/mail'
import type {
  OrgChart,
  Availability as AvailabilitySchema,
  CalendarBody as CalendarBodySchema,
  HolidayImportReply as HolidayImportReplySchema,
  WeeklyHours as WeeklyHoursSchema,
  WorkingHoursBody as WorkingHoursBodySchema,
  DirectoryPage as DirectoryPageSchema,
  EmployeeHistory as EmployeeHistorySchema,
  EmployeePage as EmployeePageSchema,
  Sensitive as SensitiveSchema,
  Skill as SkillSchema,
  SkillBody as SkillBodySchema,
  EmployeeSkills as EmployeeSkillsSchema,
  EmployeeSkillsBody as EmployeeSkillsBodySchema,
  Certification as CertificationSchema,
  CertificationBody as CertificationBodySchema,
  TerminateBody as TerminateBodySchema,
} from '@keel/contracts/org'
import type { Health } from '@keel/contracts/system'

export type { AuditEvent } from '@keel/contracts/audit'
export type { ApiToken, CompanySummary, Problem, Reach, Role, SessionReply, User, OutboxMessage, OrgChart }
export type AuditEventPage = Static<typeof AuditEventPage>
export type AuditVerifyReply = Static<typeof AuditVerifyReplySchema>
export type ApiTokenList = Static<typeof ApiTokenList>
export type CreateApiTokenBody = Static<typeof CreateApiTokenBody>
export type CreatedApiToken = Static<typeof CreatedApiToken>
export type CreateRoleBody = Static<typeof CreateRoleBody>
export type UpdateRoleBody = Static<typeof UpdateRoleBody>
export type InviteUserBody = Static<typeof InviteUserBody>
export type InvitedUser = Static<typeof InvitedUser>
export type MfaSetupReply = Static<typeof MfaSetupReply>
export type PermissionInfo = Static<typeof PermissionInfo>
export type RecoveryCodesReply = Static<typeof RecoveryCodesReply>
export type RolePermission = Static<typeof RolePermission>
export type SessionInfo = Static<typeof SessionInfo>
export type UserPage = Static<typeof UserPage>
export type OutboxPage = Static<typeof OutboxPage>
export type Health = Static<typeof Health>
export type UserStatus = User['status']

export type {
  Address,
  Calendar,
  CompanyProfile,
  CompensationBody,
  Department,
  DepartmentBody,
  DirectoryEntry,
  Employee,
  EmployeeStatus,
  Employment,
  EmploymentType,
  HireEmployeeBody,
  Location,
  LocationBody,
  PersonRef,
  PlacementBody,
  Position,
  PositionBody,
  PrivateData,
  Salary,
  Team,
  TeamBody,
  UpdateCompanyProfileBody,
  UpdateEmployeeBody,
} from '@keel/contracts/org'
export type DirectoryPage = Static<typeof DirectoryPageSchema>
export type EmployeePage = Static<typeof EmployeePageSchema>
export type EmployeeHistory = Static<typeof EmployeeHistorySchema>
export type HistoryEvent = EmployeeHistory['events'][number]
export type Sensitive = Static<typeof SensitiveSchema>
export type TerminateBody = Static<typeof TerminateBodySchema>
export type OrgChartNode = OrgChart['nodes'][number]
export type Availability = Static<typeof AvailabilitySchema>
export type Absence = Availability['absences'][number]
export type CalendarBody = Static<typeof CalendarBodySchema>
export type HolidayImportReply = Static<typeof HolidayImportReplySchema>
export type WeeklyHours = Static<typeof WeeklyHoursSchema>
export type WorkingHoursBody = Static<typeof WorkingHoursBodySchema>
export type Skill = Static<typeof SkillSchema>
export type SkillBody = Static<typeof SkillBodySchema>
export type EmployeeSkill = Static<typeof EmployeeSkillsSchema>['items'][number]
export type EmployeeSkillsBody = Static<typeof EmployeeSkillsBodySchema>
export type Certification = Static<typeof CertificationSchema>
export type CertificationBody = Static<typeof CertificationBodySchema>
