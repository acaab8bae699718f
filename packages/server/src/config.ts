import path from 'node:path'

/** Keel's configuration, parsed once from the environment at start. */
export interface Config {
  readonly port: number
  readonly host: string
  /** Set: PostgreSQL. Unset: PGlite in `dataDir`. */
  readonly databaseUrl: string | undefined
  readonly dataDir: string
  /** The address users reach Keel at: links in e-mails, the cookie's `Secure` flag. */
  readonly publicUrl: string
  readonly sessionIdleTimeoutMs: number
  readonly sessionAbsoluteTimeoutMs: number
  readonly loginMaxFailures: number
  readonly loginLockoutMs: number
  /** Encrypts TOTP secrets at rest. Derived from the data directory's key file when unset. */
  readonly secretKey: string | undefined
  readonly trustProxy: boolean
  readonly smtp: SmtpConfig | undefined
  readonly mailFrom: string
  readonly logLevel: string
  readonly seedDemo: boolean
  readonly runJobs: boolean
  /** The largest employee document accepted, in bytes (KEEL_DOCUMENT_MAX_BYTES; 10 MB). */
  readonly documentMaxBytes: number
}

export interface SmtpConfig {
  readonly host: string
  readonly port: number
  readonly secure: boolean
  readonly user: string | undefined
  readonly password: string | undefined
}

const minutes = (n: number) => n * 60_000

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`)
  return value
}

const boolFrom = (env: NodeJS.ProcessEnv, name: string, fallback: boolean) =>
  env[name] === undefined || env[name] === ''
    ? fallback
    : ['1', 'true', 'yes'].includes((env[name] ?? '').toLowerCase())

/** Reads the environment once; throws a readable error on a malformed value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intFrom(env, 'PORT', 3000)
  const smtpHost = env.SMTP_HOST
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL === '' ? undefined : env.DATABASE_URL,
    dataDir: path.resolve(env.KEEL_DATA_DIR ?? 'data'),
    publicUrl: (env.KEEL_PUBLIC_URL ?? `http://localhost:${String(port)}`).replace(/\/$/, ''),
    sessionIdleTimeoutMs: minutes(intFrom(env, 'SESSION_IDLE_MINUTES', 30)),
    sessionAbsoluteTimeoutMs: minutes(intFrom(env, 'SESSION_ABSOLUTE_HOURS', 12) * 60),
    loginMaxFailures: intFrom(env, 'LOGIN_MAX_FAILURES', 5),
    loginLockoutMs: minutes(intFrom(env, 'LOGIN_LOCKOUT_MINUTES', 15)),
    secretKey: env.KEEL_SECRET_KEY === '' ? undefined : env.KEEL_SECRET_KEY,
    trustProxy: boolFrom(env, 'TRUST_PROXY', false),
    smtp: smtpHost
      ? {
          host: smtpHost,
          port: intFrom(env, 'SMTP_PORT', 587),
          secure: boolFrom(env, 'SMTP_SECURE', false),
          user: env.SMTP_USER,
          password: env.SMTP_PASSWORD,
        }
      : undefined,
    mailFrom: env.MAIL_FROM ?? 'Keel <keel@localhost>',
    logLevel: env.LOG_LEVEL ?? 'info',
    seedDemo: boolFrom(env, 'KEEL_SEED_DEMO', true),
    runJobs: boolFrom(env, 'KEEL_RUN_JOBS', true),
    documentMaxBytes: intFrom(env, 'KEEL_DOCUMENT_MAX_BYTES', 10 * 1024 * 1024),
  }
}
