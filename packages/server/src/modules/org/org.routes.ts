import { Type } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParams, Problem } from '@keel/contracts/common'
import {
  CertificationBody,
  CertificationParams,
  Certifications,
  EmployeeSkills,
  EmployeeSkillsBody,
  Skill,
  SkillBody,
  AbsenceBody,
  AbsenceParams,
  Availability,
  AvailabilityQuery,
  Calendar,
  CalendarBody,
  HolidayBody,
  HolidayImportQuery,
  HolidayImportReply,
  HolidayParams,
  WorkingHoursBody,
  ArchivedQuery,
  AsOfQuery,
  CompanyProfile,
  CompensationBody,
  Department,
  DepartmentBody,
  DirectoryPage,
  DirectoryQuery,
  Employee,
  EmployeeHistory,
  EmployeeListQuery,
  EmployeePage,
  HireEmployeeBody,
  Location,
  LocationBody,
  OrgChart,
  PlacementBody,
  Position,
  PositionBody,
  PrivateData,
  Team,
  TeamBody,
  TerminateBody,
  UpdateCompanyProfileBody,
  UpdateEmployeeBody,
} from '@keel/contracts/org'
import {
  decodeCursor,
  encodeCursor,
  forbidden,
  isCalendarDate,
  invalidField,
  notFound,
  pageSize,
  xlsxStream,
  XLSX_CONTENT_TYPE,
  type Clock,
  type ReachSubject,
} from '@keel/kernel'
import { AsyncResource } from 'node:async_hooks'
import { Readable } from 'node:stream'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { expectedVersion, setEtag } from '../../http/etag.ts'
import { actorOf, auditContextOf, reachOf, requirePermission, type Actor, type Permission } from '../identity/index.ts'
import { availabilityOf, listAbsences, recordAbsence, removeAbsence, setWorkingHours } from './availability.ts'
import {
  addHoliday,
  createCalendar,
  getCalendar,
  importHolidays,
  listCalendars,
  removeHoliday,
  updateCalendar,
} from './calendars.ts'
import {
  companyToday,
  getCompanyLogo,
  getCompanyProfile,
  IMAGE_TYPES,
  MAX_IMAGE_BYTES,
  setCompanyLogo,
  updateCompanyProfile,
} from './company-profile.ts'
import {
  createDepartment,
  getDepartment,
  listDepartments,
  setDepartmentArchived,
  updateDepartment,
} from './departments.ts'
import { employeeQuery, employeeWithinReach } from './employee-views.ts'
import { getEmployeePhoto, setEmployeePhoto } from './employee-photo.ts'
import { employeeHistory } from './employee-history.ts'
import { csvChunks, departmentsTable, employeesTable, teamsTable, type ExportTable } from './export-people.ts'
import { IMPORT_COLUMNS, importPeopleCsv, importPeopleXlsx, type ImportKind } from './import-people.ts'
import {
  cancelTermination,
  changePlacement,
  getEmployee,
  hireEmployee,
  terminateEmployee,
  updateEmployee,
} from './employees.ts'
import { isPeopleCursor, listDirectory, listEmployeeRecords } from './list-employees.ts'
import { createLocation, getLocation, listLocations, setLocationArchived, updateLocation } from './locations.ts'
import { orgChart } from './org-chart.ts'
import { orgDb, type OrgDeps } from './org.tables.ts'
import { createPosition, getPosition, listPositions, setPositionArchived, updatePosition } from './positions.ts'
import { recordCompensation, writePrivateData } from './private-data.ts'
import { orgReachSubject } from './reach-subject.ts'
import {
  addCertification,
  createSkill,
  employeeSkills,
  listCertifications,
  listSkills,
  removeCertification,
  setEmployeeSkills,
  updateSkill,
} from './skills.ts'
import { createTeam, getTeam, listTeams, setTeamArchived, updateTeam } from './teams.ts'
import { withinExternalScope, type ExternalScope } from './external-scope.ts'
import type { Viewer } from './viewer.ts'

export interface OrgRoutesOptions {
  readonly clock: Clock
  readonly secretKey: Buffer
  /** The company's display name (identity owns companies). */
  readonly companyName: (companyId: string) => Promise<string>
  /** Display names of users of the company (who recorded a history row). */
  readonly userNames: (companyId: string, ids: readonly string[]) => Promise<ReadonlyMap<string, string>>
}

/** An image sent as itself (PNG, JPEG or WebP). */
const ImageFile = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' })

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 412: Problem, 422: Problem }

const dbOf = (request: FastifyRequest): Kysely<OrgDeps> => orgDb(request.db)

const viewerOf = (actor: Actor, externalScope: ExternalScope | null): Viewer => ({
  companyId: actor.companyId,
  userId: actor.userId,
  employeeReach: reachOf(actor, 'org.employee.read'),
  sensitiveReach: reachOf(actor, 'hr.employee.read_sensitive'),
  externalScope,
})

const pageOf = (query: { cursor?: string | undefined; limit?: number | undefined }) => ({
  after: decodeCursor(query.cursor, isPeopleCursor),
  limit: pageSize(query.limit),
})

