// Things the runner must undo however it ends (servers, scratch databases):
// each benchmark registers them, and Ctrl-C or SIGTERM runs them before exiting.
const pending = new Set<() => Promise<void>>()
let installed = false

function install(): void {
  if (installed) return
  installed = true
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping servers and dropping scratch databases…\n`)
      const timer = setTimeout(() => process.exit(130), 20_000)
      timer.unref()
      void runCleanups().finally(() => process.exit(130))
    })
  }
}

/** Registers an undo step; call the returned function to run it now (and only once). */
export function deferCleanup(step: () => Promise<void>): () => Promise<void> {
  install()
  let done = false
  const once = async () => {
    if (done) return
    done = true
    pending.delete(once)
    await step()
  }
  pending.add(once)
  return once
}

/** Runs every registered step, newest first, ignoring (but reporting) failures. */
export async function runCleanups(): Promise<void> {
  for (const step of [...pending].reverse()) {
    await step().catch((error: unknown) => process.stderr.write(`cleanup failed: ${String(error)}\n`))
  }
}
