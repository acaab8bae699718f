import { calendarDate } from '@keel/kernel'
import type { DatabaseHandle } from '../db/connect.ts'
import {
  addCertification,
  addHoliday,
  changePlacement,
  createSkill,
  createCalendar,
  createDepartment,
  createLocation,
  createPosition,
  createTeam,
  hireEmployee,
  orgDb,
  setEmployeeSkills,
  updateCompanyProfile,
  updateDepartment,
  updateTeam,
} from '../modules/org/index.ts'

interface DemoPerson {
  readonly name: string
  readonly position: string
  readonly team: string | null
  readonly department: string
  readonly location: 'Berlin' | 'New York'
  /** Who they report to, by name; null for the back-office manager. */
  readonly manager: string | null
  readonly hireDate: string
  readonly salary: string
  readonly type?: 'permanent' | 'probationary' | 'temporary' | 'contractor' | 'intern'
  /** The demo user's e-mail when this person can sign in. */
  readonly email?: string
}

/** Public holidays of 2026 where the offices are (Berlin's state holidays included). */
const BERLIN_HOLIDAYS: readonly (readonly [string, string])[] = [
  ['2026-01-01', 'New Year’s Day'],
  ['2026-03-08', 'International Women’s Day'],
  ['2026-04-03', 'Good Friday'],
  ['2026-04-06', 'Easter Monday'],
  ['2026-05-01', 'Labour Day'],
  ['2026-05-14', 'Ascension Day'],
  ['2026-05-25', 'Whit Monday'],
  ['2026-10-03', 'Day of German Unity'],
  ['2026-12-25', 'Christmas Day'],
  ['2026-12-26', 'Second Day of Christmas'],
]
const NEW_YORK_HOLIDAYS: readonly (readonly [string, string])[] = [
  ['2026-01-01', 'New Year’s Day'],
  ['2026-01-19', 'Martin Luther King Jr. Day'],
  ['2026-02-16', 'Presidents’ Day'],
  ['2026-05-25', 'Memorial Day'],
  ['2026-06-19', 'Juneteenth'],
  ['2026-07-03', 'Independence Day (observed)'],
  ['2026-09-07', 'Labor Day'],
  ['2026-11-26', 'Thanksgiving Day'],
  ['2026-12-25', 'Christmas Day'],
]

const SKILLS: readonly (readonly [string, string])[] = [
  ['SQL', 'Data'],
  ['Excel', 'Data'],
  ['ITIL', 'IT service management'],
  ['Networking', 'IT'],
  ['Cloud infrastructure', 'IT'],
  ['IFRS', 'Accounting'],
  ['Payroll', 'HR'],
  ['Employment law', 'HR'],
  ['Negotiation', 'Commercial'],
  ['Salesforce', 'Commercial'],
  ['German', 'Languages'],
  ['Spanish', 'Languages'],
]
/** Which skills a team's people have (levels vary by person); heads by their department. */
const TEAM_SKILLS: Readonly<Record<string, readonly string[]>> = {
  'People Operations': ['Payroll', 'Employment law', 'Excel'],
  Recruiting: ['Employment law', 'Negotiation'],
  Accounting: ['IFRS', 'Excel', 'SQL'],
  'Payables & Receivables': ['Excel', 'IFRS'],
  'Service Desk': ['ITIL', 'Networking'],
  Infrastructure: ['Cloud infrastructure', 'Networking', 'SQL'],
  Procurement: ['Negotiation', 'Excel'],
  Facilities: ['Negotiation'],
  'Sales EMEA': ['Salesforce', 'Negotiation'],
  'Sales Americas': ['Salesforce', 'Negotiation'],
  Management: ['Negotiation', 'Excel'],
  HR: ['Employment law'],
  Finance: ['IFRS', 'Excel'],
  IT: ['ITIL', 'Cloud infrastructure'],
  Operations: ['Negotiation'],
  Sales: ['Salesforce', 'Negotiation'],
}

const DEPARTMENTS = ['Management', 'HR', 'Finance', 'IT', 'Operations', 'Sales'] as const
const TEAMS: readonly (readonly [team: string, department: string])[] = [
  ['People Operations', 'HR'],
  ['Recruiting', 'HR'],
  ['Accounting', 'Finance'],
  ['Payables & Receivables', 'Finance'],
  ['Service Desk', 'IT'],
  ['Infrastructure', 'IT'],
  ['Procurement', 'Operations'],
  ['Facilities', 'Operations'],
  ['Sales EMEA', 'Sales'],
  ['Sales Americas', 'Sales'],
]

