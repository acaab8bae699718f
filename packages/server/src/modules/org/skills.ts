import {
  calendarDate,
  inTransaction,
  invalidField,
  isCalendarDate,
  isUniqueViolation,
  newId,
  notFound,
} from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import { queueMail } from '../mail/index.ts'
import { assertVersion } from './org-errors.ts'
import type { OrgDeps } from './org.tables.ts'

export interface SkillView {
  readonly id: string
  readonly name: string
  readonly category: string | null
  readonly archived: boolean
  readonly people: number
  readonly version: number
}

export async function listSkills(
  db: Kysely<OrgDeps>,
  companyId: string,
  includeArchived = false,
): Promise<SkillView[]> {
  let query = db
    .selectFrom('org_skill as s')
    .select((eb) => [
      's.id',
      's.name',
      's.category',
      's.archived_at',
      's.version',
      eb
        .selectFrom('org_employee_skill as es')
        .select(eb.fn.countAll<bigint>().as('n'))
        .whereRef('es.company_id', '=', 's.company_id')
        .whereRef('es.skill_id', '=', 's.id')
        .as('people'),
    ])
    .where('s.company_id', '=', companyId)
  if (!includeArchived) query = query.where('s.archived_at', 'is', null)
  const rows = await query.orderBy('s.category').orderBy('s.name').execute()
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    category: r.category,
    archived: r.archived_at !== null,
    people: Number(r.people ?? 0n),
    version: r.version,
  }))
}

const nameTaken = (name: string) => invalidField('org.skill_name_taken', '/body/name', `A skill named ${name} exists.`)

