import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anInstallation, engines, inDatabase, runCli, type Installation } from '../testing/cli-harness.ts'

describe.each(engines())('keel import on %s', (engine) => {
  let install: Installation
  let dir: string
  beforeAll(async () => {
    install = await anInstallation(engine)
    dir = await mkdtemp(path.join(tmpdir(), 'keel-import-'))
  })
  afterAll(async () => {
    await install.destroy()
    await rm(dir, { recursive: true, force: true })
  })
  const keel = (argv: string[]) => runCli(argv, install.env)
  const csv = async (name: string, text: string) => {
    const file = path.join(dir, name)
    await writeFile(file, text)
    return file
  }
  const employees = (slug: string) =>
    inDatabase(install, async (handle) => {
      const { rows } = await sql<{ name: string; manager: string | null }>`
        select e.legal_name as name, m.legal_name as manager from org_employee e
        join identity_company c on c.id = e.company_id
        left join org_employee m on m.company_id = e.company_id and m.id = e.manager_id
        where c.slug = ${slug} order by e.legal_name`.execute(handle.db)
      return rows
    })

  it('imports the structure and the people, after a dry run that writes nothing', async () => {
    expect((await keel(['company', 'create', '--name', 'Import Ltd', '--slug', 'import-ok'])).code).toBe(0)
    const departments = await csv('departments.csv', 'name,code,parent\nOperations,OPS,\nSupport desk,SUP,Operations\n')
    const teams = await csv('teams.csv', 'name,department\nFirst line,Support desk\n')
    const people = await csv(
      'people.csv',
      'employee_number;legal_name;hire_date;employment_type;department;team;manager_employee_number\n' +
        '2;Bo Report;2026-01-05;permanent;Support desk;First line;1\n' +
        '1;Ada Lead;2025-06-01;permanent;Support desk;First line;\n',
    )
    const base = ['--company', 'import-ok', '--file']
    expect((await keel(['import', 'departments', ...base, departments])).stdout).toContain('imported 2 departments')
    expect((await keel(['import', 'teams', ...base, teams])).stdout).toContain('imported 1 teams')
    const dry = await keel(['import', 'employees', ...base, people, '--dry-run'])
    expect(dry.code, dry.stderr).toBe(0)
    expect(dry.stdout).toContain('2 employees rows checked: no problems (dry run, nothing written)')
    expect(await employees('import-ok')).toEqual([])
    const real = await keel(['import', 'employees', ...base, people])
    expect(real.stdout).toContain('imported 2 employees into import-ok')
    expect(await employees('import-ok')).toEqual([
      { name: 'Ada Lead', manager: null },
      { name: 'Bo Report', manager: 'Ada Lead' },
    ])
  })

  it('prints every problem with its line and column, exits 1 and imports nothing', async () => {
    expect((await keel(['company', 'create', '--name', 'Import Bad', '--slug', 'import-bad'])).code).toBe(0)
    const people = await csv(
      'bad.csv',
      'legal_name,hire_date,employment_type\nAda,2026-02-30,permanent\n,2026-01-01,boss\n',
    )
    const result = await keel(['import', 'employees', '--company', 'import-bad', '--file', people])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`${people}:2 hire_date:`)
    expect(result.stderr).toContain(`${people}:3 legal_name:`)
    expect(result.stderr).toContain(`${people}:3 employment_type:`)
    expect(result.stderr).toContain('3 problems in 2 rows: nothing was imported')
    expect(await employees('import-bad')).toEqual([])
    expect((await keel(['import', 'nonsense', '--company', 'import-bad', '--file', people])).code).toBe(2)
  })
})
