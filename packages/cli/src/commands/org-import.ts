import { readFile } from 'node:fs/promises'
import { looksLikeXlsx } from '@keel/kernel'
import { systemContext } from '@keel/server/modules/audit/index'
import {
  companyToday,
  IMPORT_COLUMNS,
  importPeopleCsv,
  importPeopleXlsx,
  orgDb,
  type ImportKind,
} from '@keel/server/modules/org/index'
import { loadSecretKey } from '@keel/server/secret-key'
import {
  companyBySlug,
  EXIT_FAILED,
  EXIT_OK,
  flag,
  requiredString,
  requireMigrated,
  UsageError,
  withDatabase,
  type Command,
} from '../command.ts'
import { startProgress, type Progress } from '../progress.ts'

const KINDS: readonly ImportKind[] = ['departments', 'teams', 'employees']
const columns = (kind: ImportKind) =>
  `${IMPORT_COLUMNS[kind].required.join(', ')} (required); ${IMPORT_COLUMNS[kind].optional.join(', ') || 'none'} (optional)`

export const orgImport: Command = {
  name: 'import',
  summary: 'import departments, teams or employees from CSV or XLSX, all or nothing, with --dry-run',
  help: `Usage: keel import <departments|teams|employees> --company <slug> --file <file.csv|file.xlsx> [--dry-run]

Reads a CSV file (comma or semicolon separated, a header line naming the
columns, UTF-8) or the first sheet of an XLSX workbook (the same header in
row 1; date cells count as yyyy-mm-dd) and checks every row and field against the file and against
what the company already has. Every problem is printed with its line and
column; with any problem, or with --dry-run, nothing is written. Otherwise all
rows are written in one transaction — all or none — each recorded in the
company's audit trail with the system as actor. Import departments, then
teams, then employees: each refers to the ones before by name.

Columns:
  departments  ${columns('departments')}
               (a parent is named before its sub-departments)
  teams        ${columns('teams')}
  employees    ${columns('employees')}
               employment_type is permanent, probationary, temporary,
               contractor or intern; dates are yyyy-mm-dd; department, team,
               position and location are names that exist; a manager is
               named by employee number (here or anywhere in the file)

The files \`GET /api/v1/org/export/<kind>.csv\` and \`<kind>.xlsx\` produce import
as they are.

Options:
  --company <slug>  the company's short name
  --file <path>     the CSV or XLSX file (told apart by content, not name)
  --dry-run         check only: report problems, write nothing`,
  options: { company: { type: 'string' }, file: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  allowPositionals: true,
  async run(ctx, values, positionals) {
    const kind = positionals[0] as ImportKind | undefined
    if (!kind || !KINDS.includes(kind)) throw new UsageError(`say what to import: ${KINDS.join(', ')}`)
    const slug = requiredString(values, 'company')
    const file = requiredString(values, 'file')
    const dryRun = flag(values, 'dry-run')
    const bytes = await readFile(file).catch((error: unknown) => {
      throw new UsageError(`--file ${file}: ${error instanceof Error ? error.message : String(error)}`)
    })
    return withDatabase(ctx, async (handle) => {
      await requireMigrated(handle)
      const company = await companyBySlug(handle, slug)
      const db = orgDb(handle.db)
      const now = new Date()
      let progress: Progress | undefined
      const context = systemContext(company.id)
      const secretKey = await loadSecretKey(ctx.config())
      const options = {
        dryRun,
        now,
        today: await companyToday(db, company.id, now),
        onProgress: (done: number, total: number) => {
          progress ??= startProgress(ctx.io.stderr, `import ${kind}`, { total, unit: 'rows' })
          progress.update(done)
        },
      }
      const report = looksLikeXlsx(bytes)
        ? await importPeopleXlsx(db, context, secretKey, kind, bytes, options)
        : await importPeopleCsv(db, context, secretKey, kind, bytes.toString('utf8'), options)
      progress?.finish()
      for (const problem of report.problems)
        ctx.err(`${file}:${String(problem.line)}${problem.column ? ` ${problem.column}` : ''}: ${problem.message}`)
      if (report.problems.length > 0) {
        ctx.err(`${String(report.problems.length)} problems in ${String(report.rows)} rows: nothing was imported`)
        return EXIT_FAILED
      }
      ctx.out(
        dryRun
          ? `${String(report.rows)} ${kind} rows checked: no problems (dry run, nothing written)`
          : `imported ${String(report.created)} ${kind} into ${company.slug}`,
      )
      return EXIT_OK
    })
  },
}
