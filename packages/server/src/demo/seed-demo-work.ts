import type { DatabaseHandle } from '../db/connect.ts'
import { firmContractRefs, orgDb } from '../modules/org/index.ts'
import {
  assignItem,
  commentOnItem,
  createQueue,
  createRequestType,
  logTime,
  STANDARD_WORKFLOW,
  submitRequest,
  transitionItem,
  updateItem,
  uploadAttachment,
  workDb,
  workViewerOf,
  type FieldDefinition,
  type RequestTypeInput,
} from '../modules/work/index.ts'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
/** A one-page PDF, so attached receipts and invoices open in a viewer. */
const A_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)

const choice = (key: string, label: string, options: string[], required = true): FieldDefinition => ({
  key,
  label,
  kind: 'choice',
  required,
  options,
})
const field = (key: string, label: string, kind: FieldDefinition['kind'], required = true, extra = {}) =>
  ({ key, label, kind, required, ...extra }) as FieldDefinition

/**
 * Northwind's work management: a queue each for IT (and its infrastructure
 * team), HR, Finance and Operations with their people as members, the
 * request catalog of ten types with routing rules, and about thirty requests
 * from the last three weeks in every state, with replies, notes and time.
 */
export async function seedDemoWork(
  handle: DatabaseHandle,
  companyId: string,
  userIds: ReadonlyMap<string, string>,
  now: Date,
): Promise<number> {
  const db = workDb(handle.db)
  const system = { companyId, actorId: null, actorKind: 'system' as const, requestId: null }
  const departments = new Map(
    (await db.selectFrom('org_department').select(['id', 'name']).where('company_id', '=', companyId).execute()).map(
      (d) => [d.name, d.id],
    ),
  )
  const teams = new Map(
    (await db.selectFrom('org_team').select(['id', 'name']).where('company_id', '=', companyId).execute()).map((t) => [
      t.name,
      t.id,
    ]),
  )
  const skills = new Map(
    (await db.selectFrom('org_skill').select(['id', 'name']).where('company_id', '=', companyId).execute()).map((s) => [
      s.name,
      s.id,
    ]),
  )
  const people = await db
    .selectFrom('org_employee')
    .select(['id', 'team_id', 'department_id', 'legal_name'])
    .where('company_id', '=', companyId)
    .where('status', '<>', 'terminated')
    .execute()
  const inTeams = (...names: string[]) =>
    people.filter((p) => names.some((n) => p.team_id === teams.get(n))).map((p) => p.id)
  const named = (name: string) => people.find((p) => p.legal_name === name)?.id ?? ''
  const dept = (name: string) => departments.get(name) ?? ''
  // Queues are set up "three weeks ago", when the first requests arrive.
  const start = new Date(now.getTime() - 21 * DAY_MS)
  const queue = (input: Parameters<typeof createQueue>[2]) => createQueue(db, system, input, start)
  const it = await queue({
    key: 'IT',
    name: 'IT Service Desk',
    departmentId: dept('IT'),
    teamId: teams.get('Service Desk') ?? null,
    strategy: 'least_loaded',
    memberEmployeeIds: [...inTeams('Service Desk'), named('Lena Fischer')],
  })
  const infra = await queue({
    key: 'INF',
    name: 'IT Infrastructure',
    departmentId: dept('IT'),
    teamId: teams.get('Infrastructure') ?? null,
    strategy: 'by_skill',
    skillId: skills.get('Cloud infrastructure') ?? null,
    skillMinLevel: 2,
    memberEmployeeIds: inTeams('Infrastructure'),
  })
  const hr = await queue({
    key: 'HR',
    name: 'HR Services',
    departmentId: dept('HR'),
    teamId: teams.get('People Operations') ?? null,
    strategy: 'round_robin',
    memberEmployeeIds: inTeams('People Operations'),
  })
  // Ledgerline Bookkeeping (seed-demo-externals.ts) is contracted for Finance: its people work this queue too.
  const outsourced = await firmContractRefs(orgDb(db), companyId)
  const finance = await queue({
    key: 'FIN',
    name: 'Finance Operations',
    departmentId: dept('Finance'),
    strategy: 'by_skill',
    skillId: skills.get('Excel') ?? null,
    skillMinLevel: 2,
    memberEmployeeIds: inTeams('Accounting', 'Payables & Receivables'),
    contractIds: outsourced.filter((c) => c.firm.name.startsWith('Ledgerline')).map((c) => c.id),
  })
  const ops = await queue({
    key: 'OPS',
    name: 'Operations PMO',
    departmentId: dept('Operations'),
    strategy: 'manual',
    memberEmployeeIds: [named('Carlos Mendes'), ...inTeams('Procurement')],
  })

  const type = (input: Omit<RequestTypeInput, 'workflow' | 'routingRules'> & Partial<RequestTypeInput>) =>
    createRequestType(db, system, { workflow: STANDARD_WORKFLOW, routingRules: [], ...input }, start)
  const neededBy = field('needed_by', 'Needed by', 'date', false)
  const types = {
    access: await type({
      key: 'it_access_request',
      name: 'IT access request',
      description: 'Access to a system, a shared drive or a group. Your manager is asked to confirm.',
      departmentId: dept('IT'),
      defaultQueueId: it.id,
      defaultPriority: 'normal',
      fields: [
        choice('system', 'System', ['Salesforce', 'Jira', 'VPN', 'Shared drive', 'AWS console']),
        choice('access_level', 'Access level', ['Read', 'Write', 'Admin']),
        field('reason', 'Why do you need it?', 'long_text', true, { maxLength: 1000 }),
        field('manager', 'Your manager', 'person', false),
        neededBy,
      ],
      routingRules: [
        {
          requesterDepartmentId: null,
          field: { key: 'system', operator: 'equals', value: 'AWS console' },
          queueId: infra.id,
          priority: null,
        },
        {
          requesterDepartmentId: null,
          field: { key: 'access_level', operator: 'equals', value: 'Admin' },
          queueId: null,
          priority: 'high',
        },
      ],
    }),
    equipment: await type({
      key: 'equipment',
      name: 'Equipment',
      description: 'A laptop, monitor, headset or phone, new or as a replacement.',
      departmentId: dept('IT'),
      defaultQueueId: it.id,
      defaultPriority: 'low',
      fields: [
        choice('item', 'What do you need?', ['Laptop', 'Monitor', 'Headset', 'Phone', 'Keyboard and mouse']),
        field('justification', 'Why?', 'long_text', true, { maxLength: 1000 }),
        field('estimated_cost', 'Estimated cost', 'money', false, { currency: 'EUR', max: '5000' }),
        neededBy,
      ],
      routingRules: [
        {
          requesterDepartmentId: null,
          field: { key: 'estimated_cost', operator: 'greater_than', value: '1500' },
          queueId: null,
          priority: 'normal',
        },
      ],
    }),
    incident: await type({
      key: 'incident',
      name: 'Incident',
      description: 'Something is broken or slow: e-mail, Wi-Fi, a printer, an application.',
      departmentId: dept('IT'),
      defaultQueueId: it.id,
      defaultPriority: 'normal',
      requiredSkill: skills.get('ITIL') ? { skillId: skills.get('ITIL') ?? '', minLevel: 1 } : null,
      fields: [
        field('what_happened', 'What happened?', 'long_text', true, { maxLength: 4000 }),
        choice('impact', 'Who is affected?', ['Just me', 'My team', 'The whole company']),
        field('started_on', 'Since when?', 'date', false),
        field('screenshot', 'Screenshot', 'attachment', false),
      ],
      routingRules: [
        {
          requesterDepartmentId: null,
          field: { key: 'impact', operator: 'equals', value: 'The whole company' },
          queueId: null,
          priority: 'urgent',
        },
        {
          requesterDepartmentId: null,
          field: { key: 'impact', operator: 'equals', value: 'My team' },
          queueId: null,
          priority: 'high',
        },
      ],
    }),
    letter: await type({
      key: 'employment_letter',
      name: 'Employment letter',
      description: 'A signed confirmation of your employment for a bank, landlord or visa office.',
      departmentId: dept('HR'),
      defaultQueueId: hr.id,
      defaultPriority: 'normal',
      fields: [
        choice('purpose', 'For', ['Bank or mortgage', 'Rental', 'Visa', 'Other']),
        field('addressee', 'Addressed to', 'text', false, { maxLength: 200 }),
        choice('language', 'Language', ['English', 'German']),
        field('copies', 'Signed copies', 'number', true, { min: '1', max: '5' }),
      ],
    }),
    address: await type({
      key: 'address_change',
      name: 'Address change',
      description: 'Tell HR and payroll about your new home address.',
      departmentId: dept('HR'),
      defaultQueueId: hr.id,
      defaultPriority: 'low',
      fields: [
        field('street', 'Street and number', 'text', true, { maxLength: 200 }),
        field('postal_code', 'Postal code', 'text', true, { maxLength: 20 }),
        field('city', 'City', 'text', true, { maxLength: 100 }),
        field('effective_on', 'Living there since', 'date'),
        field('proof', 'Registration certificate', 'attachment', false),
      ],
    }),
    offer: await type({
      key: 'sales_offer_letter',
      name: 'Written offer for a salesperson',
      description: 'Finance prepares the offer letter with base salary and commission plan.',
      departmentId: dept('Finance'),
      defaultQueueId: finance.id,
      defaultPriority: 'high',
      fields: [
        field('candidate', 'Candidate name', 'text', true, { maxLength: 200 }),
        choice('territory', 'Territory', ['EMEA', 'Americas']),
        field('base_salary', 'Annual base salary', 'money', true, { currency: 'EUR', min: '20000', max: '250000' }),
        field('commission_percent', 'Commission (%)', 'number', true, { min: '0', max: '30' }),
        field('start_on', 'Start date', 'date'),
        field('hiring_manager', 'Hiring manager', 'person'),
      ],
    }),
    payment: await type({
      key: 'payment_request',
      name: 'Payment request',
      description: 'Pay a supplier invoice that did not come through purchasing.',
      departmentId: dept('Finance'),
      defaultQueueId: finance.id,
      defaultPriority: 'normal',
      fields: [
        field('payee', 'Payee', 'text', true, { maxLength: 200 }),
        field('amount', 'Amount', 'money', true, { currency: 'EUR', max: '250000' }),
        field('pay_by', 'Pay by', 'date'),
        choice('cost_center', 'Cost centre', ['Management', 'HR', 'Finance', 'IT', 'Operations', 'Sales']),
        field('invoice', 'Invoice', 'attachment'),
      ],
      routingRules: [
        {
          requesterDepartmentId: null,
          field: { key: 'amount', operator: 'greater_than', value: '10000' },
          queueId: null,
          priority: 'high',
        },
      ],
    }),
    expense: await type({
      key: 'expense_reimbursement',
      name: 'Expense reimbursement',
      description: 'Get back what you paid for the company: travel, meals, small purchases.',
      departmentId: dept('Finance'),
      defaultQueueId: finance.id,
      defaultPriority: 'normal',
      fields: [
        field('purpose', 'Purpose', 'text', true, { maxLength: 200 }),
        field('amount', 'Amount', 'money', true, { currency: 'EUR', max: '5000' }),
        field('spent_on', 'Spent on', 'date'),
        choice('category', 'Category', ['Travel', 'Meals', 'Accommodation', 'Supplies', 'Other']),
        field('receipt', 'Receipt', 'attachment'),
      ],
    }),
    plan: await type({
      key: 'project_plan',
      name: 'Project plan',
      description: 'Propose a project: goal, timeline, budget and sponsor, for the PMO to review.',
      departmentId: dept('Operations'),
      defaultQueueId: ops.id,
      defaultPriority: 'normal',
      fields: [
        field('project', 'Project', 'text', true, { maxLength: 200 }),
        field('goal', 'Goal', 'long_text', true, { maxLength: 4000 }),
        field('starts_on', 'Start', 'date'),
        field('ends_on', 'End', 'date'),
        field('budget', 'Budget', 'money', false, { currency: 'EUR' }),
        field('sponsor', 'Sponsor', 'person'),
      ],
    }),
    progress: await type({
      key: 'progress_report',
      name: 'Progress report',
      description: "A project's status for the period: what was done, what is at risk.",
      departmentId: dept('Operations'),
      defaultQueueId: ops.id,
      defaultPriority: 'low',
      fields: [
        field('project', 'Project', 'text', true, { maxLength: 200 }),
        field('period', 'Period', 'text', true, { maxLength: 40 }),
        choice('status', 'Status', ['On track', 'At risk', 'Off track']),
        field('highlights', 'Highlights and risks', 'long_text', true, { maxLength: 4000 }),
      ],
      routingRules: [
        {
          requesterDepartmentId: null,
          field: { key: 'status', operator: 'equals', value: 'Off track' },
          queueId: null,
          priority: 'high',
        },
      ],
    }),
  }
  return seedDemoRequests(handle, companyId, userIds, types, { start, now, named })
}

