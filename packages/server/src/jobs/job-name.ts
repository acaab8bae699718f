/** `<module>.<verb>`, e.g. `mail.send`, `identity.purge-sessions`: the queue a job goes to. */
export type JobName = `${string}.${string}`

const JOB_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*\.[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/

export function assertJobName(name: string): asserts name is JobName {
  if (!JOB_NAME.test(name)) throw new Error(`job name "${name}" is not <module>.<verb> in kebab-case`)
}
