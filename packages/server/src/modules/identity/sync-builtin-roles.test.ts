import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../testing/test-db.ts'
import type { DatabaseHandle } from '../../db/connect.ts'
import { aCompanyWithAdmin } from '../../testing/builders.ts'
import { identityDb } from './identity.tables.ts'
import { syncBuiltinRoles } from './sync-builtin-roles.ts'

describe('built-in role grants', () => {
  let handle: DatabaseHandle
  beforeEach(async () => {
    handle = await createTestDatabase()
  })
  afterEach(() => handle.close())

  it('catch up with this version for companies created before a module added permissions, once', async () => {
    const company = await aCompanyWithAdmin(handle)
    const employeeRole = company.roleIds.employee ?? ''
    // As if the company predates the org module: its employee role lacks the directory.
    await sql`delete from identity_role_permission where company_id = ${company.id} and role_id = ${employeeRole}`.execute(
      handle.db,
    )
    await sql`insert into identity_role_permission (company_id, role_id, permission, reach)
      values (${company.id}, ${employeeRole}, 'identity.user.invite', 'company')`.execute(handle.db)
    expect(await syncBuiltinRoles(identityDb(handle.db))).toBe(1)
    const { rows } = await sql<{ permission: string; reach: string }>`
      select permission, reach from identity_role_permission where company_id = ${company.id} and role_id = ${employeeRole}
      order by permission`.execute(handle.db)
    expect(rows.map((r) => r.permission)).toContain('org.directory.read')
    expect(rows.map((r) => r.permission)).not.toContain('identity.user.invite')
    expect(rows.find((r) => r.permission === 'org.employee.read')?.reach).toBe('own')
    expect(await syncBuiltinRoles(identityDb(handle.db))).toBe(0)
    const audit = await sql<{
      action: string
    }>`select action from audit_event where company_id = ${company.id} and action = 'identity.role.grants_synced'`.execute(
      handle.db,
    )
    expect(audit.rows).toHaveLength(1)
  })
})
