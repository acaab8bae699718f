import type { Reach } from '@keel/kernel'
import type { ExternalScope } from './external-scope.ts'

/**
 * What the caller may see of people, decided once per request from their
 * grants (the HTTP layer builds it; org never reads grants itself):
 * `employeeReach` for employment details (org.employee.read), `sensitiveReach`
 * for private data and salary (hr.employee.read_sensitive). Everyone with
 * org.directory.read sees the directory view of every active colleague.
 */
export interface Viewer {
  readonly companyId: string
  readonly userId: string
  readonly employeeReach: Reach | null
  readonly sensitiveReach: Reach | null
  /** External staff: only people placed in their firm's running contracts' departments exist for them. */
  readonly externalScope: ExternalScope | null
}
