import { inTransaction, notFound } from '@keel/kernel'
import { strToU8, zipSync, type Zippable } from 'fflate'
import type { Kysely } from 'kysely'
import { listAuditEvents, recordAudit, type AuditContext, type AuditEventRow } from '../audit/index.ts'
import { identityDb, userProfileForExport } from '../identity/index.ts'
import { listEmployeeDocuments, readEmployeeDocumentFile, type DocumentView } from './employee-documents.ts'
import type { OrgDeps } from './org.tables.ts'
import { compensationHistory, readPrivateData } from './private-data.ts'
import { listRetentionHolds } from './retention-holds.ts'
import { employeeSkills, listCertifications } from './skills.ts'

const README = `Personal data held by Keel about one person
============================================

This archive answers a data subject access request. It contains:

person.json   Everything Keel's records hold about the person, as JSON:
              employee      the employee record (names, contact, employment, where they sit)
              placements    where they sat over time (department, team, position, manager, location)
              privateData   date of birth, national id, home address, bank account, emergency contacts
              compensation  salary history
              skills, certifications
              absences      absences recorded in the availability calendar
              workingHours  their own weekly working hours, if set
              documents     the list of their documents (the files are in documents/)
              retentionHolds  records kept because the law requires it, and why
              user          their sign-in account and roles in this company, if they have one
              auditEvents   the audit trail's events about them or done by them
                            (values of sensitive fields are never in the audit trail)
documents/    the files of their documents, named <document id>-<file name>,
              including documents removed from view but still held

Dates are ISO 8601 (yyyy-mm-dd); instants are UTC. Ids are UUIDs.
`

// Audit events come a page at a time; a person's trail is read to the end.
async function allAuditEvents(db: Kysely<OrgDeps>, companyId: string, filter: { entityId?: string; actorId?: string }) {
  const events: AuditEventRow[] = []
  let beforeSeq: bigint | null = null
  do {
    const page: { items: AuditEventRow[]; nextBeforeSeq: bigint | null } = await listAuditEvents(
      db,
      companyId,
      filter,
      { beforeSeq, limit: 200 },
    )
    events.push(...page.items)
    beforeSeq = page.nextBeforeSeq
  } while (beforeSeq !== null)
  return events
}

/** Events where the person is the subject (their employee record or their user) or the actor, oldest first. */
async function auditTrailOf(db: Kysely<OrgDeps>, companyId: string, employeeId: string, userId: string | null) {
  const lists = await Promise.all([
    allAuditEvents(db, companyId, { entityId: employeeId }),
    ...(userId
      ? [allAuditEvents(db, companyId, { entityId: userId }), allAuditEvents(db, companyId, { actorId: userId })]
      : []),
  ])
  const byId = new Map(lists.flat().map((event) => [event.id, event]))
  return [...byId.values()]
    .sort((a, b) => (a.seq < b.seq ? -1 : 1))
    .map((event) => ({
      ...event,
      seq: event.seq.toString(),
      role: event.actorId === userId && userId ? 'actor' : 'subject',
    }))
}

/** A path inside the archive for a document's file: its id first, so names never collide. */
const archivePath = (document: DocumentView) =>
  `documents/${document.id}-${document.fileName.replace(/[^\w.\- ]/g, '_')}`

/**
 * Everything Keel holds about one person as a ZIP: person.json, the document
 * files, a README. The export itself is audited (who exported whom), inside
 * the same transaction that reads the data.
 */
export async function exportPersonalData(
  db: Kysely<OrgDeps>,
  context: AuditContext,
  key: Buffer,
  employeeId: string,
  now: Date,
): Promise<{ archive: Uint8Array; fileName: string }> {
  return inTransaction(db, async (trx) => {
    const { companyId } = context
    const employee = await trx
      .selectFrom('org_employee')
      .selectAll()
      .where('company_id', '=', companyId)
      .where('id', '=', employeeId)
      .executeTakeFirst()
    if (!employee) throw notFound('org.employee_not_found', 'No such employee.')
    const { search_text: _searchText, weekly_hours: weeklyHours, time_zone: timeZone, ...record } = employee
    const [placements, privateData, compensation, skills, certifications, absences, documents, holds] =
      await Promise.all([
        trx
          .selectFrom('org_placement')
          .selectAll()
          .where('company_id', '=', companyId)
          .where('employee_id', '=', employeeId)
          .orderBy('effective_date')
          .orderBy('recorded_at')
          .execute(),
        readPrivateData(trx, key, companyId, employeeId),
        compensationHistory(trx, key, companyId, employeeId),
        employeeSkills(trx, companyId, employeeId),
        listCertifications(trx, companyId, employeeId),
        trx
          .selectFrom('org_absence')
          .select(['id', 'starts_at', 'ends_at', 'reason', 'source', 'created_at'])
          .where('company_id', '=', companyId)
          .where('employee_id', '=', employeeId)
          .orderBy('starts_at')
          .execute(),
        listEmployeeDocuments(trx, companyId, employeeId, { includeDeleted: true }),
        listRetentionHolds(trx, companyId, employeeId),
      ])
    const files: Zippable = {}
    for (const document of documents) {
      if (document.erasedAt) continue
      const { content } = await readEmployeeDocumentFile(trx, key, companyId, employeeId, document.id, {
        includeDeleted: true,
      })
      // PDFs and images are compressed already: store them as they are.
      files[archivePath(document)] = [content, { level: 0 }]
    }
    const person = {
      exportedAt: now,
      employee: record,
      placements,
      privateData: privateData.data,
      compensation,
      skills,
      certifications,
      absences,
      workingHours: { timeZone, weeklyHours },
      documents: documents.map((document) => ({ ...document, file: document.erasedAt ? null : archivePath(document) })),
      retentionHolds: holds,
      user: employee.user_id ? await userProfileForExport(identityDb(trx), companyId, employee.user_id) : null,
      auditEvents: await auditTrailOf(trx, companyId, employeeId, employee.user_id),
    }
    await recordAudit(trx, context, {
      action: 'org.employee.personal_data_exported',
      entityType: 'employee',
      entityId: employeeId,
      changes: { documents: { before: null, after: Object.keys(files).length } },
    })
    const archive = zipSync({
      'README.txt': strToU8(README),
      'person.json': strToU8(
        JSON.stringify(person, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2),
      ),
      ...files,
    })
    return { archive, fileName: `personal-data-${record.employee_number}-${now.toISOString().slice(0, 10)}.zip` }
  })
}
