import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anInstallation, engines, inDatabase, runCli, type Installation } from '../testing/cli-harness.ts'

describe.each(engines())('keel audit verify on %s', (engine) => {
  let install: Installation
  let acme: string
  beforeAll(async () => {
    install = await anInstallation(engine)
    for (const slug of ['acme', 'globex']) {
      expect((await runCli(['company', 'create', '--name', `${slug} Ltd`, '--slug', slug], install.env)).code).toBe(0)
      expect(
        (
          await runCli(
            [
              'user',
              'create',
              '--company',
              slug,
              '--email',
              `ann@${slug}.test`,
              '--name',
              'Ann Example',
              '--role',
              'admin',
            ],
            install.env,
          )
        ).code,
      ).toBe(0)
    }
    acme = await inDatabase(
      install,
      async (handle) =>
        (
          await handle.db
            .selectFrom('identity_company')
            .select('id')
            .where('slug', '=', 'acme')
            .executeTakeFirstOrThrow()
        ).id,
    )
  })
  afterAll(async () => {
    await install.destroy()
  })

  it('passes on intact chains, with progress on stderr', async () => {
    const result = await runCli(['audit', 'verify'], install.env)
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/^ok\s+acme: 2 events, chain intact$/m)
    expect(result.stdout).toMatch(/^ok\s+globex: 2 events, chain intact$/m)
    expect(result.stderr).toContain('verifying acme: 2/2 events')
  })

  it('exits 1 naming the first broken event when an event was altered', async () => {
    const tampered = await inDatabase(install, async (handle) => {
      const event = await handle.db
        .selectFrom('audit_event')
        .select(['id', 'seq'])
        .where('company_id', '=', acme)
        .where('seq', '=', 2n)
        .executeTakeFirstOrThrow()
      await handle.runScript(`
        alter table audit_event disable trigger audit_event_append_only;
        update audit_event set changes = '{"email": {"before": null, "after": "mallory@acme.test"}}' where company_id = '${acme}' and seq = 2;
        alter table audit_event enable trigger audit_event_append_only;`)
      return event
    })
    const all = await runCli(['audit', 'verify'], install.env)
    expect(all.code).toBe(1)
    expect(all.stdout).toMatch(
      new RegExp(`^BROKEN\\s+acme: at event #2 \\(id ${tampered.id}\\): its content does not match its hash`, 'm'),
    )
    expect(all.stdout).toMatch(/^ok\s+globex/m)
    expect(all.stderr).toContain('1 of 2 chains broken')
    // One company at a time: the other one still verifies.
    expect((await runCli(['audit', 'verify', '--company', 'globex'], install.env)).code).toBe(0)
    expect((await runCli(['audit', 'verify', '--company', 'acme'], install.env)).code).toBe(1)
    const unknown = await runCli(['audit', 'verify', '--company', 'nope'], install.env)
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('no company with the short name "nope"')
  })
})