/** Two hours later within office hours (08:00–16:00 UTC on weekdays), else the next working morning. */
function nextWorkingMoment(at: Date): Date {
  const next = new Date(at.getTime() + 2 * HOUR_MS)
  if (next.getUTCHours() < 16 && next.getUTCDay() !== 0 && next.getUTCDay() !== 6) return next
  do next.setTime(next.getTime() + DAY_MS)
  while (next.getUTCDay() === 0 || next.getUTCDay() === 6)
  next.setUTCHours(8, 15, 0, 0)
  return next
}

type DemoTypes = Record<
  'access' | 'equipment' | 'incident' | 'letter' | 'address' | 'offer' | 'payment' | 'expense' | 'plan' | 'progress',
  { id: string }
>

/** What happens to a request after it arrives, in order, by whom. */
type Step =
  | { status: string }
  | { reply: string; by?: 'requester' }
  | { note: string }
  | { minutes: number }
  | { tags: string[] }
  | { assign: string }

async function seedDemoRequests(
  handle: DatabaseHandle,
  companyId: string,
  userIds: ReadonlyMap<string, string>,
  types: DemoTypes,
  time: { start: Date; now: Date; named: (name: string) => string },
): Promise<number> {
  const db = workDb(handle.db)
  const user = (email: string) => userIds.get(`${email}@northwind.example`) ?? ''
  const admin = user('admin')
  const pdf = async (requester: string, fileName: string, at: Date) =>
    (
      await uploadAttachment(
        db,
        { companyId, actorId: requester, actorKind: 'user', requestId: null },
        { fileName, contentType: 'application/pdf', content: A_PDF },
        at,
      )
    ).id
  const requests: [string, keyof DemoTypes, string, Record<string, string | number>, Step[]][] = [
    [
      'emma.employee',
      'incident',
      'Outlook keeps asking for my password',
      { what_happened: 'Since this morning Outlook asks for my password every ten minutes.', impact: 'Just me' },
      [
        { status: 'in_progress' },
        { reply: 'Please sign out of all sessions and sign in again; I reset your token.' },
        { status: 'resolved' },
        { status: 'closed' },
      ],
    ],
    [
      'omar.finance',
      'incident',
      'Wi-Fi drops on the 3rd floor',
      { what_happened: 'The Wi-Fi on the 3rd floor drops every few minutes, video calls freeze.', impact: 'My team' },
      [
        { status: 'triaged' },
        { note: 'Access point AP-3-2 shows errors; ordered a replacement.' },
        { status: 'in_progress' },
        { status: 'waiting_on_third_party' },
        { minutes: 45 },
      ],
    ],
    [
      'hana.hr',
      'incident',
      'Payroll export fails with a timeout',
      {
        what_happened: 'The monthly payroll export stops after 30 seconds with a timeout.',
        impact: 'The whole company',
      },
      [
        { status: 'in_progress' },
        { minutes: 90 },
        { note: 'Database index on the export view was missing; added it.' },
        { reply: 'Fixed: the export runs in 8 seconds now. Please try again.' },
        { status: 'resolved' },
      ],
    ],
    [
      'emma.employee',
      'equipment',
      'Second monitor for procurement desk',
      { item: 'Monitor', justification: 'Comparing supplier offers side by side.', estimated_cost: '239.00' },
      [{ status: 'in_progress' }, { reply: 'Ordered a 27" monitor, delivery on Thursday.' }],
    ],
    [
      'lena.lead',
      'equipment',
      'Laptop for new service desk analyst',
      { item: 'Laptop', justification: 'Hannah Klein starts next week.', estimated_cost: '1850.00', needed_by: '' },
      [
        { tags: ['onboarding'] },
        { status: 'in_progress' },
        { minutes: 60 },
        { status: 'resolved' },
        { status: 'closed' },
      ],
    ],
    [
      'omar.finance',
      'access',
      'Jira access for the close checklist',
      { system: 'Jira', access_level: 'Write', reason: 'We track the month-end close in Jira from next month.' },
      [{ status: 'resolved' }, { status: 'closed' }],
    ],
    [
      'emma.employee',
      'access',
      'Salesforce read access',
      { system: 'Salesforce', access_level: 'Read', reason: 'To see supplier contacts that sales maintains.' },
      [
        { status: 'in_progress' },
        { status: 'waiting_on_requester' },
        { reply: 'Which Salesforce org: EMEA or Americas?' },
      ],
    ],
    [
      'ivan.it',
      'access',
      'AWS console admin for backups',
      { system: 'AWS console', access_level: 'Admin', reason: 'Rotating the backup bucket keys.' },
      [{ status: 'in_progress' }, { minutes: 30 }],
    ],
    [
      'lena.lead',
      'access',
      'VPN for the weekend on-call',
      { system: 'VPN', access_level: 'Read', reason: 'On-call rota this weekend.' },
      [],
    ],
    [
      'emma.employee',
      'letter',
      'Letter for my new flat',
      { purpose: 'Rental', addressee: 'Hausverwaltung Becker GmbH', language: 'German', copies: 1 },
      [{ status: 'in_progress' }, { status: 'resolved' }, { status: 'closed' }],
    ],
    [
      'omar.finance',
      'letter',
      'Employment confirmation for the bank',
      { purpose: 'Bank or mortgage', addressee: 'Berliner Sparkasse', language: 'German', copies: 2 },
      [{ status: 'in_progress' }, { note: 'Salary figures to be confirmed by payroll.' }],
    ],
    [
      'ivan.it',
      'letter',
      'Visa letter for conference in Toronto',
      { purpose: 'Visa', addressee: 'Embassy of Canada', language: 'English', copies: 1 },
      [],
    ],
    [
      'lena.lead',
      'address',
      'New address from 1 March',
      { street: 'Schönhauser Allee 112', postal_code: '10439', city: 'Berlin', effective_on: '2026-03-01' },
      [{ status: 'resolved' }, { status: 'closed' }],
    ],
    [
      'emma.employee',
      'address',
      'Moved to Potsdam',
      { street: 'Brandenburger Straße 30', postal_code: '14467', city: 'Potsdam', effective_on: '2026-02-15' },
      [
        { status: 'in_progress' },
        { status: 'waiting_on_requester' },
        { reply: 'Could you attach your registration certificate (Meldebescheinigung)?' },
      ],
    ],
    [
      'admin',
      'offer',
      'Offer for Account Executive EMEA',
      {
        candidate: 'Marco Bianchi',
        territory: 'EMEA',
        base_salary: '62000.00',
        commission_percent: 12,
        start_on: '2026-05-01',
        hiring_manager: time.named('Julia Schmidt'),
      },
      [
        { status: 'in_progress' },
        { minutes: 50 },
        { reply: 'Draft attached to the candidate file; please review the commission clause.' },
      ],
    ],
    [
      'admin',
      'offer',
      'Offer for Sales Development Rep Americas',
      {
        candidate: 'Ashley Turner',
        territory: 'Americas',
        base_salary: '48000.00',
        commission_percent: 8,
        start_on: '2026-04-15',
        hiring_manager: time.named('Michael Brooks'),
      },
      [],
    ],
    [
      'omar.finance',
      'payment',
      'Pay Kanzlei Hofmann invoice 2026-114',
      { payee: 'Kanzlei Hofmann', amount: '4800.00', pay_by: '2026-03-15', cost_center: 'HR' },
      [{ status: 'in_progress' }, { status: 'resolved' }],
    ],
    [
      'lena.lead',
      'payment',
      'Annual licence renewal, monitoring tool',
      { payee: 'Observa Ltd', amount: '14250.00', pay_by: '2026-03-31', cost_center: 'IT' },
      [{ status: 'triaged' }, { note: 'Above 10,000: needs Robert’s sign-off.' }],
    ],
    [
      'hana.hr',
      'payment',
      'Recruiting event catering',
      { payee: 'Feinkost Lange', amount: '860.50', pay_by: '2026-03-10', cost_center: 'HR' },
      [],
    ],
    [
      'emma.employee',
      'expense',
      'Train to supplier audit in Hamburg',
      { purpose: 'Supplier audit at Nordkontor', amount: '129.90', spent_on: '2026-02-12', category: 'Travel' },
      [{ status: 'resolved' }, { status: 'closed' }],
    ],
    [
      'ivan.it',
      'expense',
      'Replacement cables for meeting rooms',
      { purpose: 'HDMI and USB-C cables', amount: '74.35', spent_on: '2026-02-20', category: 'Supplies' },
      [{ status: 'in_progress' }],
    ],
    [
      'lena.lead',
      'expense',
      'Team dinner after the migration',
      {
        purpose: 'Dinner for the service desk after the mail migration',
        amount: '312.00',
        spent_on: '2026-02-06',
        category: 'Meals',
      },
      [
        { status: 'in_progress' },
        { status: 'waiting_on_requester' },
        { reply: 'Please list the attendees; the policy needs names above 200 EUR.' },
        { reply: 'Ivan, Chloe, Samuel, Hannah and me.', by: 'requester' },
        { status: 'in_progress' },
      ],
    ],
    [
      'hana.hr',
      'expense',
      'Hotel for the HR conference',
      { purpose: 'HR Tech Summit, Munich', amount: '418.00', spent_on: '2026-02-25', category: 'Accommodation' },
      [],
    ],
    [
      'admin',
      'plan',
      'Move the Berlin office to the 4th floor',
      {
        project: 'Office move',
        goal: 'Move 40 desks to the 4th floor over one weekend without downtime.',
        starts_on: '2026-04-01',
        ends_on: '2026-05-15',
        budget: '38000.00',
        sponsor: time.named('Carlos Mendes'),
      },
      [{ status: 'triaged' }, { assign: 'Carlos Mendes' }, { status: 'in_progress' }, { tags: ['facilities', 'q2'] }],
    ],
    [
      'emma.employee',
      'plan',
      'Supplier consolidation',
      {
        project: 'Supplier consolidation',
        goal: 'Reduce office-supply vendors from 9 to 3 with framework contracts.',
        starts_on: '2026-03-15',
        ends_on: '2026-06-30',
        budget: '5000.00',
        sponsor: time.named('Aisha Bello'),
      },
      [],
    ],
    [
      'emma.employee',
      'progress',
      'Supplier consolidation – February',
      {
        project: 'Supplier consolidation',
        period: 'February 2026',
        status: 'At risk',
        highlights: 'Two vendors have not answered the tender yet.',
      },
      [{ assign: 'Aisha Bello' }, { status: 'resolved' }],
    ],
    [
      'admin',
      'progress',
      'Office move – February',
      {
        project: 'Office move',
        period: 'February 2026',
        status: 'Off track',
        highlights: 'Landlord has not confirmed the 4th floor handover date.',
      },
      [{ assign: 'Carlos Mendes' }, { status: 'in_progress' }],
    ],
    [
      'omar.finance',
      'incident',
      'Bank statement import shows duplicates',
      {
        what_happened: 'Yesterday’s CAMT import shows every payment twice.',
        impact: 'My team',
        started_on: '2026-02-27',
      },
      [{ status: 'in_progress' }, { minutes: 40 }],
    ],
    [
      'hana.hr',
      'equipment',
      'Headset for interviews',
      { item: 'Headset', justification: 'Video interviews all day; the old one broke.', estimated_cost: '89.00' },
      [],
    ],
  ]
  const businessHour = (index: number) => {
    // Spread over the last three weeks, on weekdays between 09:00 and 14:00 UTC.
    let at = new Date(time.start.getTime() + index * 0.7 * DAY_MS)
    while (at.getUTCDay() === 0 || at.getUTCDay() === 6) at = new Date(at.getTime() + DAY_MS)
    at.setUTCHours(9 + (index % 5), (index * 17) % 60, 0, 0)
    return at
  }
  const worker = await workViewerOf(db, { companyId, userId: admin }, { readReach: 'company', workReach: 'company' })
  const as = (userId: string) => ({ companyId, actorId: userId, actorKind: 'user' as const, requestId: null })
  let count = 0
  for (const [index, [email, typeKey, title, fields, steps]] of requests.entries()) {
    const at = businessHour(index)
    if (at.getTime() > time.now.getTime()) break
    const requester = user(email)
    const files: Record<string, string> = {}
    if (typeKey === 'expense') files.receipt = await pdf(requester, 'receipt.pdf', at)
    if (typeKey === 'payment') files.invoice = await pdf(requester, 'invoice.pdf', at)
    const cleaned = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''))
    const { id } = await submitRequest(
      db,
      as(requester),
      { typeId: types[typeKey].id, title, fields: { ...cleaned, ...files } },
      at,
    )
    count++
    let stepAt = at
    for (const step of steps) {
      stepAt = new Date(Math.min(nextWorkingMoment(stepAt).getTime(), time.now.getTime()))
      const context = as(admin)
      if ('status' in step) await transitionItem(db, context, worker, id, { status: step.status }, stepAt)
      else if ('reply' in step) {
        const author = step.by === 'requester' ? requester : admin
        const viewer = await workViewerOf(
          db,
          { companyId, userId: author },
          { readReach: 'own', workReach: author === admin ? 'company' : null },
        )
        await commentOnItem(db, as(author), viewer, id, { body: step.reply, visibility: 'public' }, stepAt)
      } else if ('note' in step)
        await commentOnItem(db, context, worker, id, { body: step.note, visibility: 'internal' }, stepAt)
      else if ('minutes' in step)
        await logTime(
          db,
          context,
          worker,
          id,
          { minutes: step.minutes, workDate: stepAt.toISOString().slice(0, 10) },
          stepAt,
        )
      else if ('tags' in step) await updateItem(db, context, worker, id, { tags: step.tags }, stepAt)
      else await assignItem(db, context, worker, id, { employeeId: time.named(step.assign) }, stepAt, 'Alex Morgan')
    }
  }
  return count
}