/** Leads and heads first: everyone's manager is listed before them. */
const LEADERS: readonly DemoPerson[] = [
  {
    name: 'Alex Morgan',
    position: 'Back-office manager',
    team: null,
    department: 'Management',
    location: 'Berlin',
    manager: null,
    hireDate: '2019-02-01',
    salary: '118000',
    email: 'admin@northwind.example',
  },
  {
    name: 'Hana Suzuki',
    position: 'HR manager',
    team: null,
    department: 'HR',
    location: 'Berlin',
    manager: 'Alex Morgan',
    hireDate: '2019-06-03',
    salary: '86000',
    email: 'hana.hr@northwind.example',
  },
  {
    name: 'Robert Lindqvist',
    position: 'Finance manager',
    team: null,
    department: 'Finance',
    location: 'Berlin',
    manager: 'Alex Morgan',
    hireDate: '2019-09-02',
    salary: '98000',
  },
  {
    name: 'Priya Raman',
    position: 'IT manager',
    team: null,
    department: 'IT',
    location: 'Berlin',
    manager: 'Alex Morgan',
    hireDate: '2020-01-15',
    salary: '96000',
  },
  {
    name: 'Carlos Mendes',
    position: 'Operations manager',
    team: null,
    department: 'Operations',
    location: 'Berlin',
    manager: 'Alex Morgan',
    hireDate: '2020-03-02',
    salary: '88000',
  },
  {
    name: 'Grace Okafor',
    position: 'Sales director',
    team: null,
    department: 'Sales',
    location: 'New York',
    manager: 'Alex Morgan',
    hireDate: '2019-11-04',
    salary: '135000',
  },
  {
    name: 'Jonas Weber',
    position: 'Team lead',
    team: 'People Operations',
    department: 'HR',
    location: 'Berlin',
    manager: 'Hana Suzuki',
    hireDate: '2020-05-04',
    salary: '68000',
  },
  {
    name: 'Sofia Rossi',
    position: 'Team lead',
    team: 'Recruiting',
    department: 'HR',
    location: 'Berlin',
    manager: 'Hana Suzuki',
    hireDate: '2021-02-01',
    salary: '66000',
  },
  {
    name: 'Omar Haddad',
    position: 'Team lead',
    team: 'Accounting',
    department: 'Finance',
    location: 'Berlin',
    manager: 'Robert Lindqvist',
    hireDate: '2020-08-03',
    salary: '74000',
    email: 'omar.finance@northwind.example',
  },
  {
    name: 'Marta Nowak',
    position: 'Team lead',
    team: 'Payables & Receivables',
    department: 'Finance',
    location: 'Berlin',
    manager: 'Robert Lindqvist',
    hireDate: '2021-04-06',
    salary: '64000',
  },
  {
    name: 'Lena Fischer',
    position: 'Team lead',
    team: 'Service Desk',
    department: 'IT',
    location: 'Berlin',
    manager: 'Priya Raman',
    hireDate: '2020-10-01',
    salary: '70000',
    email: 'lena.lead@northwind.example',
  },
  {
    name: 'Daniel Cohen',
    position: 'Team lead',
    team: 'Infrastructure',
    department: 'IT',
    location: 'New York',
    manager: 'Priya Raman',
    hireDate: '2021-01-11',
    salary: '112000',
  },
  {
    name: 'Aisha Bello',
    position: 'Team lead',
    team: 'Procurement',
    department: 'Operations',
    location: 'Berlin',
    manager: 'Carlos Mendes',
    hireDate: '2021-06-01',
    salary: '66000',
  },
  {
    name: 'Tomás García',
    position: 'Team lead',
    team: 'Facilities',
    department: 'Operations',
    location: 'Berlin',
    manager: 'Carlos Mendes',
    hireDate: '2022-02-01',
    salary: '58000',
  },
  {
    name: 'Julia Schmidt',
    position: 'Team lead',
    team: 'Sales EMEA',
    department: 'Sales',
    location: 'Berlin',
    manager: 'Grace Okafor',
    hireDate: '2020-07-01',
    salary: '92000',
  },
  {
    name: 'Michael Brooks',
    position: 'Team lead',
    team: 'Sales Americas',
    department: 'Sales',
    location: 'New York',
    manager: 'Grace Okafor',
    hireDate: '2020-09-14',
    salary: '128000',
  },
]

