import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { connectPglite } from './connect.ts'

// The embedded mode's promise (docs/operations.md): every transaction that
// committed before the process was killed is there when Keel starts again.
const WRITER = `
import { connectPglite } from ${JSON.stringify(new URL('./connect.ts', import.meta.url).href)}
const handle = await connectPglite(process.argv[1])
await handle.executeSql('create table if not exists durable (n int primary key)')
for (let n = 1; ; n++) {
  await handle.executeSql('insert into durable values ($1)', [n])
  process.stdout.write(n + '\\n')
}
`

let dataDir: string | undefined
afterEach(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('embedded PGlite durability', () => {
  it('lets only one process at a time open a data directory', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'keel-locked-'))
    const first = await connectPglite(dataDir)
    await expect(connectPglite(dataDir)).rejects.toThrow(/in use by another Keel process/)
    await first.close()
    const second = await connectPglite(dataDir)
    await second.close()
  }, 60_000)

  it('takes over the lock of a process that was killed', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'keel-stale-'))
    // A pid far above any the kernel hands out: that process cannot be alive.
    await writeFile(path.join(dataDir, 'keel.lock'), '2147483646')
    const handle = await connectPglite(dataDir)
    await handle.close()
  }, 60_000)

  it('keeps every commit acknowledged before a kill -9', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'keel-durable-'))
    const child = spawn(process.execPath, ['--input-type=module', '-e', WRITER, dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let acknowledged = 0
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const lines = chunk.toString().trim().split('\n')
        acknowledged = Number(lines.at(-1))
        if (acknowledged >= 200) {
          child.kill('SIGKILL')
          resolve()
        }
      })
      child.on('exit', (code) => {
        if (acknowledged < 200) reject(new Error(`writer exited early with ${String(code)}`))
      })
    })
    await new Promise((resolve) => child.once('close', resolve))
    const reopened = await connectPglite(dataDir)
    const { rows } = await reopened.executeSql('select count(*)::int as n, max(n) as top from durable')
    await reopened.close()
    const [row] = rows as { n: number; top: number }[]
    expect(row?.n).toBeGreaterThanOrEqual(acknowledged)
    expect(row?.n).toBe(row?.top)
  }, 60_000)
})
