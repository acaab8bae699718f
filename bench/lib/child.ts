import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

/** A server started in its own process, so it does not share a core's event loop with the load generator. */
export interface ServerChild<T> {
  /** What the child printed on its `READY {json}` line (at least the port). */
  readonly ready: T & { readonly port: number }
  readonly url: string
  stop(): Promise<void>
}

const live = new Set<ChildProcess>()
let exitHookInstalled = false

function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  // Last resort: whatever happens to the runner, no server outlives it.
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL')
  })
}

/**
 * Runs `node <script> ...args` and waits for it to print `READY {"port":…}` on stdout.
 * The child's stdin is a pipe it watches: when the runner dies, the pipe closes and the child exits.
 */
export async function startServerChild<T>(
  script: URL,
  args: readonly string[],
  options: { timeoutMs?: number } = {},
): Promise<ServerChild<T>> {
  installExitHook()
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the servers.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)
  const child = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', ...nodeArgs, script.pathname, ...args],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  )
  live.add(child)
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve()
    }),
  )
  void exited.then(() => live.delete(child))

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }

  const lines = createInterface({ input: child.stdout })
  const timeoutMs = options.timeoutMs ?? 120_000
  try {
    const ready = await new Promise<T & { port: number }>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`${script.pathname} did not report READY within ${String(timeoutMs)} ms`))
      }, timeoutMs)
      void exited.then(() => {
        reject(new Error(`${script.pathname} exited with code ${String(child.exitCode)} before it was ready`))
      })
      lines.on('line', (line) => {
        if (!line.startsWith('READY ')) {
          process.stderr.write(`  [server] ${line}\n`)
          return
        }
        clearTimeout(timer)
        resolve(JSON.parse(line.slice('READY '.length)) as T & { port: number })
      })
    })
    return { ready, url: `http://127.0.0.1:${String(ready.port)}`, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

/** For the child: exit when the runner goes away (its end of stdin closes). */
export function exitWithParent(cleanup: () => Promise<void>): void {
  let stopping = false
  const shutdown = () => {
    if (stopping) return
    stopping = true
    const timer = setTimeout(() => process.exit(1), 10_000)
    timer.unref()
    void cleanup()
      .catch((error: unknown) => process.stderr.write(`cleanup failed: ${String(error)}\n`))
      .finally(() => process.exit(0))
  }
  process.stdin.on('end', shutdown)
  process.stdin.on('error', shutdown)
  process.stdin.resume()
  process.once('SIGTERM', shutdown)
  process.once('SIGINT', shutdown)
}

/** For the child: tell the runner it is listening. */
export function reportReady(info: { port: number } & Record<string, unknown>): void {
  process.stdout.write(`READY ${JSON.stringify(info)}\n`)
}
