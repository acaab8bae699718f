import type { AuditTables } from '../modules/audit/index.ts'
import type { IdentityTables } from '../modules/identity/index.ts'
import type { IntranetTables } from '../modules/intranet/index.ts'
import type { MailTables } from '../modules/mail/index.ts'
import type { OrgTables } from '../modules/org/index.ts'
import type { WorkTables } from '../modules/work/index.ts'
import type { PlatformTables } from './platform.tables.ts'

/** The whole schema, as the composition root sees it. Modules see only their own part. */
export type Database = PlatformTables &
  AuditTables &
  IdentityTables &
  MailTables &
  OrgTables &
  IntranetTables &
  WorkTables