export async function createSkill(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  input: { name: string; category?: string | null | undefined },
  now: Date,
) {
  const id = newId()
  try {
    return await inTransaction(db, async (trx) => {
      await trx
        .insertInto('org_skill')
        .values({
          company_id: context.companyId,
          id,
          name: input.name.trim(),
          category: input.category?.trim() || null,
          created_at: now,
        })
        .execute()
      await recordAudit(trx, context, {
        action: 'org.skill.created',
        entityType: 'skill',
        entityId: id,
        changes: {
          name: { before: null, after: input.name.trim() },
          category: { before: null, after: input.category?.trim() || null },
        },
      })
      const created = (await listSkills(trx, context.companyId)).find((s) => s.id === id)
      if (!created) throw notFound('org.skill_not_found', 'No such skill.')
      return created
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name)
    throw error
  }
}

export async function updateSkill(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  id: string,
  input: { name: string; category?: string | null | undefined; archived?: boolean | undefined },
  now: Date,
  expectedVersion?: number,
) {
  try {
    return await inTransaction(db, async (trx) => {
      const before = (await listSkills(trx, context.companyId, true)).find((s) => s.id === id)
      if (!before) throw notFound('org.skill_not_found', 'No such skill.')
      assertVersion(before.version, expectedVersion, 'skill')
      const archived = input.archived ?? before.archived
      await trx
        .updateTable('org_skill')
        .set((eb) => ({
          name: input.name.trim(),
          category: input.category === undefined ? before.category : input.category?.trim() || null,
          archived_at: archived ? (before.archived ? undefined : now) : null,
          version: eb('version', '+', 1),
        }))
        .where('company_id', '=', context.companyId)
        .where('id', '=', id)
        .execute()
      await recordAudit(trx, context, {
        action: 'org.skill.updated',
        entityType: 'skill',
        entityId: id,
        changes: {
          name: { before: before.name, after: input.name.trim() },
          archived: { before: before.archived, after: archived },
        },
      })
      const after = (await listSkills(trx, context.companyId, true)).find((s) => s.id === id)
      if (!after) throw notFound('org.skill_not_found', 'No such skill.')
      return after
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name)
    throw error
  }
}

export interface EmployeeSkillView {
  readonly skill: { id: string; name: string; category: string | null }
  readonly level: number
}

export async function employeeSkills(
  db: Kysely<OrgDeps>,
  companyId: string,
  employeeId: string,
): Promise<EmployeeSkillView[]> {
  const rows = await db
    .selectFrom('org_employee_skill as es')
    .innerJoin('org_skill as s', (j) => j.onRef('s.company_id', '=', 'es.company_id').onRef('s.id', '=', 'es.skill_id'))
    .select(['s.id', 's.name', 's.category', 'es.level'])
    .where('es.company_id', '=', companyId)
    .where('es.employee_id', '=', employeeId)
    .orderBy('es.level', 'desc')
    .orderBy('s.name')
    .execute()
  return rows.map((r) => ({ skill: { id: r.id, name: r.name, category: r.category }, level: r.level }))
}

/** Replaces a person's skills and levels (a profile's "talents" form). */
export async function setEmployeeSkills(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  employeeId: string,
  skills: readonly { skillId: string; level: number }[],
  now: Date,
) {
  const seen = new Set<string>()
  for (const [index, entry] of skills.entries()) {
    if (seen.has(entry.skillId))
      throw invalidField('org.duplicate_skill', `/body/${String(index)}/skillId`, 'Each skill once.')
    seen.add(entry.skillId)
  }
  return inTransaction(db, async (trx) => {
    const before = await employeeSkills(trx, context.companyId, employeeId)
    const known = new Set((await listSkills(trx, context.companyId)).map((s) => s.id))
    for (const [index, entry] of skills.entries())
      if (!known.has(entry.skillId))
        throw invalidField(
          'org.unknown_reference',
          `/body/${String(index)}/skillId`,
          'No such skill in this company (or it is archived).',
        )
    const exists = await trx
      .selectFrom('org_employee')
      .select('id')
      .where('company_id', '=', context.companyId)
      .where('id', '=', employeeId)
      .executeTakeFirst()
    if (!exists) throw notFound('org.employee_not_found', 'No such employee.')
    await trx
      .deleteFrom('org_employee_skill')
      .where('company_id', '=', context.companyId)
      .where('employee_id', '=', employeeId)
      .execute()
    if (skills.length > 0)
      await trx
        .insertInto('org_employee_skill')
        .values(
          skills.map((s) => ({
            company_id: context.companyId,
            employee_id: employeeId,
            skill_id: s.skillId,
            level: s.level,
            updated_at: now,
          })),
        )
        .execute()
    await recordAudit(trx, context, {
      action: 'org.employee.skills_changed',
      entityType: 'employee',
      entityId: employeeId,
      changes: {
        skills: {
          before: before.map((s) => `${s.skill.name} ${String(s.level)}`),
          after: (await employeeSkills(trx, context.companyId, employeeId)).map(
            (s) => `${s.skill.name} ${String(s.level)}`,
          ),
        },
      },
    })
    return employeeSkills(trx, context.companyId, employeeId)
  })
}

/** Active people with at least `minLevel` in a skill: what assignment by skill asks. */
export async function peopleWithSkill(db: Kysely<OrgDeps>, companyId: string, skillId: string, minLevel: number) {
  const rows = await db
    .selectFrom('org_employee_skill as es')
    .innerJoin('org_employee as e', (j) =>
      j.onRef('e.company_id', '=', 'es.company_id').onRef('e.id', '=', 'es.employee_id'),
    )
    .select(['e.id', 'es.level'])
    .where('es.company_id', '=', companyId)
    .where('es.skill_id', '=', skillId)
    .where('es.level', '>=', minLevel)
    .where('e.status', '=', 'active')
    .orderBy('es.level', 'desc')
    .execute()
  return rows.map((r) => ({ employeeId: r.id, level: r.level }))
}

export interface CertificationView {
  readonly id: string
  readonly name: string
  readonly issuer: string | null
  readonly issuedDate: string | null
  readonly expiresDate: string | null
}

export async function listCertifications(
  db: Kysely<OrgDeps>,
  companyId: string,
  employeeId: string,
): Promise<CertificationView[]> {
  const rows = await db
    .selectFrom('org_certification')
    .select(['id', 'name', 'issuer', 'issued_date', 'expires_date'])
    .where('company_id', '=', companyId)
    .where('employee_id', '=', employeeId)
    .orderBy('expires_date')
    .orderBy('name')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    issuer: r.issuer,
    issuedDate: r.issued_date,
    expiresDate: r.expires_date,
  }))
}

