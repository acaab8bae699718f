import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aCompanyWithAdmin } from '../../testing/builders.ts'
import { aSmallOrganisation } from '../../testing/small-organisation.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { aQueue, aRequest, aRequestType, auditActions, countRows, itemOf, json } from './work-test-helpers.ts'

type Org = Awaited<ReturnType<typeof aSmallOrganisation>>

const EXPENSE_FORM = [
  { key: 'purpose', label: 'Purpose', kind: 'text', required: true, maxLength: 100 },
  { key: 'nights', label: 'Nights', kind: 'number', required: false, min: '1', max: '10' },
  { key: 'amount', label: 'Amount', kind: 'money', required: true, currency: 'EUR', max: '5000' },
  { key: 'spent_on', label: 'Spent on', kind: 'date', required: true },
  { key: 'category', label: 'Category', kind: 'choice', required: true, options: ['Travel', 'Meals'] },
  { key: 'approver', label: 'Approver', kind: 'person', required: false },
  { key: 'receipt', label: 'Receipt', kind: 'attachment', required: true },
]

describe('submitting a request', () => {
  let t: TestApp
  let org: Org
  let financeQueue: { id: string }
  let supportQueue: { id: string }
  let expenses: { id: string }
  beforeEach(async () => {
    t = await createTestApp()
    org = await aSmallOrganisation(t, await aCompanyWithAdmin(t.handle))
    financeQueue = await aQueue(org.admin, {
      key: 'FIN',
      name: 'Finance desk',
      departmentId: org.ids.finance,
      memberEmployeeIds: [org.people.payablesClerk.employeeId],
    })
    supportQueue = await aQueue(org.admin, {
      key: 'SUP',
      name: 'Support desk',
      departmentId: org.ids.operations,
      memberEmployeeIds: [org.people.member.employeeId],
    })
    expenses = await aRequestType(org.admin, {
      key: 'expense_reimbursement',
      name: 'Expense reimbursement',
      departmentId: org.ids.finance,
      defaultQueueId: financeQueue.id,
      fields: EXPENSE_FORM,
    })
  })
  afterEach(() => t.close())

  const upload = (browser: Awaited<ReturnType<Org['people']['member']['signIn']>>, name: string) =>
    browser.request('POST', `/api/v1/work/attachments?fileName=${name}`, Buffer.from('%PDF-1.4 receipt'), {
      'content-type': 'application/pdf',
    })

  it('checks every field of the intake form by its kind, names each bad one, and writes nothing', async () => {
    const max = await org.people.member.signIn()
    const reply = await max.request('POST', '/api/v1/work/items', {
      typeId: expenses.id,
      title: 'Train to Hamburg',
      fields: {
        nights: 11,
        amount: '12.345',
        spent_on: '2026-13-01',
        category: 'Hotels',
        approver: '01900000-0000-7000-8000-0000000000ff',
        receipt: '01900000-0000-7000-8000-0000000000fe',
        colour: 'blue',
      },
    })
    expect(reply.statusCode).toBe(422)
    const problem = JSON.parse(reply.body) as { code: string; errors: { path: string; message: string }[] }
    expect(problem.code).toBe('work.invalid_intake')
    expect(Object.fromEntries(problem.errors.map((e) => [e.path, e.message]))).toEqual({
      '/body/fields/colour': 'This form has no such field.',
      '/body/fields/purpose': 'Purpose is required.',
      '/body/fields/nights': 'At most 10.',
      '/body/fields/amount': 'Enter an amount in EUR, such as 1250.00.',
      '/body/fields/spent_on': 'Enter a date (yyyy-mm-dd).',
      '/body/fields/category': 'Choose one of: Travel, Meals.',
      '/body/fields/approver': 'No such colleague.',
      '/body/fields/receipt': 'Upload the file again: this one is not yours or is already used.',
    })
    const tooMuch = await max.request('POST', '/api/v1/work/items', {
      typeId: expenses.id,
      title: 'Too much',
      fields: {
        purpose: 'x'.repeat(101),
        amount: '5000.01',
        spent_on: '2026-02-27',
        category: 'Travel',
        receipt: null,
      },
    })
    expect((JSON.parse(tooMuch.body) as { errors: { path: string; message: string }[] }).errors).toEqual([
      { path: '/body/fields/purpose', message: 'At most 100 characters.' },
      { path: '/body/fields/amount', message: 'At most 5000 EUR.' },
      { path: '/body/fields/receipt', message: 'Receipt is required.' },
    ])
    expect(await countRows(t.handle, 'work_item')).toBe(0)
    expect(await countRows(t.handle, 'work_item_event')).toBe(0)
    expect(await auditActions(t.handle, 'work.item.')).toEqual([])
    const queue = await json<{ openItems: number }>(org.admin, 'GET', `/api/v1/work/queues/${financeQueue.id}`)
    expect(queue.openItems).toBe(0)
  })

  it('stores a valid form normalised, claims its file once, and numbers items per queue', async () => {
    const max = await org.people.member.signIn()
    const file = JSON.parse((await upload(max, 'receipt.pdf')).body) as { id: string; sizeBytes: number }
    expect(file.sizeBytes).toBe(16)
    const fields = {
      purpose: ' Customer visit ',
      nights: '2',
      amount: '1250.5',
      spent_on: '2026-02-27',
      category: 'Travel',
      approver: org.people.lead.employeeId,
      receipt: file.id,
    }
    const item = await aRequest(max, expenses.id, 'Train to Hamburg', fields)
    expect(item.number).toBe('FIN-1')
    expect(Object.fromEntries(item.form.map((f) => [f.key, f.value]))).toEqual({
      ...fields,
      purpose: 'Customer visit',
      nights: 2,
      amount: '1250.50',
    })
    expect(item.attachments.map((a) => a.fileName)).toEqual(['receipt.pdf'])
    const download = await max.request('GET', `/api/v1/work/attachments/${file.id}`)
    expect(download.body).toBe('%PDF-1.4 receipt')
    const fiona = await org.people.fieldWorker.signIn()
    expect((await fiona.request('GET', `/api/v1/work/attachments/${file.id}`)).statusCode).toBe(404)
    const reused = await max.request('POST', '/api/v1/work/items', { typeId: expenses.id, title: 'Again', fields })
    expect((JSON.parse(reused.body) as { errors: { path: string }[] }).errors).toEqual([
      expect.objectContaining({ path: '/body/fields/receipt' }),
    ])
    const second = await aRequest(max, expenses.id, 'Taxi', {
      ...fields,
      receipt: (JSON.parse((await upload(max, 'taxi.pdf')).body) as { id: string }).id,
    })
    expect(second.number).toBe('FIN-2')
    const html = await max.request('POST', '/api/v1/work/attachments?fileName=x.html', '<p>hi</p>', {
      'content-type': 'text/html',
    })
    expect(html.statusCode).toBe(415)
  })

  it('answers a replayed submission with the first reply and files it once', async () => {
    const plain = await aRequestType(org.admin, {
      key: 'equipment',
      name: 'Equipment',
      departmentId: org.ids.operations,
      defaultQueueId: supportQueue.id,
      fields: [{ key: 'approver', label: 'Approver', kind: 'person', required: true }],
    })
    const max = await org.people.member.signIn()
    const body = { typeId: plain.id, title: 'Headset', fields: { approver: org.people.lead.employeeId } }
    const headers = { 'idempotency-key': 'headset-2026-03-02' }
    const first = await max.request('POST', '/api/v1/work/items', body, headers)
    const again = await max.request('POST', '/api/v1/work/items', body, headers)
    expect(first.statusCode).toBe(201)
    expect(again.body).toBe(first.body)
    expect(await countRows(t.handle, 'work_item')).toBe(1)
    const other = await max.request('POST', '/api/v1/work/items', { ...body, title: 'Keyboard' }, headers)
    expect(other.statusCode).toBe(422)
    const item = await itemOf(max, (JSON.parse(first.body) as { id: string }).id)
    expect(item.form).toEqual([
      { key: 'approver', label: 'Approver', kind: 'person', value: org.people.lead.employeeId, display: 'Lena Lead' },
    ])
    const elsewhere = await aSmallOrganisation(t, await aCompanyWithAdmin(t.handle, 'Globex'))
    expect((await elsewhere.admin.request('GET', `/api/v1/work/queues/${supportQueue.id}`)).statusCode).toBe(404)
    expect((await elsewhere.admin.request('GET', `/api/v1/work/request-types/${plain.id}`)).statusCode).toBe(404)
  })

  it('routes by the requester department and by a field, and says why', async () => {
    const it = await aRequestType(org.admin, {
      key: 'payment_request',
      name: 'Payment request',
      departmentId: org.ids.finance,
      defaultQueueId: supportQueue.id,
      fields: [{ key: 'amount', label: 'Amount', kind: 'money', required: true, currency: 'EUR' }],
      routingRules: [
        { requesterDepartmentId: org.ids.finance, field: null, queueId: financeQueue.id, priority: null },
        {
          requesterDepartmentId: null,
          field: { key: 'amount', operator: 'greater_than', value: '1000' },
          queueId: null,
          priority: 'high',
        },
      ],
    })
    const paula = await org.people.payablesClerk.signIn()
    const big = await aRequest(paula, it.id, 'Pay the printer supplier', { amount: '2400.00' })
    expect(big.queue.key).toBe('FIN')
    expect(big.priority).toBe('high')
    expect(big.routingExplanation).toBe(
      'Routed to Finance desk by rule 1 (the requester is in Finance). Priority high by rule 2 (Amount is over 1000).',
    )
    const max = await org.people.member.signIn()
    const small = await aRequest(max, it.id, 'Pay for coffee beans', { amount: '80.00' })
    expect(small.queue.key).toBe('SUP')
    expect(small.priority).toBe('normal')
    expect(small.routingExplanation).toBe(
      'Routed to Support desk, the default queue of Payment request. Priority normal, the default of Payment request.',
    )
  })

  it("keeps every change in the item's history and the audit trail", async () => {
    const plain = await aRequestType(org.admin, {
      key: 'address_change',
      name: 'Address change',
      departmentId: org.ids.operations,
      defaultQueueId: supportQueue.id,
    })
    const fiona = await org.people.fieldWorker.signIn()
    const item = await aRequest(fiona, plain.id, 'I moved')
    const max = await org.people.member.signIn()
    const base = `/api/v1/work/items/${item.id}`
    await json(max, 'POST', `${base}/assignment`, { employeeId: org.people.member.employeeId })
    await json(max, 'POST', `${base}/transitions`, { status: 'in_progress' })
    await json(max, 'PATCH', base, { priority: 'high', dueDate: '2026-03-06', tags: ['Address', 'payroll'] })
    await json(max, 'POST', `${base}/comments`, { body: 'Checking with payroll.', visibility: 'internal' })
    await json(max, 'POST', `${base}/comments`, { body: 'Done tomorrow.', visibility: 'public' })
    await json(max, 'POST', `${base}/time-entries`, { minutes: 25, workDate: '2026-03-02' })
    await json(max, 'PUT', `${base}/watchers/${org.people.lead.id}`)
    await json(max, 'POST', `${base}/transitions`, { status: 'resolved' })
    await json(fiona, 'POST', `${base}/transitions`, { status: 'closed' })
    const history = await json<{ items: { kind: string; summary: string; actor: { name: string } | null }[] }>(
      max,
      'GET',
      `${base}/history`,
    )
    const kinds = [
      'submitted',
      'assigned',
      'assigned',
      'status_changed',
      'priority_changed',
      'due_date_changed',
      'tags_changed',
      'note_added',
      'reply_added',
      'time_logged',
      'watcher_added',
      'status_changed',
      'status_changed',
    ]
    expect(history.items.map((h) => h.kind)).toEqual(kinds)
    expect(history.items.map((h) => h.summary)).toContain('Status: In progress → Resolved.')
    expect(history.items.at(-1)?.actor?.name).toBe('Fiona Field')
    expect(await auditActions(t.handle, 'work.item.')).toEqual(kinds.map((k) => `work.item.${k}`))
    const requesterSees = await json<{ items: { kind: string }[] }>(fiona, 'GET', `${base}/history`)
    expect(requesterSees.items.map((h) => h.kind)).toEqual(kinds.filter((k) => k !== 'note_added'))
    const closed = await itemOf(fiona, item.id)
    expect(closed).toMatchObject({ status: { key: 'closed' }, tags: ['address', 'payroll'], timeSpentMinutes: 25 })
    const conversation = await json<{ items: { body: string }[] }>(fiona, 'GET', `${base}/conversation`)
    expect(conversation.items.map((c) => c.body)).toEqual(['Done tomorrow.'])
  })
})
