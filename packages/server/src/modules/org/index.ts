// Org's public surface: company profile, structure, employee records, the
// directory, reach subjects and availability for later modules.
export { companyToday, getCompanyProfile } from './company-profile.ts'
export { departmentSubtree } from './departments.ts'
export { applyDueTerminations } from './employees.ts'
export { orgDb, type OrgDeps, type OrgTables } from './org.tables.ts'
export { applyDuePlacements } from './placements.ts'
export { orgReachSubject } from './reach-subject.ts'
export { registerOrgJobs } from './org-jobs.ts'
export { orgRoutes } from './org.routes.ts'