/** HTTP adapter for org: decode, check reach, call the use case, choose a status. */
export const orgRoutes: FastifyPluginAsyncTypebox<OrgRoutesOptions> = async (app, options) => {
  const { clock, secretKey, companyName, userNames } = options
  const today = (request: FastifyRequest) => companyToday(dbOf(request), actorOf(request).companyId, clock.now())

  /**
   * Throws unless `permission`'s reach includes the employee: 404 for an id
   * that is not in the company, 403 for a colleague outside the reach.
   */
  async function requireReach(
    request: FastifyRequest,
    permission: Permission,
    employeeId: string,
  ): Promise<ReachSubject> {
    const actor = actorOf(request)
    const reach = requirePermission(actor, permission)
    const db = dbOf(request)
    const row = await employeeQuery(db, actor.companyId).where('e.id', '=', employeeId).executeTakeFirst()
    if (!row) throw notFound('org.employee_not_found', 'No such employee.')
    const subject = await orgReachSubject(db, actor.companyId, actor.userId)
    if (!employeeWithinReach(reach, subject, row))
      throw forbidden('request.outside_reach', `This person is outside the reach of your ${permission} permission.`, {
        permission,
      })
    return subject
  }

  async function employeeReply(request: FastifyRequest, reply: FastifyReply, id: string) {
    const actor = actorOf(request)
    const db = dbOf(request)
    const subject = await orgReachSubject(db, actor.companyId, actor.userId)
    const employee = await getEmployee(
      db,
      secretKey,
      viewerOf(actor, request.externalScope),
      subject,
      id,
      await today(request),
    )
    setEtag(reply, employee.version)
    return employee
  }

  // Image uploads arrive as the raw file (Content-Type image/png, …), at most 512 KB.
  app.addContentTypeParser(
    IMAGE_TYPES as string[],
    { parseAs: 'buffer', bodyLimit: MAX_IMAGE_BYTES },
    (_request, body, done) => {
      done(null, body)
    },
  )
  const imageOf = (request: FastifyRequest) => {
    if (!Buffer.isBuffer(request.body))
      throw invalidField(
        'org.unsupported_image',
        '/body',
        'Send the image itself with Content-Type image/png, image/jpeg or image/webp.',
      )
    return { content: request.body, contentType: (request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '' }
  }
  const imageSchema = {
    consumes: [...IMAGE_TYPES],
    response: { 204: Type.Null(), ...errors },
  }

  // ── Company profile ──────────────────────────────────────────────────────

  app.get(
    '/org/company-profile',
    {
      config: { access: 'org.company.read' },
      schema: { tags: ['org'], summary: 'The company profile', response: { 200: CompanyProfile, ...errors } },
    },
    async (request, reply) => {
      const companyId = actorOf(request).companyId
      const profile = await getCompanyProfile(dbOf(request), companyId, await companyName(companyId))
      setEtag(reply, profile.version)
      return profile
    },
  )

  app.put(
    '/org/company-profile',
    {
      config: { access: 'org.company.manage' },
      schema: {
        tags: ['org'],
        summary: 'Change the company profile',
        body: UpdateCompanyProfileBody,
        response: { 200: CompanyProfile, ...errors },
      },
    },
    async (request, reply) => {
      const context = auditContextOf(request)
      const profile = await updateCompanyProfile(
        dbOf(request),
        context,
        await companyName(context.companyId),
        request.body,
        clock.now(),
        expectedVersion(request),
      )
      setEtag(reply, profile.version)
      return profile
    },
  )

  app.get(
    '/org/company-profile/logo',
    {
      config: { access: 'org.company.read' },
      schema: { tags: ['org'], summary: 'The company logo (image)', response: { 200: ImageFile, 404: Problem } },
    },
    async (request, reply) => {
      const logo = await getCompanyLogo(dbOf(request), actorOf(request).companyId)
      if (!logo) throw notFound('org.no_logo', 'The company has no logo.')
      return reply.code(200).type(logo.contentType).header('cache-control', 'private, no-cache').send(logo.content)
    },
  )

  app.put(
    '/org/company-profile/logo',
    {
      config: { access: 'org.company.manage' },
      schema: { tags: ['org'], summary: 'Upload the company logo (PNG, JPEG or WebP, ≤ 512 KB)', ...imageSchema },
    },
    async (request, reply) => {
      const context = auditContextOf(request)
      await setCompanyLogo(dbOf(request), context, await companyName(context.companyId), imageOf(request), clock.now())
      return reply.code(204).send(null)
    },
  )

  app.delete(
    '/org/company-profile/logo',
    {
      config: { access: 'org.company.manage' },
      schema: { tags: ['org'], summary: 'Remove the company logo', response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      const context = auditContextOf(request)
      await setCompanyLogo(dbOf(request), context, await companyName(context.companyId), null, clock.now())
      return reply.code(204).send(null)
    },
  )

  // ── Structure: locations, departments, teams, positions ─────────────────

  const ArchiveAction = Type.Object({
    id: IdParams.properties.id,
    action: Type.Union([Type.Literal('archive'), Type.Literal('restore')]),
  })

  app.get(
    '/org/locations',
    {
      config: { access: 'org.structure.read' },
      schema: {
        tags: ['org'],
        summary: 'Locations',
        querystring: ArchivedQuery,
        response: { 200: Type.Object({ items: Type.Array(Location) }), ...errors },
      },
    },
    async (request) => ({
      items: await listLocations(dbOf(request), actorOf(request).companyId, request.query.includeArchived),
    }),
  )
  app.get(
    '/org/locations/:id',
    {
      config: { access: 'org.structure.read' },
      schema: { tags: ['org'], summary: 'One location', params: IdParams, response: { 200: Location, ...errors } },
    },
    async (request, reply) => {
      const location = await getLocation(dbOf(request), actorOf(request).companyId, request.params.id)
      setEtag(reply, location.version)
      return location
    },
  )
  app.post(
    '/org/locations',
    {
      config: { access: 'org.structure.manage', idempotent: true },
      schema: { tags: ['org'], summary: 'Add a location', body: LocationBody, response: { 201: Location, ...errors } },
    },
    async (request, reply) => {
      const location = await createLocation(dbOf(request), auditContextOf(request), request.body, clock.now())
      setEtag(reply, location.version)
      void reply.code(201)
      return location
    },
  )
  app.put(
    '/org/locations/:id',
    {
      config: { access: 'org.structure.manage' },
      schema: {
        tags: ['org'],
        summary: 'Change a location',
        params: IdParams,
        body: LocationBody,
        response: { 200: Location, ...errors },
      },
    },
    async (request, reply) => {
      const location = await updateLocation(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        request.body,
        expectedVersion(request),
      )
      setEtag(reply, location.version)
      return location
    },
  )
  app.post(
    '/org/locations/:id/:action',
    {
      config: { access: 'org.structure.manage' },
      schema: {
        tags: ['org'],
        summary: 'Archive or restore a location',
        params: ArchiveAction,
        response: { 200: Location, ...errors },
      },
    },
    async (request) =>
      setLocationArchived(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        request.params.action === 'archive',
        clock.now(),
      ),
  )

  app.get(
    '/org/departments',
    {
      config: { access: 'org.structure.read' },
      schema: {
        tags: ['org'],
        summary: 'Departments (a tree by parentId)',
        querystring: ArchivedQuery,
        response: { 200: Type.Object({ items: Type.Array(Department) }), ...errors },
      },
    },
    async (request) => {
      const items = await listDepartments(dbOf(request), actorOf(request).companyId, request.query.includeArchived)
      const scope = request.externalScope
      if (!scope) return { items }
      // External staff: their scope's departments, the top ones as roots.
      return {
        items: items
          .filter((d) => withinExternalScope(scope, d.id))
          .map((d) => (withinExternalScope(scope, d.parentId) ? d : { ...d, parentId: null })),
      }
    },
  )
  app.get(
    '/org/departments/:id',
    {
      config: { access: 'org.structure.read' },
      schema: { tags: ['org'], summary: 'One department', params: IdParams, response: { 200: Department, ...errors } },
    },
    async (request, reply) => {
      const department = await getDepartment(dbOf(request), actorOf(request).companyId, request.params.id)
      setEtag(reply, department.version)
      return department
    },
  )
  app.post(
    '/org/departments',
    {
      config: { access: 'org.structure.manage', idempotent: true },
      schema: {
        tags: ['org'],
        summary: 'Add a department',
        body: DepartmentBody,
        response: { 201: Department, ...errors },
      },
    },
    async (request, reply) => {
      const department = await createDepartment(dbOf(request), auditContextOf(request), request.body, clock.now())
      setEtag(reply, department.version)
      void reply.code(201)
      return department
    },
  )
  app.put(
    '/org/departments/:id',
    {
      config: { access: 'org.structure.manage' },
      schema: {
        tags: ['org'],
        summary: 'Change a department (name, code, parent, head)',
        params: IdParams,
        body: DepartmentBody,
        response: { 200: Department, ...errors },
      },
    },
    async (request, reply) => {
      const department = await updateDepartment(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        request.body,
        expectedVersion(request),
      )
      setEtag(reply, department.version)
      return department
    },
  )
  app.post(
    '/org/departments/:id/:action',
    {
      config: { access: 'org.structure.manage' },
      schema: {
        tags: ['org'],
        summary: 'Archive or restore a department',
        params: ArchiveAction,
        response: { 200: Department, ...errors },
      },
    },
    async (request) =>
      setDepartmentArchived(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        request.params.action === 'archive',
        clock.now(),
      ),
  )

  app.get(
    '/org/teams',
    {
      config: { access: 'org.structure.read' },
      schema: {
        tags: ['org'],
        summary: 'Teams',
        querystring: Type.Intersect([
          ArchivedQuery,
          Type.Object({ departmentId: Type.Optional(IdParams.properties.id) }),
        ]),
        response: { 200: Type.Object({ items: Type.Array(Team) }), ...errors },
      },
    },
    async (request) => ({
      items: (await listTeams(dbOf(request), actorOf(request).companyId, request.query)).filter((t) =>
        withinExternalScope(request.externalScope, t.department.id),
      ),
    }),
  )
  app.get(
    '/org/teams/:id',
    {
      config: { access: 'org.structure.read' },
      schema: { tags: ['org'], summary: 'One team', params: IdParams, response: { 200: Team, ...errors } },
    },
    async (request, reply) => {
      const team = await getTeam(dbOf(request), actorOf(request).companyId, request.params.id)
      setEtag(reply, team.version)
      return team
    },
  )
  app.post(
    '/org/teams',
    {
      config: { access: 'org.structure.manage', idempotent: true },
      schema: { tags: ['org'], summary: 'Add a team', body: TeamBody, response: { 201: Team, ...errors } },
    },
    async (request, reply) => {
      const team = await createTeam(dbOf(request), auditContextOf(request), request.body, clock.now())
      setEtag(reply, team.version)
      void reply.code(201)
      return team
    },
  )
  app.put(
    '/org/teams/:id',
    {
      config: { access: 'org.structure.manage' },
      schema: {
        tags: ['org'],
        summary: 'Change a team (name, department, lead)',
        params: IdParams,
        body: TeamBody,
        response: { 200: Team, ...errors },
      },
    },
    async (request, reply) => {
      const team = await updateTeam(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        request.body,
        expectedVersion(request),
      )
      setEtag(reply, team.version)
      return team
    },
  )
  app.post(
    '/org/teams/:id/:action',
    {
      config: { access: 'org.structure.manage' },
      schema: {
        tags: ['org'],
        summary: 'Archive or restore a team',
        params: ArchiveAction,
        response: { 200: Team, ...errors },
      },
    },
    async (request) =>
      setTeamArchived(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        request.params.action === 'archive',
        clock.now(),
      ),
  )

  app.get(
    '/org/positions',
    {
      config: { access: 'org.structure.read' },
      schema: {
        tags: ['org'],
        summary: 'Positions (job titles)',
        querystring: ArchivedQuery,
        response: { 200: Type.Object({ items: Type.Array(Position) }), ...errors },
      },
    },
    async (request) => ({
      // A company-wide title (no department) is everyone's; a department's only within its scope.
      items: (await listPositions(dbOf(request), actorOf(request).companyId, request.query.includeArchived)).filter(
        (p) => !p.department || withinExternalScope(request.externalScope, p.department.id),
      ),
    }),
  )
  app.get(
    '/org/positions/:id',
    {
      config: { access: 'org.structure.read' },
      schema: { tags: ['org'], summary: 'One position', params: IdParams, response: { 200: Position, ...errors } },
    },
    async (request, reply) => {
      const position = await getPosition(dbOf(request), actorOf(request).companyId, request.params.id)
      setEtag(reply, position.version)
      return position
    },
  )
  app.post(
    '/org/positions',
    {
      config: { access: 'org.structure.manage', idempotent: true },
      schema: { tags: ['org'], summary: 'Add a position', body: PositionBody, response: { 201: Position, ...errors } },
    },
    async (request, reply) => {
      const position = await createPosition(dbOf(request), auditContextOf(request), request.body, clock.now())
      setEtag(reply, position.version)
      void reply.code(201)
      return position
    },
  )
  app.put(
    '/org/positions/:id',
    {
      config: { access: 'org.structure.manage' },
      schema: {
        tags: ['org'],
        summary: 'Change a position',
        params: IdParams,
        body: PositionBody,
        response: { 200: Position, ...errors },
      },
    },
    async (request, reply) => {
      const position = await updatePosition(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        request.body,
        expectedVersion(request),
      )
      setEtag(reply, position.version)
      return position
    },
  )
  app.post(
    '/org/positions/:id/:action',
    {
      config: { access: 'org.structure.manage' },
      schema: {
        tags: ['org'],
        summary: 'Archive or restore a position',
        params: ArchiveAction,
        response: { 200: Position, ...errors },
      },
    },
    async (request) =>
      setPositionArchived(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        request.params.action === 'archive',
        clock.now(),
      ),
  )

  // ── People ───────────────────────────────────────────────────────────────

  app.get(
    '/org/directory',
    {
      config: { access: 'org.directory.read' },
      schema: {
        tags: ['org'],
        summary: 'Search the directory',
        querystring: DirectoryQuery,
        response: { 200: DirectoryPage, ...errors },
      },
    },
    async (request) => {
      const page = await listDirectory(
        dbOf(request),
        actorOf(request).companyId,
        { ...request.query, withinDepartmentIds: request.externalScope?.departmentIds },
        pageOf(request.query),
      )
      return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null }
    },
  )

  app.get(
    '/org/chart',
    {
      config: { access: 'org.directory.read' },
      schema: {
        tags: ['org'],
        summary: 'The org chart on a date (default today)',
        querystring: AsOfQuery,
        response: { 200: OrgChart, ...errors },
      },
    },
    async (request) => {
      const asOf = request.query.asOf ?? (await today(request))
      if (!isCalendarDate(asOf)) throw invalidField('org.invalid_date', '/querystring/asOf', 'Not a calendar date.')
      const nodes = await orgChart(
        dbOf(request),
        actorOf(request).companyId,
        asOf,
        request.externalScope?.departmentIds,
      )
      return { asOf, nodes }
    },
  )

  app.get(
    '/org/me',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['org'],
        summary: "The caller's own employee record id, if they have one",
        response: { 200: Type.Object({ employeeId: Type.Union([IdParams.properties.id, Type.Null()]) }), ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request)
      const row = await dbOf(request)
        .selectFrom('org_employee')
        .select('id')
        .where('company_id', '=', actor.companyId)
        .where('user_id', '=', actor.userId)
        .executeTakeFirst()
      return { employeeId: row?.id ?? null }
    },
  )

  app.get(
    '/org/employees',
    {
      config: { access: 'org.employee.read' },
      schema: {
        tags: ['org'],
        summary: 'Employee records within your reach',
        querystring: EmployeeListQuery,
        response: { 200: EmployeePage, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request)
      const reach = requirePermission(actor, 'org.employee.read')
      const db = dbOf(request)
      const subject = await orgReachSubject(db, actor.companyId, actor.userId)
      const filter = { ...request.query, withinDepartmentIds: request.externalScope?.departmentIds }
      const page = await listEmployeeRecords(db, actor.companyId, reach, subject, filter, pageOf(request.query))
      return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null }
    },
  )

  app.post(
    '/org/employees',
    {
      config: { access: 'org.employee.manage', idempotent: true },
      schema: {
        tags: ['org'],
        summary: 'Hire a person',
        body: HireEmployeeBody,
        response: { 201: Employee, ...errors },
      },
    },
    async (request, reply) => {
      // Salary and private data given at hiring need the same permissions as changing them later.
      const actor = actorOf(request)
      if (request.body.salary) requirePermission(actor, 'hr.compensation.manage', 'company')
      if (request.body.privateData) requirePermission(actor, 'hr.employee.manage_sensitive', 'company')
      const id = await hireEmployee(
        dbOf(request),
        auditContextOf(request),
        secretKey,
        request.body,
        clock.now(),
        await today(request),
      )
      void reply.code(201)
      return employeeReply(request, reply, id)
    },
  )

  app.get(
    '/org/employees/:id',
    {
      config: { access: 'org.directory.read' },
      schema: {
        tags: ['org'],
        summary: 'One person, as far as your reach shows them',
        params: IdParams,
        response: { 200: Employee, ...errors },
      },
    },
    async (request, reply) => employeeReply(request, reply, request.params.id),
  )

  app.put(
    '/org/employees/:id',
    {
      config: { access: 'org.employee.manage' },
      schema: {
        tags: ['org'],
        summary: "Change a person's record (not where they sit: see placements)",
        params: IdParams,
        body: UpdateEmployeeBody,
        response: { 200: Employee, ...errors },
      },
    },
    async (request, reply) => {
      await requireReach(request, 'org.employee.manage', request.params.id)
      await updateEmployee(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        request.body,
        clock.now(),
        expectedVersion(request),
      )
      return employeeReply(request, reply, request.params.id)
    },
  )

  app.post(
    '/org/employees/:id/placements',
    {
      config: { access: 'org.employee.manage', idempotent: true },
      schema: {
        tags: ['org'],
        summary: 'Move a person (department, team, position, manager, location, type) from a date',
        params: IdParams,
        body: PlacementBody,
        response: { 201: Employee, ...errors },
      },
    },
    async (request, reply) => {
      await requireReach(request, 'org.employee.manage', request.params.id)
      await changePlacement(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        request.body,
        clock.now(),
        await today(request),
      )
      void reply.code(201)
      return employeeReply(request, reply, request.params.id)
    },
  )

  app.post(
    '/org/employees/:id/terminate',
    {
      config: { access: 'org.employee.manage' },
      schema: {
        tags: ['org'],
        summary: 'End employment on a date',
        params: IdParams,
        body: TerminateBody,
        response: { 200: Employee, ...errors },
      },
    },
    async (request, reply) => {
      await requireReach(request, 'org.employee.manage', request.params.id)
      await terminateEmployee(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        request.body,
        clock.now(),
        await today(request),
        expectedVersion(request),
      )
      return employeeReply(request, reply, request.params.id)
    },
  )

  app.delete(
    '/org/employees/:id/termination',
    {
      config: { access: 'org.employee.manage' },
      schema: {
        tags: ['org'],
        summary: 'Withdraw a leaving date that has not come yet',
        params: IdParams,
        response: { 200: Employee, ...errors },
      },
    },
    async (request, reply) => {
      await requireReach(request, 'org.employee.manage', request.params.id)
      await cancelTermination(dbOf(request), auditContextOf(request), request.params.id, clock.now())
      return employeeReply(request, reply, request.params.id)
    },
  )

  app.get(
    '/org/employees/:id/history',
    {
      config: { access: 'org.employee.read' },
      schema: {
        tags: ['org'],
        summary: "A person's timeline (salary too, with hr.employee.read_sensitive)",
        params: IdParams,
        response: { 200: EmployeeHistory, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request)
      const subject = await requireReach(request, 'org.employee.read', request.params.id)
      const sensitive = reachOf(actor, 'hr.employee.read_sensitive')
      const row = await employeeQuery(dbOf(request), actor.companyId)
        .where('e.id', '=', request.params.id)
        .executeTakeFirstOrThrow()
      const events = await employeeHistory(
        dbOf(request),
        secretKey,
        actor.companyId,
        request.params.id,
        await today(request),
        {
          withCompensation: employeeWithinReach(sensitive, subject, row),
          userNames: (ids) => userNames(actor.companyId, ids),
        },
      )
      return { events: events.map((e) => ({ ...e, recordedAt: e.recordedAt.toISOString() })) }
    },
  )

  app.put(
    '/org/employees/:id/private-data',
    {
      config: { access: 'hr.employee.manage_sensitive' },
      schema: {
        tags: ['org'],
        summary: 'Replace private data (encrypted at rest); If-Match the sensitive version',
        params: IdParams,
        body: PrivateData,
        response: { 200: Employee, ...errors },
      },
    },
    async (request, reply) => {
      await requireReach(request, 'hr.employee.manage_sensitive', request.params.id)
      await writePrivateData(
        dbOf(request),
        auditContextOf(request),
        secretKey,
        request.params.id,
        request.body,
        clock.now(),
        await today(request),
        expectedVersion(request),
      )
      return employeeReply(request, reply, request.params.id)
    },
  )

  app.post(
    '/org/employees/:id/compensation',
    {
      config: { access: 'hr.compensation.manage', idempotent: true },
      schema: {
        tags: ['org'],
        summary: 'Record a salary from a date',
        params: IdParams,
        body: CompensationBody,
        response: { 201: Employee, ...errors },
      },
    },
    async (request, reply) => {
      await requireReach(request, 'hr.compensation.manage', request.params.id)
      if (!isCalendarDate(request.body.effectiveDate))
        throw invalidField('org.invalid_date', '/body/effectiveDate', 'Not a calendar date.')
      await recordCompensation(
        dbOf(request),
        auditContextOf(request),
        secretKey,
        request.params.id,
        request.body,
        clock.now(),
      )
      void reply.code(201)
      return employeeReply(request, reply, request.params.id)
    },
  )

  app.get(
    '/org/employees/:id/photo',
    {
      config: { access: 'org.directory.read' },
      schema: {
        tags: ['org'],
        summary: "A person's photo (image)",
        params: IdParams,
        response: { 200: ImageFile, 404: Problem },
      },
    },
    async (request, reply) => {
      const photo = await getEmployeePhoto(dbOf(request), actorOf(request).companyId, request.params.id)
      if (!photo) throw notFound('org.no_photo', 'No photo.')
      return reply.code(200).type(photo.contentType).header('cache-control', 'private, max-age=300').send(photo.content)
    },
  )

  /** People may change their own photo, skills and certifications; otherwise it takes org.employee.manage within reach. */
  async function requireOwnOrManage(request: FastifyRequest, employeeId: string) {
    const actor = actorOf(request)
    const own = await dbOf(request)
      .selectFrom('org_employee')
      .select('id')
      .where('company_id', '=', actor.companyId)
      .where('user_id', '=', actor.userId)
      .executeTakeFirst()
    if (own?.id !== employeeId) await requireReach(request, 'org.employee.manage', employeeId)
  }

  app.put(
    '/org/employees/:id/photo',
    {
      config: { access: 'org.directory.read' },
      schema: {
        tags: ['org'],
        summary: 'Upload a photo (yours, or within org.employee.manage reach)',
        params: IdParams,
        ...imageSchema,
      },
    },
    async (request, reply) => {
      await requireOwnOrManage(request, request.params.id)
      await setEmployeePhoto(dbOf(request), auditContextOf(request), request.params.id, imageOf(request), clock.now())
      return reply.code(204).send(null)
    },
  )
  app.delete(
    '/org/employees/:id/photo',
    {
      config: { access: 'org.directory.read' },
      schema: { tags: ['org'], summary: 'Remove a photo', params: IdParams, response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      await requireOwnOrManage(request, request.params.id)
      await setEmployeePhoto(dbOf(request), auditContextOf(request), request.params.id, null, clock.now())
      return reply.code(204).send(null)
    },
  )

  // ── Business calendars and availability ───────────────────────────────────

  app.get(
    '/org/calendars',
    {
      config: { access: 'org.structure.read' },
      schema: {
        tags: ['org'],
        summary: 'Business calendars with their holidays',
        response: { 200: Type.Object({ items: Type.Array(Calendar) }), ...errors },
      },
    },
    async (request) => ({ items: await listCalendars(dbOf(request), actorOf(request).companyId) }),
  )
  app.get(
    '/org/calendars/:id',
    {
      config: { access: 'org.structure.read' },
      schema: {
        tags: ['org'],
        summary: 'One business calendar',
        params: IdParams,
        response: { 200: Calendar, ...errors },
      },
    },
    async (request, reply) => {
      const calendar = await getCalendar(dbOf(request), actorOf(request).companyId, request.params.id)
      setEtag(reply, calendar.version)
      return calendar
    },
  )
  app.post(
    '/org/calendars',
    {
      config: { access: 'org.structure.manage', idempotent: true },
      schema: {
        tags: ['org'],
        summary: 'Add a business calendar (the first is the default)',
        body: CalendarBody,
        response: { 201: Calendar, ...errors },
      },
    },
    async (request, reply) => {
      const calendar = await createCalendar(dbOf(request), auditContextOf(request), request.body, clock.now())
      setEtag(reply, calendar.version)
      void reply.code(201)
      return calendar
    },
  )
  app.put(
    '/org/calendars/:id',
    {
      config: { access: 'org.structure.manage' },
      schema: {
        tags: ['org'],
        summary: 'Change working hours, time zone or name',
        params: IdParams,
        body: CalendarBody,
        response: { 200: Calendar, ...errors },
      },
    },
    async (request, reply) => {
      const calendar = await updateCalendar(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        request.body,
        expectedVersion(request),
      )
      setEtag(reply, calendar.version)
      return calendar
    },
  )
  app.post(
    '/org/calendars/:id/holidays',
    {
      config: { access: 'org.structure.manage' },
      schema: {
        tags: ['org'],
        summary: 'Add a public holiday',
        params: IdParams,
        body: HolidayBody,
        response: { 201: Calendar, ...errors },
      },
    },
    async (request, reply) => {
      const calendar = await addHoliday(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        request.body,
        clock.now(),
      )
      void reply.code(201)
      return calendar
    },
  )
  app.delete(
    '/org/calendars/:id/holidays/:holidayId',
    {
      config: { access: 'org.structure.manage' },
      schema: {
        tags: ['org'],
        summary: 'Remove a public holiday',
        params: HolidayParams,
        response: { 200: Calendar, ...errors },
      },
    },
    async (request) =>
      removeHoliday(dbOf(request), auditContextOf(request), request.params.id, request.params.holidayId),
  )

  // iCalendar files arrive as themselves (Content-Type text/calendar), at most 1 MB.
  app.addContentTypeParser('text/calendar', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_request, body, done) => {
    done(null, body)
  })
  app.post(
    '/org/calendars/:id/holidays/import',
    {
      config: { access: 'org.structure.manage' },
      schema: {
        tags: ['org'],
        summary: 'Import public holidays from an iCalendar (.ics) file; ?dryRun=true reports without writing',
        consumes: ['text/calendar'],
        params: IdParams,
        querystring: HolidayImportQuery,
        response: { 200: HolidayImportReply, ...errors },
      },
    },
    async (request) => {
      if (typeof request.body !== 'string')
        throw invalidField('org.invalid_ics', '/body', 'Send the .ics file itself with Content-Type text/calendar.')
      return importHolidays(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        request.body,
        clock.now(),
        request.query.dryRun ?? false,
      )
    },
  )

  app.get(
    '/org/employees/:id/availability',
    {
      config: { access: 'org.directory.read' },
      schema: {
        tags: ['org'],
        summary: 'Is this person working now, and when do they work between two instants (default: the next 7 days)',
        params: IdParams,
        querystring: AvailabilityQuery,
        response: { 200: Availability, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request)
      const now = clock.now()
      const from = request.query.from ? new Date(request.query.from) : now
      const to = request.query.to ? new Date(request.query.to) : new Date(from.getTime() + 7 * 86_400_000)
      if (to.getTime() < from.getTime())
        throw invalidField('org.invalid_period', '/querystring/to', 'The window ends after it starts.')
      if (to.getTime() - from.getTime() > 366 * 86_400_000)
        throw invalidField('org.invalid_period', '/querystring/to', 'Ask for at most a year at a time.')
      const db = dbOf(request)
      const row = await employeeQuery(db, actor.companyId).where('e.id', '=', request.params.id).executeTakeFirst()
      if (!row || row.status === 'terminated') throw notFound('org.employee_not_found', 'No such employee.')
      const availability = await availabilityOf(db, actor.companyId, request.params.id, { from, to }, now)
      // Why someone is away is theirs and their leads': the reasons need employee reach.
      const subject = await orgReachSubject(db, actor.companyId, actor.userId)
      const absences = employeeWithinReach(reachOf(actor, 'org.employee.read'), subject, row)
        ? await listAbsences(db, actor.companyId, request.params.id, { from, to })
        : []
      return {
        timeZone: availability.timeZone,
        workingNow: availability.workingNow,
        from: from.toISOString(),
        to: to.toISOString(),
        workingMs: availability.workingMs,
        periods: availability.periods.map((p) => ({ start: p.start.toISOString(), end: p.end.toISOString() })),
        absences: absences.map((a) => ({ ...a, startsAt: a.startsAt.toISOString(), endsAt: a.endsAt.toISOString() })),
      }
    },
  )

  app.put(
    '/org/employees/:id/working-hours',
    {
      config: { access: 'org.employee.manage' },
      schema: {
        tags: ['org'],
        summary: "A person's own hours and time zone (null: their location's calendar)",
        params: IdParams,
        body: WorkingHoursBody,
        response: { 200: Employee, ...errors },
      },
    },
    async (request, reply) => {
      await requireReach(request, 'org.employee.manage', request.params.id)
      await setWorkingHours(dbOf(request), auditContextOf(request), request.params.id, request.body, clock.now())
      return employeeReply(request, reply, request.params.id)
    },
  )

  app.post(
    '/org/employees/:id/absences',
    {
      config: { access: 'org.employee.manage', idempotent: true },
      schema: {
        tags: ['org'],
        summary: 'Record a period the person is away (leave writes these itself)',
        params: IdParams,
        body: AbsenceBody,
        response: { 201: Type.Object({ id: IdParams.properties.id }), ...errors },
      },
    },
    async (request, reply) => {
      await requireReach(request, 'org.employee.manage', request.params.id)
      const id = await recordAbsence(
        dbOf(request),
        auditContextOf(request),
        {
          employeeId: request.params.id,
          startsAt: new Date(request.body.startsAt),
          endsAt: new Date(request.body.endsAt),
          reason: request.body.reason,
        },
        clock.now(),
      )
      void reply.code(201)
      return { id }
    },
  )
  app.delete(
    '/org/employees/:id/absences/:absenceId',
    {
      config: { access: 'org.employee.manage' },
      schema: {
        tags: ['org'],
        summary: 'Remove an absence',
        params: AbsenceParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await requireReach(request, 'org.employee.manage', request.params.id)
      await removeAbsence(dbOf(request), auditContextOf(request), request.params.id, request.params.absenceId)
      return reply.code(204).send(null)
    },
  )

  // ── Import and export ─────────────────────────────────────────────────────

  // CSV files arrive as themselves (Content-Type text/csv), at most 10 MB.
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 10 * 1024 * 1024 }, (_request, body, done) => {
    done(null, body)
  })
  // XLSX files likewise (Content-Type of .xlsx), as bytes, at most 10 MB.
  app.addContentTypeParser(
    XLSX_CONTENT_TYPE,
    { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 },
    (_request, body, done) => {
      done(null, body)
    },
  )
  const ImportReply = Type.Object({
    kind: Type.String(),
    dryRun: Type.Boolean(),
    rows: Type.Integer(),
    created: Type.Integer(),
    problems: Type.Array(Type.Object({ line: Type.Integer(), column: Type.String(), message: Type.String() })),
  })
  const importRoute = (kind: ImportKind, access: Permission) =>
    app.post(
      `/org/import/${kind}`,
      {
        config: { access },
        schema: {
          tags: ['org'],
          summary: `Import ${kind} from CSV or XLSX (columns: ${[...IMPORT_COLUMNS[kind].required, ...IMPORT_COLUMNS[kind].optional].join(', ')}); ?dryRun=true checks without writing; all rows or none`,
          consumes: ['text/csv', XLSX_CONTENT_TYPE],
          querystring: HolidayImportQuery,
          response: { ...errors, 200: ImportReply, 422: ImportReply },
        },
      },
      async (request, reply) => {
        const body: unknown = request.body
        const options = { dryRun: request.query.dryRun ?? false, now: clock.now(), today: await today(request) }
        if (typeof body !== 'string' && !Buffer.isBuffer(body))
          throw invalidField(
            'org.invalid_file',
            '/body',
            `Send the file itself, with Content-Type text/csv or ${XLSX_CONTENT_TYPE}.`,
          )
        const report =
          typeof body === 'string'
            ? await importPeopleCsv(dbOf(request), auditContextOf(request), secretKey, kind, body, options)
            : await importPeopleXlsx(dbOf(request), auditContextOf(request), secretKey, kind, body, options)
        // A file with problems wrote nothing: 422, with every problem listed.
        if (report.problems.length > 0) void reply.code(422)
        return report
      },
    )
  importRoute('departments', 'org.structure.manage')
  importRoute('teams', 'org.structure.manage')
  importRoute('employees', 'org.employee.manage')

  // Exports: the same tables as CSV or XLSX, streamed page by page. Started
  // inside the handler, the stream's page fetches keep this request's async
  // context (its company binding) after the handler has returned.
  const exportTable = (request: FastifyRequest, kind: ImportKind): ExportTable | Promise<ExportTable> => {
    const actor = actorOf(request)
    const db = dbOf(request)
    const within = request.externalScope?.departmentIds
    if (kind === 'departments') return departmentsTable(db, actor.companyId, within)
    if (kind === 'teams') return teamsTable(db, actor.companyId, within)
    const reach = requirePermission(actor, 'org.employee.read')
    return orgReachSubject(db, actor.companyId, actor.userId).then((subject) =>
      employeesTable(db, actor.companyId, reach, subject, { withinDepartmentIds: within }),
    )
  }
  const exportRoute = (kind: ImportKind, format: 'csv' | 'xlsx', access: Permission, summary: string) =>
    app.get(
      `/org/export/${kind}.${format}`,
      {
        config: { access },
        schema: {
          tags: ['org'],
          summary: `${summary} as ${format.toUpperCase()}`,
          produces: [format === 'csv' ? 'text/csv' : XLSX_CONTENT_TYPE],
        },
      },
      async (request, reply) => {
        const table = await exportTable(request, kind)
        void reply.header('content-disposition', `attachment; filename="${kind}.${format}"`)
        if (format === 'xlsx')
          return reply.type(XLSX_CONTENT_TYPE).send(xlsxStream(table.name, table.header, table.pages))
        const chunks = csvChunks(table)
        const next = AsyncResource.bind(() => chunks.next())
        return reply.type('text/csv; charset=utf-8').send(Readable.from({ [Symbol.asyncIterator]: () => ({ next }) }))
      },
    )
  for (const format of ['csv', 'xlsx'] as const) {
    exportRoute(
      'employees',
      format,
      'org.employee.read',
      'Employee records within your reach (no private data, no salaries)',
    )
    exportRoute('departments', format, 'org.structure.read', 'Departments, parents before children')
    exportRoute('teams', format, 'org.structure.read', 'Teams with their departments')
  }

  // ── Skills and certifications ─────────────────────────────────────────────

  app.get(
    '/org/skills',
    {
      config: { access: 'org.structure.read' },
      schema: {
        tags: ['org'],
        summary: 'The skills catalogue',
        querystring: ArchivedQuery,
        response: { 200: Type.Object({ items: Type.Array(Skill) }), ...errors },
      },
    },
    async (request) => ({
      items: await listSkills(dbOf(request), actorOf(request).companyId, request.query.includeArchived),
    }),
  )
  app.post(
    '/org/skills',
    {
      config: { access: 'org.structure.manage', idempotent: true },
      schema: {
        tags: ['org'],
        summary: 'Add a skill to the catalogue',
        body: SkillBody,
        response: { 201: Skill, ...errors },
      },
    },
    async (request, reply) => {
      const skill = await createSkill(dbOf(request), auditContextOf(request), request.body, clock.now())
      void reply.code(201)
      return skill
    },
  )
  app.put(
    '/org/skills/:id',
    {
      config: { access: 'org.structure.manage' },
      schema: {
        tags: ['org'],
        summary: 'Rename, recategorise or archive a skill',
        params: IdParams,
        body: SkillBody,
        response: { 200: Skill, ...errors },
      },
    },
    async (request) =>
      updateSkill(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        request.body,
        clock.now(),
        expectedVersion(request),
      ),
  )

  app.get(
    '/org/employees/:id/skills',
    {
      config: { access: 'org.directory.read' },
      schema: {
        tags: ['org'],
        summary: "A person's skills and levels (colleagues find people by them)",
        params: IdParams,
        response: { 200: EmployeeSkills, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request)
      const row = await employeeQuery(dbOf(request), actor.companyId)
        .where('e.id', '=', request.params.id)
        .executeTakeFirst()
      if (!row || row.status === 'terminated') throw notFound('org.employee_not_found', 'No such employee.')
      return { items: await employeeSkills(dbOf(request), actor.companyId, request.params.id) }
    },
  )
  app.put(
    '/org/employees/:id/skills',
    {
      config: { access: 'org.directory.read' },
      schema: {
        tags: ['org'],
        summary: 'Replace skills and levels (your own, or within org.employee.manage reach)',
        params: IdParams,
        body: EmployeeSkillsBody,
        response: { 200: EmployeeSkills, ...errors },
      },
    },
    async (request) => {
      await requireOwnOrManage(request, request.params.id)
      return {
        items: await setEmployeeSkills(
          dbOf(request),
          auditContextOf(request),
          request.params.id,
          request.body,
          clock.now(),
        ),
      }
    },
  )

  app.get(
    '/org/employees/:id/certifications',
    {
      config: { access: 'org.employee.read' },
      schema: {
        tags: ['org'],
        summary: "A person's certifications",
        params: IdParams,
        response: { 200: Certifications, ...errors },
      },
    },
    async (request) => {
      await requireReach(request, 'org.employee.read', request.params.id)
      return { items: await listCertifications(dbOf(request), actorOf(request).companyId, request.params.id) }
    },
  )
  app.post(
    '/org/employees/:id/certifications',
    {
      config: { access: 'org.directory.read', idempotent: true },
      schema: {
        tags: ['org'],
        summary:
          'Add a certification (your own, or within org.employee.manage reach); reminders go out 30 days before expiry',
        params: IdParams,
        body: CertificationBody,
        response: { 201: Certifications, ...errors },
      },
    },
    async (request, reply) => {
      await requireOwnOrManage(request, request.params.id)
      const items = await addCertification(
        dbOf(request),
        auditContextOf(request),
        request.params.id,
        request.body,
        clock.now(),
      )
      void reply.code(201)
      return { items }
    },
  )
  app.delete(
    '/org/employees/:id/certifications/:certificationId',
    {
      config: { access: 'org.directory.read' },
      schema: {
        tags: ['org'],
        summary: 'Remove a certification',
        params: CertificationParams,
        response: { 200: Certifications, ...errors },
      },
    },
    async (request) => {
      await requireOwnOrManage(request, request.params.id)
      return {
        items: await removeCertification(
          dbOf(request),
          auditContextOf(request),
          request.params.id,
          request.params.certificationId,
        ),
      }
    },
  )
}
