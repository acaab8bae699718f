// Org's public surface: company profile, structure, employee records, the
// directory, reach subjects and availability for later modules.
export { availabilityOf, personCalendar, recordAbsence, removeAbsence } from './availability.ts'
export {
  addWorkingMs,
  isWorkingAt,
  workingMsBetween,
  workingPeriods,
  type BusinessCalendar,
  type Period,
  type WorkingInterval,
} from './business-time.ts'
export { addHoliday, createCalendar, STANDARD_WEEK } from './calendars.ts'
export {
  audienceFactsOf,
  audienceMembers,
  audienceMembersQuery,
  audienceTargetNames,
  unknownAudienceTargets,
  type AudienceFacts,
  type AudienceMember,
  type AudienceTarget,
} from './audience-facts.ts'
export { companyToday, getCompanyProfile } from './company-profile.ts'
export { departmentSubtree } from './departments.ts'
export { applyDueTerminations } from './employees.ts'
export { orgDb, type OrgDeps, type OrgTables } from './org.tables.ts'
export { applyDuePlacements } from './placements.ts'
export { orgReachSubject } from './reach-subject.ts'
export { registerOrgJobs } from './org-jobs.ts'
export { orgRoutes } from './org.routes.ts'
// External firms and staff: the scope other modules (work: queues) cut external users down to,
// the request-time gate, the routes, and the use cases the demo data calls.
export { externalScopeOf, withinExternalScope, type ExternalScope } from './external-scope.ts'
export { installExternalAccessGate } from './external-access-gate.ts'
export { externalRoutes } from './external.routes.ts'
export { createExternalFirm } from './external-firms.ts'
export { createFirmContract } from './firm-contracts.ts'
export { firmContractRefs, type ContractRef } from './contract-refs.ts'
export { addExternalAccount, inviteExternalUser } from './external-accounts.ts'
export { startAccessReview } from './start-access-review.ts'
export { peopleDataRoutes } from './people-data.routes.ts'
// Use cases, for the demo data and (later) imports; the HTTP routes call the same.
export { updateCompanyProfile } from './company-profile.ts'
export { createDepartment, updateDepartment } from './departments.ts'
export { changePlacement, hireEmployee, type HireInput } from './employees.ts'
export { createLocation } from './locations.ts'
export { createPosition } from './positions.ts'
export { recordCompensation, writePrivateData } from './private-data.ts'
export { createTeam, updateTeam } from './teams.ts'
export {
  IMPORT_COLUMNS,
  importPeopleCsv,
  importPeopleXlsx,
  type ImportKind,
  type ImportReport,
} from './import-people.ts'
export { addCertification, createSkill, peopleWithSkill, setEmployeeSkills } from './skills.ts'
// Retention holds: later modules (payroll) keep records from erasure inside their own transaction.
export {
  isHoldActive,
  listRetentionHolds,
  placeRetentionHold,
  releaseRetentionHold,
  type RetentionHoldInput,
  type RetentionHoldView,
} from './retention-holds.ts'
export { uploadEmployeeDocument } from './employee-documents.ts'
export { exportPersonalData } from './personal-data-export.ts'
export { minimalPdf } from './minimal-pdf.ts'
export { userIdsWithinReach } from './users-within-reach.ts'
// For work: people behind requesters, assignees and queue members, and whether they work right now.
export { peopleFacts, skillNames, unitNames, type PersonFacts } from './people-facts.ts'
export { workingStatesAt, type WorkingState } from './working-now.ts'
