import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { inflateRawSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anInstallation, engines, runCli, type Installation } from '../testing/cli-harness.ts'

/** One entry of a ZIP archive, read from its local header (stored or deflated). */
function zipEntry(zip: Buffer, name: string): string | null {
  for (let at = zip.indexOf('PK\x03\x04', 0, 'latin1'); at >= 0; at = zip.indexOf('PK\x03\x04', at + 4, 'latin1')) {
    const method = zip.readUInt16LE(at + 8)
    const size = zip.readUInt32LE(at + 18)
    const nameLength = zip.readUInt16LE(at + 26)
    const start = at + 30 + nameLength + zip.readUInt16LE(at + 28)
    if (zip.toString('utf8', at + 30, at + 30 + nameLength) !== name) continue
    const data = zip.subarray(start, start + size)
    return (method === 8 ? inflateRawSync(data) : data).toString('utf8')
  }
  return null
}

describe.each(engines())('keel person export on %s', (engine) => {
  let install: Installation
  let dir: string
  beforeAll(async () => {
    install = await anInstallation(engine)
    dir = await mkdtemp(path.join(tmpdir(), 'keel-person-export-'))
  })
  afterAll(async () => {
    await install.destroy()
    await rm(dir, { recursive: true, force: true })
  })
  const keel = (argv: string[]) => runCli(argv, install.env)

  it("writes one person's archive, and names a person who is not there", async () => {
    expect((await keel(['company', 'create', '--name', 'Acme Ltd', '--slug', 'acme-export'])).code).toBe(0)
    const csv = path.join(dir, 'people.csv')
    await writeFile(
      csv,
      'employee_number,legal_name,hire_date,employment_type\nE-1,Ada Lovelace,2025-01-06,permanent\nE-2,Charles Babbage,2025-02-03,permanent\n',
    )
    const imported = await keel(['import', 'employees', '--company', 'acme-export', '--file', csv])
    expect(imported.code, imported.stderr).toBe(0)
    const out = path.join(dir, 'ada.zip')
    const exported = await keel([
      'person',
      'export',
      '--company',
      'acme-export',
      '--employee-number',
      'E-1',
      '--out',
      out,
    ])
    expect(exported.code, exported.stderr).toBe(0)
    const zip = await readFile(out)
    const person = zipEntry(zip, 'person.json') ?? ''
    expect(person).toContain('Ada Lovelace')
    expect(person).not.toContain('Babbage')
    expect(zipEntry(zip, 'README.txt')).toContain('data subject access request')
    const missing = await keel([
      'person',
      'export',
      '--company',
      'acme-export',
      '--employee-number',
      'E-9',
      '--out',
      out,
    ])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('no employee number "E-9"')
  })
})
