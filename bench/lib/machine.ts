import os from 'node:os'

/** The facts a reader needs to compare two runs. */
export function describeMachine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU'
  const memGiB = Math.round(os.totalmem() / 2 ** 30)
  return `${String(os.availableParallelism())} CPUs (${cpu}), ${String(memGiB)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`
}