export async function addCertification(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  employeeId: string,
  input: {
    name: string
    issuer?: string | null | undefined
    issuedDate?: string | null | undefined
    expiresDate?: string | null | undefined
  },
  now: Date,
) {
  for (const field of ['issuedDate', 'expiresDate'] as const) {
    const value = input[field]
    if (value && !isCalendarDate(value))
      throw invalidField('org.invalid_date', `/body/${field}`, 'Not a calendar date.')
  }
  if (input.issuedDate && input.expiresDate && input.expiresDate < input.issuedDate)
    throw invalidField('org.invalid_date', '/body/expiresDate', 'A certification expires after it is issued.')
  return inTransaction(db, async (trx) => {
    const exists = await trx
      .selectFrom('org_employee')
      .select('id')
      .where('company_id', '=', context.companyId)
      .where('id', '=', employeeId)
      .executeTakeFirst()
    if (!exists) throw notFound('org.employee_not_found', 'No such employee.')
    const id = newId()
    await trx
      .insertInto('org_certification')
      .values({
        company_id: context.companyId,
        id,
        employee_id: employeeId,
        name: input.name.trim(),
        issuer: input.issuer?.trim() || null,
        issued_date: input.issuedDate ?? null,
        expires_date: input.expiresDate ?? null,
        reminded_for_date: null,
        created_at: now,
      })
      .execute()
    await recordAudit(trx, context, {
      action: 'org.certification.added',
      entityType: 'employee',
      entityId: employeeId,
      changes: {
        certification: { before: null, after: `${input.name.trim()} (expires ${input.expiresDate ?? 'never'})` },
      },
    })
    return listCertifications(trx, context.companyId, employeeId)
  })
}

export async function removeCertification(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  employeeId: string,
  certificationId: string,
) {
  return inTransaction(db, async (trx) => {
    const removed = await trx
      .deleteFrom('org_certification')
      .where('company_id', '=', context.companyId)
      .where('employee_id', '=', employeeId)
      .where('id', '=', certificationId)
      .returning(['name'])
      .executeTakeFirst()
    if (!removed) throw notFound('org.certification_not_found', 'No such certification.')
    await recordAudit(trx, context, {
      action: 'org.certification.removed',
      entityType: 'employee',
      entityId: employeeId,
      changes: { certification: { before: removed.name, after: null } },
    })
    return listCertifications(trx, context.companyId, employeeId)
  })
}

export const REMINDER_DAYS = 30

/**
 * The daily reminder: for each certification expiring within 30 days that
 * has not been reminded of for this expiry date, an e-mail to the person and
 * one to their manager (at their work addresses), queued in the same
 * transaction that marks it reminded. Returns how many e-mails were queued.
 */
export async function remindExpiringCertifications(
  db: Kysely<OrgDeps>,
  companyId: string,
  now: Date,
  timeZone: string,
) {
  const today = calendarDate(now, timeZone)
  const horizon = calendarDate(new Date(now.getTime() + REMINDER_DAYS * 86_400_000), timeZone)
  return inTransaction(db, async (trx) => {
    const due = await trx
      .selectFrom('org_certification as c')
      .innerJoin('org_employee as e', (j) =>
        j.onRef('e.company_id', '=', 'c.company_id').onRef('e.id', '=', 'c.employee_id'),
      )
      .leftJoin('org_employee as m', (j) =>
        j.onRef('m.company_id', '=', 'e.company_id').onRef('m.id', '=', 'e.manager_id'),
      )
      .select([
        'c.id',
        'c.name',
        'c.expires_date',
        'e.legal_name',
        'e.preferred_name',
        'e.work_email',
        'm.work_email as manager_email',
      ])
      .where('c.company_id', '=', companyId)
      .where('e.status', '<>', 'terminated')
      .where('c.expires_date', '>=', today)
      .where('c.expires_date', '<=', horizon)
      .where((eb) =>
        eb.or([eb('c.reminded_for_date', 'is', null), eb('c.reminded_for_date', '<>', eb.ref('c.expires_date'))]),
      )
      .forUpdate('c')
      .execute()
    let queued = 0
    for (const cert of due) {
      const person = cert.preferred_name ?? cert.legal_name
      const expires = cert.expires_date ?? ''
      if (cert.work_email) {
        await queueMail(trx, {
          companyId,
          to: cert.work_email,
          subject: `Your ${cert.name} certification expires on ${expires}`,
          text: `Hello ${person},\n\nyour certification "${cert.name}" expires on ${expires}. Please renew it and update your profile in Keel.\n`,
        })
        queued++
      }
      if (cert.manager_email) {
        await queueMail(trx, {
          companyId,
          to: cert.manager_email,
          subject: `${person}'s ${cert.name} certification expires on ${expires}`,
          text: `Hello,\n\nthe certification "${cert.name}" of ${person}, who reports to you, expires on ${expires}.\n`,
        })
        queued++
      }
      await trx
        .updateTable('org_certification')
        .set({ reminded_for_date: expires })
        .where('company_id', '=', companyId)
        .where('id', '=', cert.id)
        .execute()
    }
    return queued
  })
}
