import { writeFile } from 'node:fs/promises'
import { systemContext } from '@keel/server/modules/audit/index'
import { exportPersonalData, orgDb } from '@keel/server/modules/org/index'
import { loadSecretKey } from '@keel/server/secret-key'
import {
  CliFailure,
  companyBySlug,
  EXIT_OK,
  requiredString,
  requireMigrated,
  withDatabase,
  type Command,
} from '../command.ts'

export const personExport: Command = {
  name: 'person export',
  summary: 'write everything Keel holds about one person to a ZIP (a data subject access request)',
  help: `Usage: keel person export --company <slug> --employee-number <number> --out <file.zip>

Writes the same archive as POST /api/v1/org/employees/{id}/personal-data-export:
person.json (the employee record, placements, private data, salary history,
skills, absences, documents, retention holds, the sign-in account and the audit
events about them), the document files under documents/, and a README.txt.
The export is recorded in the company's audit trail with the system as actor.
The archive holds sensitive data: keep it where only its recipient can read it.

Options:
  --company <slug>             the company's short name
  --employee-number <number>   the person's employee number in that company
  --out <file.zip>             where to write the archive (an existing file is replaced)`,
  options: { company: { type: 'string' }, 'employee-number': { type: 'string' }, out: { type: 'string' } },
  async run(ctx, values) {
    const slug = requiredString(values, 'company')
    const employeeNumber = requiredString(values, 'employee-number')
    const out = requiredString(values, 'out')
    return withDatabase(ctx, async (handle) => {
      await requireMigrated(handle)
      const company = await companyBySlug(handle, slug)
      const db = orgDb(handle.db)
      const employee = await db
        .selectFrom('org_employee')
        .select('id')
        .where('company_id', '=', company.id)
        .where('employee_number', '=', employeeNumber)
        .executeTakeFirst()
      if (!employee) throw new CliFailure(`no employee number "${employeeNumber}" in ${slug}`)
      const { archive } = await exportPersonalData(
        db,
        systemContext(company.id),
        await loadSecretKey(ctx.config()),
        employee.id,
        new Date(),
      )
      await writeFile(out, archive, { mode: 0o600 })
      ctx.out(`${out}: ${String(archive.byteLength)} bytes`)
      return EXIT_OK
    })
  },
}
