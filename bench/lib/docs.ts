import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import prettier from 'prettier'

const start = (id: string) => `<!-- bench:${id}:start -->`
const end = (id: string) => `<!-- bench:${id}:end -->`

/**
 * Writes `intro` and replaces the section of benchmark `id` between its markers,
 * keeping the sections of benchmarks that did not run this time.
 */
export async function updateDocs(file: URL, intro: string, id: string, section: string): Promise<void> {
  const current = existsSync(file) ? await readFile(file, 'utf8') : ''
  const sections = new Map<string, string>()
  for (const match of current.matchAll(/<!-- bench:([a-z0-9-]+):start -->\n([\s\S]*?)\n<!-- bench:\1:end -->/g)) {
    const [, key, body] = match
    if (key !== undefined && body !== undefined) sections.set(key, body)
  }
  sections.set(id, section.trim())
  const body = [...sections].map(([key, text]) => `${start(key)}\n${text}\n${end(key)}`).join('\n\n')
  // Formatted as `npm run format:check` expects, so a run leaves a clean tree.
  const options = (await prettier.resolveConfig(fileURLToPath(file))) ?? {}
  const text = await prettier.format(`${intro.trim()}\n\n${body}\n`, { ...options, filepath: fileURLToPath(file) })
  await writeFile(file, text)
}
