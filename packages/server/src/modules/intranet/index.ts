// The intranet's public surface: announcements and policies addressed to an
// audience, acknowledgements and the compliance view, the home feed, and the
// daily reminders. It reads people and structure only through org's index.
export { intranetDb, type IntranetDeps, type IntranetTables } from './intranet.tables.ts'
export { intranetRoutes } from './intranet.routes.ts'
export { registerIntranetJobs } from './intranet-jobs.ts'
// Use cases, for the demo data; the HTTP routes call the same.
export { announcementInput } from './announcement-input.ts'
export { publishAnnouncement } from './publish-announcement.ts'
export { acknowledgeAnnouncement, markAnnouncementRead } from './acknowledge-announcement.ts'
export { createPolicy } from './create-policy.ts'
export { publishPolicyVersion } from './publish-policy-version.ts'
export { acknowledgePolicy } from './acknowledge-policy.ts'
