import { deferCleanup } from './cleanup.ts'
import { startServerChild } from './child.ts'
import { scratchDatabase, type Engine, type EngineOptions } from './engines.ts'

export interface RunningServer<F> {
  readonly url: string
  readonly fixture: F
  readonly description: string
  stop(): Promise<void>
}

/**
 * Keel in a child process on a fresh database of `engine`, migrated, seeded by
 * the `seed` export of `seedModule` (run inside the server process, which owns
 * the database — PGlite has a single connection). `via: 'socket'` connects to
 * PostgreSQL through its Unix socket; null when there is none on this host.
 */
export async function startKeel<F>(
  engine: Engine,
  seedModule: URL,
  options: EngineOptions,
  via: 'tcp' | 'socket' = 'tcp',
): Promise<RunningServer<F> | null> {
  const database = await scratchDatabase(engine, options)
  const drop = deferCleanup(() => database.drop())
  const serverArgs = via === 'socket' ? database.socketServerArgs : database.serverArgs
  if (!serverArgs) {
    await drop()
    return null
  }
  try {
    const child = await startServerChild<{ fixture: F }>(new URL('../serve-keel.ts', import.meta.url), [
      ...serverArgs,
      '--seed',
      seedModule.href,
    ])
    const stopChild = deferCleanup(() => child.stop())
    return {
      url: child.url,
      fixture: child.ready.fixture,
      description: via === 'socket' ? `${database.description}, through its Unix socket` : database.description,
      async stop() {
        await stopChild()
        await drop()
      },
    }
  } catch (error) {
    await drop()
    throw error
  }
}

/** Bare Fastify in a child process: the same-run baseline. */
export async function startBare(): Promise<RunningServer<{ path: string }>> {
  const child = await startServerChild<{ path: string }>(new URL('../serve-bare.ts', import.meta.url), [])
  const stop = deferCleanup(() => child.stop())
  return {
    url: child.url,
    fixture: { path: child.ready.path },
    description: 'bare Fastify, one JSON record from memory',
    stop,
  }
}
