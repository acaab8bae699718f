import { verifyAuditChain } from '@keel/server/modules/audit/index'
import {
  companyBySlug,
  EXIT_FAILED,
  EXIT_OK,
  optionalString,
  requireMigrated,
  withDatabase,
  type Command,
} from '../command.ts'
import { startProgress } from '../progress.ts'

export const auditVerify: Command = {
  name: 'audit verify',
  summary: "verify companies' audit hash chains; exit 1 naming the first broken event",
  help: `Usage: keel audit verify [--company <slug>]

Walks each company's audit trail in order and recomputes every event's hash
(hash = sha256(prev_hash ‖ canonical event)), so an altered, removed or
reordered event is found. Checks every company unless --company is given.
Prints one line per company on stdout, progress on stderr.

Exit status: 0 when every chain holds, 1 when one is broken (the line names
the company and the first event at which the chain no longer holds).

Options:
  --company <slug>    only this company`,
  options: { company: { type: 'string' } },
  async run(ctx, values) {
    const slug = optionalString(values, 'company')
    return withDatabase(ctx, async (handle) => {
      await requireMigrated(handle)
      const companies =
        slug === undefined
          ? await handle.db.selectFrom('identity_company').select(['id', 'name', 'slug']).orderBy('slug').execute()
          : [await companyBySlug(handle, slug)]
      let broken = 0
      for (const company of companies) {
        const head = await handle.db
          .selectFrom('audit_chain_head')
          .select('last_seq')
          .where('company_id', '=', company.id)
          .executeTakeFirst()
        const progress = startProgress(ctx.io.stderr, `verifying ${company.slug}`, {
          total: head ? Number(head.last_seq) : 0,
          unit: 'events',
        })
        const verdict = await verifyAuditChain(handle.db, company.id, (checked) => {
          progress.update(checked)
        })
        progress.finish()
        if (verdict.ok) {
          ctx.out(`ok      ${company.slug}: ${String(verdict.checked)} events, chain intact`)
        } else {
          broken++
          const at = verdict.brokenAt
          ctx.out(
            `BROKEN  ${company.slug}: at event #${at?.seq ?? '?'}${at?.id ? ` (id ${at.id})` : ''}: ${at?.reason ?? 'unknown'}; ${String(verdict.checked)} events before it hold`,
          )
        }
      }
      if (companies.length === 0) ctx.out('no companies: nothing to verify')
      if (broken > 0) {
        ctx.err(
          `audit verify: ${String(broken)} of ${String(companies.length)} chain${companies.length === 1 ? '' : 's'} broken`,
        )
        return EXIT_FAILED
      }
      return EXIT_OK
    })
  },
}
