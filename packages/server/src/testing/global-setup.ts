import type { TestProject } from 'vitest/node'
import { preparePgliteTemplateFile, prepareTemplateDatabase, testDatabaseUrl } from './test-db.ts'

/**
 * Once per run, the database every test copies: on PostgreSQL a migrated
 * template database, on PGlite a dumped data directory in a temporary file.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const url = testDatabaseUrl()
  if (url) {
    await prepareTemplateDatabase(url)
    project.provide('pgliteTemplatePath', undefined)
    return undefined
  }
  const template = await preparePgliteTemplateFile()
  project.provide('pgliteTemplatePath', template.path)
  return template.remove
}
