import { parseArgs } from 'node:util'
import { DomainError } from '@keel/kernel'
import {
  CliFailure,
  createContext,
  EXIT_FAILED,
  EXIT_OK,
  EXIT_USAGE,
  UsageError,
  type Command,
  type Io,
  type OptionValues,
} from './command.ts'
import { auditVerify } from './commands/audit-verify.ts'
import { companyCreate } from './commands/company-create.ts'
import { dbBackup } from './commands/db-backup.ts'
import { dbMigrate } from './commands/db-migrate.ts'
import { dbRestore } from './commands/db-restore.ts'
import { demoSeed } from './commands/demo-seed.ts'
import { orgImport } from './commands/org-import.ts'
import { personExport } from './commands/person-export.ts'
import { serverStart } from './commands/server-start.ts'
import { userCreate } from './commands/user-create.ts'
import { userDeactivate } from './commands/user-deactivate.ts'
import { userResetPassword } from './commands/user-reset-password.ts'

export type { Io } from './command.ts'

/** Every `keel` command, in the order `keel --help` lists them. */
export const COMMANDS: readonly Command[] = [
  serverStart,
  dbMigrate,
  demoSeed,
  companyCreate,
  userCreate,
  userResetPassword,
  userDeactivate,
  orgImport,
  personExport,
  auditVerify,
  dbBackup,
  dbRestore,
]

const GLOBAL_HELP = () => {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  return `Usage: keel <command> [options]

Keel's command line: runs Keel and administers an installation by calling
its modules directly (no HTTP). The database is chosen as the server chooses
it: DATABASE_URL (PostgreSQL) when set, else embedded PGlite in KEEL_DATA_DIR
(default ./data).

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run \`keel <command> --help\` for a command's options.

Exit status: 0 done; 1 failed (a failed check, a refused change, an error);
2 bad usage.`
}

/** The command named by the leading words of argv: the longest name that matches. */
function findCommand(argv: readonly string[]): { command: Command; rest: string[] } | undefined {
  let best: Command | undefined
  for (const command of COMMANDS) {
    const words = command.name.split(' ')
    if (words.every((w, i) => argv[i] === w) && (!best || words.length > best.name.split(' ').length)) best = command
  }
  return best ? { command: best, rest: argv.slice(best.name.split(' ').length) } : undefined
}

const isParseArgsError = (error: unknown): error is Error & { code: string } =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS')

/**
 * Runs one `keel` invocation against the given streams and environment and
 * returns its exit code. Never calls `process.exit`: tests run it in-process.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const ctx = createContext(io)
  const first = argv[0]
  if (first === undefined) {
    ctx.err(GLOBAL_HELP())
    return EXIT_USAGE
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? findCommand(argv.slice(1)) : undefined
    ctx.out(topic ? `${topic.command.help}\n  -h, --help          show this help` : GLOBAL_HELP())
    return EXIT_OK
  }
  const found = findCommand(argv)
  if (!found) {
    // `keel user` or `keel user --help`: the commands of that domain.
    const group = COMMANDS.filter((c) => c.name.split(' ')[0] === first && c.name.includes(' '))
    if (group.length > 0) {
      const asked = argv[1] === '--help' || argv[1] === '-h'
      const list = `Usage: keel ${first} <command> [options]\n\nCommands:\n${group.map((c) => `  keel ${c.name.padEnd(24)} ${c.summary}`).join('\n')}`
      if (asked) ctx.out(list)
      else
        ctx.err(
          `keel: ${argv[1] === undefined ? `"${first}" needs a command` : `unknown command "${first} ${argv[1]}"`}\n\n${list}`,
        )
      return asked ? EXIT_OK : EXIT_USAGE
    }
    ctx.err(`keel: unknown command "${first}"\nRun \`keel --help\` for the list of commands.`)
    return EXIT_USAGE
  }
  const { command, rest } = found
  const prefix = `keel ${command.name}`
  try {
    const parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    })
    const values = parsed.values as OptionValues
    if (values.help === true) {
      ctx.out(`${command.help}\n  -h, --help          show this help`)
      return EXIT_OK
    }
    return await command.run(ctx, values, parsed.positionals)
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      ctx.err(`${prefix}: ${error.message}\nRun \`${prefix} --help\` for usage.`)
      return EXIT_USAGE
    }
    if (error instanceof CliFailure) {
      ctx.err(`${prefix}: ${error.message}`)
      return EXIT_FAILED
    }
    if (error instanceof DomainError) {
      const fields = error.fieldErrors
        .filter((f) => f.message !== error.message)
        .map((f) => `\n  ${f.path}: ${f.message}`)
        .join('')
      ctx.err(`${prefix}: ${error.message} [${error.code}]${fields}`)
      return EXIT_FAILED
    }
    const message = error instanceof Error ? error.message : String(error)
    ctx.err(`${prefix}: ${message}`)
    if (io.env.KEEL_DEBUG && error instanceof Error && error.stack) ctx.err(error.stack)
    return EXIT_FAILED
  }
}

if (import.meta.main) {
  process.exitCode = await run(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
  })
}
