import {
  companyBySlug,
  EXIT_FAILED,
  EXIT_OK,
  optionalString,
  requireMigrated,
  withDatabase,
  type Command,
} from '../command.ts'
import { describeBreak, verifyChainWithProgress } from '../verify-chain.ts'

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
        const verdict = await verifyChainWithProgress(ctx.io.stderr, handle, company, `verifying ${company.slug}`)
        if (verdict.ok) {
          ctx.out(`ok      ${company.slug}: ${String(verdict.checked)} events, chain intact`)
        } else {
          broken++
          ctx.out(
            `BROKEN  ${company.slug}: ${describeBreak(verdict)}; ${String(verdict.checked)} events before it hold`,
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
