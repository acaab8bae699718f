import { afterEach, describe, expect, it } from 'vitest'
import { COMMANDS } from './main.ts'
import { anInstallation, engines, runCli, type Installation } from './testing/cli-harness.ts'

const NO_DB = { KEEL_DATA_DIR: '/nonexistent/keel-cli-test' }

describe('keel: usage', () => {
  it('lists every command with --help, exit 0', async () => {
    const result = await runCli(['--help'], NO_DB)
    expect(result.code).toBe(0)
    for (const command of COMMANDS) expect(result.stdout).toContain(command.name)
  })

  it('has --help for every command, touching no database', async () => {
    for (const command of COMMANDS) {
      const result = await runCli([...command.name.split(' '), '--help'], NO_DB)
      expect(result.code, command.name).toBe(0)
      expect(result.stdout).toContain(`Usage: keel ${command.name}`)
      expect(result.stdout).toContain('--help')
    }
    expect((await runCli(['help', 'user', 'create'], NO_DB)).stdout).toContain('Usage: keel user create')
    const group = await runCli(['user', '--help'], NO_DB)
    expect(group.code).toBe(0)
    expect(group.stdout).toContain('keel user reset-password')
  })

  it.each([
    [[], 'Usage: keel <command>'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['user'], '"user" needs a command'],
    [['user', 'frobnicate'], 'unknown command "user frobnicate"'],
    [['migrate', '--bogus'], "Unknown option '--bogus'"],
    [['migrate', 'extra'], 'positional'],
    [['company', 'create', '--name', 'Acme Ltd'], '--slug is required'],
    [['company', 'create', '--name'], "'--name <value>' argument missing"],
    [['user', 'deactivate'], '--email is required'],
    [['seed'], '--demo'],
    [['backup'], '--out is required'],
    [['restore'], '--in is required'],
  ])('exits 2 on bad usage: keel %j', async (argv, message) => {
    const result = await runCli(argv, NO_DB)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(message)
    expect(result.stdout).toBe('')
  })
})

describe.each(engines())('keel migrate on %s', (engine) => {
  let install: Installation | undefined
  afterEach(async () => {
    await install?.destroy()
    install = undefined
  })

  it('applies every migration once, then nothing: idempotent', async () => {
    install = await anInstallation(engine, 'empty')
    const first = await runCli(['migrate'], install.env)
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toMatch(/^applied platform\/0001_platform\.sql$/m)
    expect(first.stdout).toMatch(/^applied identity\/0001_identity\.sql$/m)
    const version = /^schema version (.+)$/m.exec(first.stdout)?.[1]
    expect(version).toMatch(/^\d+:/)
    const second = await runCli(['migrate'], install.env)
    expect(second.code).toBe(0)
    expect(second.stdout).not.toContain('applied ')
    expect(second.stdout).toContain(`schema version ${version ?? ''}`)
  })

  it('refuses to work on a database that is not migrated, exit 1', async () => {
    install = await anInstallation(engine, 'empty')
    const result = await runCli(['company', 'create', '--name', 'Acme Ltd', '--slug', 'acme'], install.env)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('run `keel migrate` first')
  })

  it('seeds the demo data once', async () => {
    install = await anInstallation(engine)
    const first = await runCli(['seed', '--demo'], install.env)
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toContain('seeded company Northwind Trading')
    const again = await runCli(['seed', '--demo'], install.env)
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('nothing seeded')
  })
})