/** The people in each team, with the position they hold. */
const MEMBERS: Readonly<
  Record<string, readonly (readonly [name: string, position: string, type?: DemoPerson['type'], email?: string])[]>
> = {
  'People Operations': [
    ['Nora Becker', 'HR specialist'],
    ['Yusuf Demir', 'HR specialist'],
    ['Clara Hoffmann', 'Payroll specialist'],
    ['Eva Novak', 'Payroll specialist'],
  ],
  Recruiting: [
    ['Ethan Clarke', 'Recruiter'],
    ['Mei Lin', 'Recruiter', 'probationary'],
    ['Noah Baumann', 'Recruiter'],
  ],
  Accounting: [
    ['Lukas Braun', 'Accountant'],
    ['Audrey Kim', 'Internal auditor', 'permanent', 'aud.it@northwind.example'],
    ['Fatima Zahra', 'Accountant'],
    ['Henrik Olsen', 'Accountant', 'temporary'],
    ['Sophie Laurent', 'Accountant'],
  ],
  'Payables & Receivables': [
    ['Anna Kowalski', 'AP/AR clerk'],
    ['Pedro Alves', 'AP/AR clerk'],
    ['Leonie Wagner', 'AP/AR clerk', 'intern'],
  ],
  'Service Desk': [
    ['Ivan Petrov', 'Service desk analyst', 'permanent', 'ivan.it@northwind.example'],
    ['Chloe Martin', 'Service desk analyst'],
    ['Samuel Adeyemi', 'Service desk analyst'],
    ['Hannah Klein', 'Service desk analyst', 'probationary'],
  ],
  Infrastructure: [
    ['Ryan Walsh', 'Systems engineer'],
    ['Natalia Ivanova', 'Systems engineer'],
    ['Kevin Nguyen', 'Systems engineer', 'contractor'],
    ['Arjun Mehta', 'Systems engineer'],
  ],
  Procurement: [
    ['Emma Dubois', 'Buyer', 'permanent', 'emma.employee@northwind.example'],
    ['Felix Richter', 'Buyer'],
    ['Laura Conti', 'Buyer'],
    ['Greta Vogel', 'Buyer'],
  ],
  Facilities: [
    ['Ben Schulz', 'Facilities coordinator'],
    ['Amira Saleh', 'Facilities coordinator'],
    ["Liam O'Brien", 'Facilities coordinator'],
  ],
  'Sales EMEA': [
    ['Maximilian Krause', 'Account executive'],
    ['Elena Popescu', 'Account executive'],
    ['Oliver Bennett', 'Account executive'],
    ['Ines Moreau', 'Sales development rep'],
    ['Paul Zimmermann', 'Sales development rep'],
    ['Sara Lund', 'Sales development rep', 'probationary'],
  ],
  'Sales Americas': [
    ['Jessica Taylor', 'Account executive'],
    ['David Kim', 'Account executive'],
    ['Ashley Johnson', 'Account executive'],
    ['Marcus Green', 'Sales development rep'],
    ['Olivia Martinez', 'Sales development rep'],
    ['Tyler Scott', 'Sales development rep'],
    ['Rachel Adams', 'Sales development rep', 'intern'],
    ['Brandon Lee', 'Account executive'],
  ],
}

const SALARY_BY_POSITION: Readonly<Record<string, number>> = {
  'HR specialist': 52000,
  'Payroll specialist': 56000,
  Recruiter: 54000,
  Accountant: 58000,
  'Internal auditor': 64000,
  'AP/AR clerk': 46000,
  'Service desk analyst': 50000,
  'Systems engineer': 98000,
  Buyer: 52000,
  'Facilities coordinator': 44000,
  'Account executive': 72000,
  'Sales development rep': 50000,
}

/** A hire date between 2021 and 2025 that is the same on every run. */
const hireDateFor = (index: number) => {
  const year = 2021 + (index % 5)
  const month = ((index * 7) % 12) + 1
  return `${String(year)}-${String(month).padStart(2, '0')}-${index % 2 === 0 ? '01' : '15'}`
}

