import { mkdir, open, readFile, unlink } from 'node:fs/promises'
import path from 'node:path'

const LOCK_FILE = 'keel.lock'

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * PGlite is one Postgres inside one process: two processes opening the same
 * data directory (a running `keel start` and a `keel backup`, say) would
 * corrupt it. The first takes `keel.lock` with its pid; others are refused
 * while that process lives. A lock left by a killed process is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true })
  const file = path.join(dataDir, LOCK_FILE)
  for (let attempt = 1; ; attempt++) {
    try {
      const handle = await open(file, 'wx')
      await handle.writeFile(String(process.pid))
      await handle.close()
      return async () => {
        await unlink(file).catch(() => undefined)
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 1) throw error
      const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim())
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        throw new Error(
          `the data directory ${dataDir} is in use by another Keel process (pid ${String(holder)}); stop it first`,
          { cause: error },
        )
      }
      await unlink(file).catch(() => undefined)
    }
  }
}
