import { inTransaction, notFound } from '@keel/kernel'
import type { Kysely } from 'kysely'
import { recordAudit, type AuditContext } from '../audit/index.ts'
import { checkImage } from './company-profile.ts'
import type { OrgDeps } from './org.tables.ts'

export async function setEmployeePhoto(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  employeeId: string,
  photo: { content: Buffer; contentType: string } | null,
  now: Date,
) {
  const type = photo ? checkImage(photo.content, photo.contentType, '/body') : null
  await inTransaction(db, async (trx) => {
    const employee = await trx
      .selectFrom('org_employee')
      .select('id')
      .where('company_id', '=', context.companyId)
      .where('id', '=', employeeId)
      .executeTakeFirst()
    if (!employee) throw notFound('org.employee_not_found', 'No such employee.')
    if (photo && type) {
      await trx
        .insertInto('org_employee_photo')
        .values({
          company_id: context.companyId,
          employee_id: employeeId,
          content: photo.content,
          content_type: type,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc
            .columns(['company_id', 'employee_id'])
            .doUpdateSet({ content: photo.content, content_type: type, updated_at: now }),
        )
        .execute()
    } else {
      await trx
        .deleteFrom('org_employee_photo')
        .where('company_id', '=', context.companyId)
        .where('employee_id', '=', employeeId)
        .execute()
    }
    await recordAudit(trx, context, {
      action: photo ? 'org.employee.photo_set' : 'org.employee.photo_removed',
      entityType: 'employee',
      entityId: employeeId,
      changes: { photo: { before: null, after: photo !== null } },
    })
  })
}

/** The photo of someone in the directory (active or on leave), or null. */
export async function getEmployeePhoto(db: Kysely<OrgDeps>, companyId: string, employeeId: string) {
  const row = await db
    .selectFrom('org_employee_photo as ph')
    .innerJoin('org_employee as e', (j) =>
      j.onRef('e.company_id', '=', 'ph.company_id').onRef('e.id', '=', 'ph.employee_id'),
    )
    .select(['ph.content', 'ph.content_type', 'ph.updated_at'])
    .where('ph.company_id', '=', companyId)
    .where('ph.employee_id', '=', employeeId)
    .where('e.status', '<>', 'terminated')
    .executeTakeFirst()
  return row ? { content: row.content, contentType: row.content_type, updatedAt: row.updated_at } : null
}
