import type { AddressInfo } from 'node:net'
import { newId } from '@keel/kernel'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startJobs, type Jobs } from '../../jobs/index.ts'
import { silentLogger, testEngines, waitFor, type TestDatabase } from '../../jobs/test-engines.ts'
import { listOutbox } from './list-outbox.ts'
import { queueMail, type QueueMailInput } from './queue-mail.ts'
import { registerMailJobs } from './register-mail-jobs.ts'

interface Received {
  readonly user: string | undefined
  readonly mailFrom: string | undefined
  readonly rcptTo: string[]
  readonly raw: string
}

/** A real SMTP server on a random local port that records what it accepts and can refuse on demand. */
async function startSmtp() {
  const received: Received[] = []
  const control = { refuse: 0 }
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    // Plain SMTP on loopback: with STARTTLS offered, nodemailer would upgrade to the server's self-signed certificate.
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'keel' && auth.password === 's3cret') callback(null, { user: auth.username })
      else callback(new Error('invalid credentials'))
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        if (control.refuse > 0) {
          control.refuse--
          callback(Object.assign(new Error('mailbox busy, try again later'), { responseCode: 451 }))
          return
        }
        received.push({
          user: typeof session.user === 'string' ? session.user : undefined,
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    received,
    control,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve()
        })
      }),
  }
}

describe.each(testEngines())('mail over SMTP on $name', (engine) => {
  let database: TestDatabase
  let jobs: Jobs
  let smtp: Awaited<ReturnType<typeof startSmtp>>
  const companyId = newId()

  beforeAll(async () => {
    ;[database, smtp] = await Promise.all([engine.open(), startSmtp()])
    jobs = await startJobs(database.handle, {
      logger: silentLogger,
      pollingIntervalSeconds: 0.5,
      stopTimeoutMs: 1000,
      retry: { limit: 1, delaySeconds: 0, backoff: false },
    })
    await registerMailJobs(jobs, database.handle.db, {
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, user: 'keel', password: 's3cret' },
      from: 'Keel <keel@example.test>',
    })
  })

  afterAll(async () => {
    await jobs.stop()
    await Promise.all([database.dispose(), smtp.close()])
  })

  const queue = (input: Omit<QueueMailInput, 'companyId'>) =>
    database.handle.db.transaction().execute((trx) => queueMail(trx, { companyId, ...input }))

  const message = async (id: string) =>
    database.handle.db
      .selectFrom('mail_message')
      .select(['status', 'attempts', 'last_error', 'sent_at'])
      .where('company_id', '=', companyId)
      .where('id', '=', id)
      .executeTakeFirstOrThrow()

  const settled = (id: string) => waitFor(async () => (await message(id)).status !== 'queued', 10_000, `mail ${id}`)

  it('delivers a queued message to the SMTP server and marks it sent', async () => {
    const before = smtp.received.length
    const id = await queue({
      to: 'bob@example.test',
      subject: 'Your report is ready',
      text: 'Hello Bob,\nyour report is ready.',
      html: '<p>Hello Bob, your <b>report</b> is ready.</p>',
    })
    expect((await message(id)).status).toBe('queued')
    await settled(id)

    expect(smtp.received).toHaveLength(before + 1)
    const mail = smtp.received.at(-1)
    expect(mail?.user).toBe('keel')
    expect(mail?.mailFrom).toBe('keel@example.test')
    expect(mail?.rcptTo).toEqual(['bob@example.test'])
    expect(mail?.raw).toMatch(/^To: bob@example\.test\r?$/m)
    expect(mail?.raw).toMatch(/^Subject: Your report is ready\r?$/m)
    expect(mail?.raw).toMatch(/^From: Keel <keel@example\.test>\r?$/m)
    expect(mail?.raw).toContain('Hello Bob,\r\nyour report is ready.')
    expect(mail?.raw).toContain('<p>Hello Bob, your <b>report</b> is ready.</p>')

    const row = await message(id)
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null })
    expect(row.sent_at).toBeInstanceOf(Date)
  })

  it('records a refused attempt and sends on the retry', async () => {
    smtp.control.refuse = 1
    const before = smtp.received.length
    const id = await queue({ to: 'carol@example.test', subject: 'Second try', text: 'Eventually.' })
    await settled(id)
    const row = await message(id)
    expect(row).toMatchObject({ status: 'sent', attempts: 2 })
    expect(row.last_error).toMatch(/451/)
    expect(smtp.received.slice(before).map((m) => m.rcptTo)).toEqual([['carol@example.test']])
  })

  it('marks a message failed when the last retry is refused too', async () => {
    smtp.control.refuse = 2
    const id = await queue({ to: 'dave@example.test', subject: 'Never', text: 'Refused twice.' })
    await settled(id)
    expect(await message(id)).toMatchObject({ status: 'failed', attempts: 2, sent_at: null })
    smtp.control.refuse = 0
  })

  it('sends nothing for a message whose transaction rolled back', async () => {
    const before = smtp.received.length
    await expect(
      database.handle.db.transaction().execute(async (trx) => {
        await queueMail(trx, { companyId, to: 'erin@example.test', subject: 'Rolled back', text: 'No.' })
        throw new Error('abort')
      }),
    ).rejects.toThrow('abort')
    const id = await queue({ to: 'frank@example.test', subject: 'Committed', text: 'Yes.' })
    await settled(id)
    expect(smtp.received.slice(before).flatMap((m) => m.rcptTo)).toEqual(['frank@example.test'])
    const page = await listOutbox(database.handle.db, companyId, { limit: 200 })
    expect(page.items.map((m) => m.to)).not.toContain('erin@example.test')
  })

  it('refuses a malformed address or a multi-line subject before writing anything', async () => {
    await expect(queue({ to: 'not an address', subject: 'x', text: 'x' })).rejects.toMatchObject({
      code: 'mail.invalid_address',
    })
    await expect(
      queue({ to: 'a@example.test', subject: 'x\r\nBcc: evil@example.test', text: 'x' }),
    ).rejects.toMatchObject({
      code: 'mail.invalid_subject',
    })
  })
})
