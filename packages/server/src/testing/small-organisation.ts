import { aUser, type SeededCompany } from './builders.ts'
import { signInAs, type Browser, type TestApp } from './test-app.ts'

/** Shapes the org tests read from responses (the API's JSON, loosely typed). */
export interface EmployeeJson {
  id: string
  name: string
  version: number
  department: { id: string; name: string } | null
  team: { id: string; name: string } | null
  manager: { id: string; name: string } | null
  employment: { employeeNumber: string; hireDate: string; placementEffectiveDate: string } | null
  sensitive: {
    privateData: { bankAccount: { iban: string } | null; dateOfBirth: string | null }
    salary: { amount: string; currency: string; period: string; effectiveDate: string } | null
    version: number
  } | null
  [key: string]: unknown
}

export async function created<T>(response: Promise<{ statusCode: number; body: string }>, status = 201): Promise<T> {
  const reply = await response
  if (reply.statusCode !== status)
    throw new Error(`expected ${String(status)}, got ${String(reply.statusCode)}: ${reply.body}`)
  return JSON.parse(reply.body) as T
}

/**
 * A small organisation in a fresh company. Operations (headed by Hugo) has a
 * Support team led by Lena, with Max in it, and a Field team with Fiona;
 * Finance (headed by Frank) has Payables below it, with Paula; Hanna is HR.
 * Everyone can sign in with their built-in role.
 */
export async function aSmallOrganisation(t: TestApp, company: SeededCompany) {
  const admin = await signInAs(t.app, company.admin.email, company.admin.password)
  const post = <T>(url: string, body: unknown) => created<T>(admin.request('POST', url, body))
  const location = await post<{ id: string }>('/api/v1/org/locations', { name: 'Berlin', timeZone: 'Europe/Berlin' })
  const operations = await post<{ id: string }>('/api/v1/org/departments', { name: 'Operations' })
  const finance = await post<{ id: string }>('/api/v1/org/departments', { name: 'Finance' })
  const payables = await post<{ id: string }>('/api/v1/org/departments', { name: 'Payables', parentId: finance.id })
  const support = await post<{ id: string }>('/api/v1/org/teams', { name: 'Support', departmentId: operations.id })
  const field = await post<{ id: string }>('/api/v1/org/teams', { name: 'Field', departmentId: operations.id })
  const clerk = await post<{ id: string }>('/api/v1/org/positions', { title: 'Clerk' })

  const person = async (name: string, roles: string[], placement: Record<string, string | null>) => {
    const user = await aUser(t.handle, company, roles, name)
    const employee = await post<EmployeeJson>('/api/v1/org/employees', {
      legalName: name,
      hireDate: '2025-01-06',
      userId: user.id,
      employmentType: 'permanent',
      departmentId: null,
      teamId: null,
      positionId: clerk.id,
      managerId: null,
      locationId: location.id,
      ...placement,
    })
    return {
      ...user,
      employeeId: employee.id,
      signIn: (): Promise<Browser> => signInAs(t.app, user.email, user.password),
    }
  }
  const head = await person('Hugo Head', ['department_head'], { departmentId: operations.id })
  const lead = await person('Lena Lead', ['team_lead'], {
    departmentId: operations.id,
    teamId: support.id,
    managerId: head.employeeId,
  })
  const member = await person('Max Member', ['employee'], {
    departmentId: operations.id,
    teamId: support.id,
    managerId: lead.employeeId,
  })
  const fieldWorker = await person('Fiona Field', ['employee'], {
    departmentId: operations.id,
    teamId: field.id,
    managerId: head.employeeId,
  })
  const financeHead = await person('Frank Finance', ['department_head'], { departmentId: finance.id })
  const payablesClerk = await person('Paula Payables', ['employee'], {
    departmentId: payables.id,
    managerId: financeHead.employeeId,
  })
  const hr = await person('Hanna HR', ['hr'], { departmentId: null })
  await created(
    admin.request('PUT', `/api/v1/org/departments/${operations.id}`, {
      name: 'Operations',
      headEmployeeId: head.employeeId,
    }),
    200,
  )
  await created(
    admin.request('PUT', `/api/v1/org/departments/${finance.id}`, {
      name: 'Finance',
      headEmployeeId: financeHead.employeeId,
    }),
    200,
  )
  await created(
    admin.request('PUT', `/api/v1/org/teams/${support.id}`, {
      name: 'Support',
      departmentId: operations.id,
      leadEmployeeId: lead.employeeId,
    }),
    200,
  )
  return {
    admin,
    ids: {
      location: location.id,
      operations: operations.id,
      finance: finance.id,
      payables: payables.id,
      support: support.id,
      field: field.id,
      clerk: clerk.id,
    },
    people: { head, lead, member, fieldWorker, financeHead, payablesClerk, hr },
  }
}
