import { randomBytes } from 'node:crypto'
import type { DatabaseHandle } from '../db/connect.ts'
import { createCompany, createUser, identityDb, type CreatedCompany } from '../modules/identity/index.ts'

export const A_PASSWORD = 'Keel-test-passphrase-42'

const unique = () => randomBytes(4).toString('hex')

export interface SeededCompany extends CreatedCompany {
  readonly admin: { readonly id: string; readonly email: string; readonly password: string }
}

/** A company with one back-office manager (admin) who can sign in with A_PASSWORD. */
export async function aCompanyWithAdmin(handle: DatabaseHandle, name = 'Acme Ltd'): Promise<SeededCompany> {
  const db = identityDb(handle.db)
  const company = await createCompany(
    db,
    { name, slug: `acme-${unique()}` },
    { actorId: null, actorKind: 'system', requestId: null },
  )
  const email = `admin-${unique()}@acme.test`
  const { userId } = await createUser(
    db,
    { companyId: company.id, actorId: null, actorKind: 'system', requestId: null },
    { email, displayName: 'Ada Admin', password: A_PASSWORD, roleIds: [company.roleIds.admin ?? ''] },
  )
  return { ...company, admin: { id: userId, email, password: A_PASSWORD } }
}

/** Another person in the company with the given built-in roles. */
export async function aUser(
  handle: DatabaseHandle,
  company: CreatedCompany,
  roles: readonly string[],
  displayName = 'Eve Employee',
) {
  const email = `user-${unique()}@acme.test`
  const { userId } = await createUser(
    identityDb(handle.db),
    { companyId: company.id, actorId: null, actorKind: 'system', requestId: null },
    {
      email,
      displayName,
      password: A_PASSWORD,
      roleIds: roles.map((key) => {
        const id = company.roleIds[key]
        if (!id) throw new Error(`no built-in role ${key}`)
        return id
      }),
    },
  )
  return { id: userId, email, password: A_PASSWORD }
}