function everyone(): DemoPerson[] {
  const people = [...LEADERS]
  let index = 0
  for (const [team, department] of TEAMS) {
    const lead = LEADERS.find((l) => l.team === team)
    for (const [name, position, type, email] of MEMBERS[team] ?? []) {
      const base = SALARY_BY_POSITION[position] ?? 50000
      const inNewYork = lead?.location === 'New York'
      people.push({
        name,
        position,
        team,
        department,
        location: lead?.location ?? 'Berlin',
        manager: lead?.name ?? null,
        hireDate: type === 'probationary' || type === 'intern' ? '2026-01-05' : hireDateFor(index),
        // New York salaries are in the same currency here (EUR): one functional currency for the demo.
        salary: String(Math.round((base * (inNewYork ? 1.25 : 1) + (index % 4) * 1500) / 100) * 100),
        ...(type ? { type } : {}),
        ...(email ? { email } : {}),
      })
      index++
    }
  }
  return people
}

/**
 * The demo company's organisation: two locations in different time zones,
 * six departments (Sales is the front office), ten teams with leads, about
 * sixty people with managers, positions and salaries, and the demo users
 * linked to their records, and office calendars with 2026 public holidays.
 * Ivan moved twice, so timelines and the org chart "as of" a past date have
 * something to show.
 */
