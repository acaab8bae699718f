/** A results table: the same rows print to the terminal and go into docs/benchmarks.md. */
export interface Table {
  readonly columns: readonly { readonly title: string; readonly align?: 'left' | 'right' }[]
  readonly rows: readonly (readonly string[])[]
}

/** Fixed-width text for the terminal. */
export function formatText(table: Table): string {
  const widths = table.columns.map((c, i) => Math.max(c.title.length, ...table.rows.map((r) => (r[i] ?? '').length)))
  const cell = (value: string, i: number) => {
    const width = widths[i] ?? 0
    return table.columns[i]?.align === 'left' ? value.padEnd(width) : value.padStart(width)
  }
  const line = (values: readonly string[]) => values.map(cell).join('  ').trimEnd()
  return [
    line(table.columns.map((c) => c.title)),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...table.rows.map(line),
  ].join('\n')
}

/** A GitHub-flavoured Markdown table. */
export function formatMarkdown(table: Table): string {
  const escape = (value: string) => value.replace(/\|/g, '\\|')
  const header = `| ${table.columns.map((c) => escape(c.title)).join(' | ')} |`
  const rule = `|${table.columns.map((c) => (c.align === 'left' ? ' --- ' : ' ---: ')).join('|')}|`
  return [header, rule, ...table.rows.map((r) => `| ${r.map(escape).join(' | ')} |`)].join('\n')
}

export const fmtMs = (ms: number): string => (Number.isFinite(ms) ? (ms < 10 ? ms.toFixed(2) : ms.toFixed(1)) : '–')
export const fmtRate = (perSecond: number): string =>
  Number.isFinite(perSecond) ? Math.round(perSecond).toLocaleString('en-US') : '–'
export const fmtRatio = (ratio: number): string =>
  Number.isFinite(ratio) ? `${ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(1)}×` : '–'
