import { auditChainLength, verifyAuditChain, type ChainVerdict } from '@keel/server/modules/audit/index'
import type { DatabaseHandle } from '@keel/server/db/connect'
import type { OutStream } from './command.ts'
import { startProgress } from './progress.ts'

/** Verifies one company's audit chain with a progress bar on stderr. */
export async function verifyChainWithProgress(
  stderr: OutStream,
  handle: DatabaseHandle,
  company: { readonly id: string; readonly slug: string },
  label: string,
): Promise<ChainVerdict> {
  const progress = startProgress(stderr, label, {
    total: await auditChainLength(handle.db, company.id),
    unit: 'events',
  })
  const verdict = await verifyAuditChain(handle.db, company.id, (checked) => {
    progress.update(checked)
  })
  progress.finish()
  return verdict
}

/** "at event #7 (id …): its content does not match its hash" */
export function describeBreak(verdict: ChainVerdict): string {
  const at = verdict.brokenAt
  return `at event #${at?.seq ?? '?'}${at?.id ? ` (id ${at.id})` : ''}: ${at?.reason ?? 'unknown'}`
}