export async function seedDemoOrganisation(
  handle: DatabaseHandle,
  companyId: string,
  userIds: ReadonlyMap<string, string>,
  secretKey: Buffer,
  now: Date,
): Promise<number> {
  const db = orgDb(handle.db)
  const context = { companyId, actorId: null, actorKind: 'system' as const, requestId: null }
  const today = calendarDate(now, 'Europe/Berlin')
  await updateCompanyProfile(
    db,
    context,
    'Northwind Trading',
    {
      legalName: 'Northwind Trading GmbH',
      registrationId: 'HRB 204711 B',
      taxId: 'DE298765432',
      functionalCurrency: 'EUR',
      fiscalYearStartMonth: 1,
      timeZone: 'Europe/Berlin',
      locale: 'en-GB',
      registeredAddress: { line1: 'Friedrichstraße 68', postalCode: '10117', city: 'Berlin', countryCode: 'DE' },
      postalAddress: null,
    },
    now,
  )
  const weekdays = (from: string, to: string) => [...Array.from({ length: 5 }, () => [{ from, to }]), [], []]
  const berlinCalendar = await createCalendar(
    db,
    context,
    { name: 'Berlin office', timeZone: 'Europe/Berlin', weeklyHours: weekdays('09:00', '17:30'), isDefault: true },
    now,
  )
  const newYorkCalendar = await createCalendar(
    db,
    context,
    { name: 'New York office', timeZone: 'America/New_York', weeklyHours: weekdays('09:00', '17:00') },
    now,
  )
  for (const [date, name] of BERLIN_HOLIDAYS) await addHoliday(db, context, berlinCalendar.id, { date, name }, now)
  for (const [date, name] of NEW_YORK_HOLIDAYS) await addHoliday(db, context, newYorkCalendar.id, { date, name }, now)
  const locations = new Map<string, string>()
  locations.set(
    'Berlin',
    (
      await createLocation(
        db,
        context,
        {
          name: 'Berlin',
          timeZone: 'Europe/Berlin',
          calendarId: berlinCalendar.id,
          address: { line1: 'Friedrichstraße 68', postalCode: '10117', city: 'Berlin', countryCode: 'DE' },
        },
        now,
      )
    ).id,
  )
  locations.set(
    'New York',
    (
      await createLocation(
        db,
        context,
        {
          name: 'New York',
          timeZone: 'America/New_York',
          calendarId: newYorkCalendar.id,
          address: {
            line1: '350 Fifth Avenue',
            postalCode: '10118',
            city: 'New York',
            region: 'NY',
            countryCode: 'US',
          },
        },
        now,
      )
    ).id,
  )
  const departments = new Map<string, string>()
  for (const name of DEPARTMENTS) departments.set(name, (await createDepartment(db, context, { name }, now)).id)
  const teams = new Map<string, string>()
  for (const [name, department] of TEAMS)
    teams.set(name, (await createTeam(db, context, { name, departmentId: departments.get(department) ?? '' }, now)).id)
  const people = everyone()
  const positions = new Map<string, string>()
  for (const title of new Set(people.map((p) => p.position)))
    positions.set(title, (await createPosition(db, context, { title }, now)).id)

  const employees = new Map<string, string>()
  for (const person of people) {
    const id = await hireEmployee(
      db,
      context,
      secretKey,
      {
        legalName: person.name,
        workEmail:
          person.email ??
          `${person.name
            .toLowerCase()
            .normalize('NFD')
            .replace(/[\u0300-\u036f]/g, '')
            .replace(/[^a-z]+/g, '.')}@northwind.example`,
        hireDate: person.hireDate,
        probationEndDate: person.type === 'probationary' ? '2026-07-04' : null,
        workSchedule:
          person.location === 'New York' ? 'Mon–Fri 09:00–17:00 (New York)' : 'Mon–Fri 09:00–17:30 (Berlin)',
        userId: person.email ? (userIds.get(person.email) ?? null) : null,
        employmentType: person.type ?? 'permanent',
        departmentId: departments.get(person.department) ?? null,
        teamId: person.team ? (teams.get(person.team) ?? null) : null,
        positionId: positions.get(person.position) ?? null,
        managerId: person.manager ? (employees.get(person.manager) ?? null) : null,
        locationId: locations.get(person.location) ?? null,
        salary: { amount: person.salary, currency: 'EUR', period: 'year' },
      },
      now,
      today,
    )
    employees.set(person.name, id)
  }
  for (const name of DEPARTMENTS) {
    const head = LEADERS.find((l) => l.department === name && l.team === null)
    if (head)
      await updateDepartment(db, context, departments.get(name) ?? '', {
        name,
        headEmployeeId: employees.get(head.name) ?? null,
      })
  }
  for (const [name, department] of TEAMS) {
    const lead = LEADERS.find((l) => l.team === name)
    await updateTeam(db, context, teams.get(name) ?? '', {
      name,
      departmentId: departments.get(department) ?? '',
      leadEmployeeId: lead ? (employees.get(lead.name) ?? null) : null,
    })
  }
  // Histories: Ivan moved from Infrastructure to the Service Desk; Emma was promoted out of a temporary contract.
  const move = async (
    name: string,
    effectiveDate: string,
    changes: { team: string; department: string; manager: string; type?: DemoPerson['type'] },
    reason: string,
  ) => {
    const person = people.find((p) => p.name === name)
    if (!person) return
    await changePlacement(
      db,
      context,
      employees.get(name) ?? '',
      {
        effectiveDate,
        employmentType: changes.type ?? person.type ?? 'permanent',
        departmentId: departments.get(changes.department) ?? null,
        teamId: teams.get(changes.team) ?? null,
        positionId: positions.get(person.position) ?? null,
        managerId: employees.get(changes.manager) ?? null,
        locationId: locations.get(person.location) ?? null,
        reason,
      },
      now,
      today,
    )
  }
  await move(
    'Ivan Petrov',
    '2025-09-01',
    { team: 'Infrastructure', department: 'IT', manager: 'Daniel Cohen' },
    'Rotation to infrastructure',
  )
  await move(
    'Ivan Petrov',
    '2026-02-01',
    { team: 'Service Desk', department: 'IT', manager: 'Lena Fischer' },
    'Back to the service desk',
  )
  // Talent: skills by team, and a certification of Ivan's about to expire (its reminder goes out on the first run).
  const skills = new Map<string, string>()
  for (const [name, category] of SKILLS) skills.set(name, (await createSkill(db, context, { name, category }, now)).id)
  for (const [index, person] of people.entries()) {
    const wanted = TEAM_SKILLS[person.team ?? person.department] ?? []
    const levels = wanted.map((name, i) => ({ skillId: skills.get(name) ?? '', level: 1 + ((index + i * 2) % 5) }))
    const language = person.location === 'New York' ? 'Spanish' : 'German'
    levels.push({ skillId: skills.get(language) ?? '', level: 2 + (index % 4) })
    await setEmployeeSkills(db, context, employees.get(person.name) ?? '', levels, now)
  }
  const inDays = (days: number) => calendarDate(new Date(now.getTime() + days * 86_400_000), 'Europe/Berlin')
  const certify = (
    name: string,
    certification: { name: string; issuer: string; issuedDate: string; expiresDate: string },
  ) => addCertification(db, context, employees.get(name) ?? '', certification, now)
  await certify('Ivan Petrov', {
    name: 'ITIL 4 Foundation',
    issuer: 'PeopleCert',
    issuedDate: '2023-05-10',
    expiresDate: inDays(20),
  })
  await certify('Lena Fischer', {
    name: 'ITIL 4 Managing Professional',
    issuer: 'PeopleCert',
    issuedDate: '2024-02-01',
    expiresDate: inDays(400),
  })
  await certify('Tomás García', {
    name: 'First aid at work',
    issuer: 'German Red Cross',
    issuedDate: '2024-06-01',
    expiresDate: inDays(45),
  })
  return people.length
}
