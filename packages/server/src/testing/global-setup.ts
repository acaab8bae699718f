import { prepareTemplateDatabase, testDatabaseUrl } from './test-db.ts'

/** Once per run: on PostgreSQL, migrate the template database every test copies. */
export default async function setup(): Promise<void> {
  const url = testDatabaseUrl()
  if (url) await prepareTemplateDatabase(url)
}
