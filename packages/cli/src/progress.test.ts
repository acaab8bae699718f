import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { startProgress } from './progress.ts'

function aStream(tty: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY: tty })
  const chunks: string[] = []
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')))
  return { stream, text: () => chunks.join('') }
}

describe('progress on stderr', () => {
  it('redraws a bar in place on a terminal', async () => {
    let now = 0
    const { stream, text } = aStream(true)
    const progress = startProgress(stream, 'backup', { total: 200, now: () => now })
    now += 150
    progress.advance(50)
    now += 150
    progress.advance(150)
    progress.finish('done')
    await new Promise((resolve) => setImmediate(resolve))
    expect(text()).toContain('\rbackup [......')
    expect(text()).toContain('\rbackup [######..................]  25% 50/200 rows')
    expect(text().endsWith(`\rbackup [${'#'.repeat(24)}] 100% 200/200 rows\u001b[K\ndone\n`)).toBe(true)
  })

  it('writes plain lines every few seconds, and a last one, when not a terminal', async () => {
    let now = 0
    const { stream, text } = aStream(false)
    const progress = startProgress(stream, 'restore', { total: 10, now: () => now })
    progress.advance(2)
    now += 2500
    progress.advance(3)
    progress.advance(5)
    progress.finish()
    await new Promise((resolve) => setImmediate(resolve))
    expect(text()).toBe('restore: 5/10 rows (50%)\nrestore: 10/10 rows (100%)\n')
    expect(text()).not.toContain('\r')
  })
})
