import { conflict, inTransaction, invalidField, isUniqueViolation, newId } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import { BUILTIN_ROLES } from './builtin-roles.ts'
import type { IdentityDeps } from './identity.tables.ts'

export interface CreateCompanyInput {
  readonly name: string
  readonly slug: string
}

export interface CreatedCompany {
  readonly id: string
  readonly name: string
  readonly slug: string
  /** Role ids by built-in key (`admin`, `employee`, …). */
  readonly roleIds: Readonly<Record<string, string>>
}

/** A new tenant with the built-in roles; its audit chain starts with its own creation. */
export async function createCompany(
  db: Kysely<IdentityDeps>,
  input: CreateCompanyInput,
  actor: Omit<AuditContext, 'companyId'>,
): Promise<CreatedCompany> {
  const name = input.name.trim()
  if (name.length === 0 || name.length > 200)
    throw invalidField('identity.invalid_company_name', '/body/name', 'A company needs a name of 1 to 200 characters.')
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(input.slug)) {
    throw invalidField(
      'identity.invalid_company_slug',
      '/body/slug',
      'The short name may use lower-case letters, digits and dashes.',
    )
  }
  const id = newId()
  try {
    return await inTransaction(db, async (trx) => {
      await trx.insertInto('identity_company').values({ id, name, slug: input.slug }).execute()
      const roleIds: Record<string, string> = {}
      for (const role of BUILTIN_ROLES) {
        const roleId = newId()
        roleIds[role.key] = roleId
        await trx
          .insertInto('identity_role')
          .values({
            company_id: id,
            id: roleId,
            key: role.key,
            name: role.name,
            description: role.description,
            builtin: true,
          })
          .execute()
        if (role.permissions.length > 0) {
          await trx
            .insertInto('identity_role_permission')
            .values(
              role.permissions.map((p) => ({
                company_id: id,
                role_id: roleId,
                permission: p.permission,
                reach: p.reach,
              })),
            )
            .execute()
        }
      }
      await recordAudit(
        trx,
        { ...actor, companyId: id },
        {
          action: 'identity.company.created',
          entityType: 'company',
          entityId: id,
          changes: { name: { before: null, after: name }, slug: { before: null, after: input.slug } },
        },
      )
      return { id, name, slug: input.slug, roleIds }
    })
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict('identity.company_slug_taken', `the short name "${input.slug}" is taken`)
    throw error
  }
}
