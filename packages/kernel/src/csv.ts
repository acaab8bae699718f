// CSV as spreadsheets write it (RFC 4180): comma or semicolon separated,
// quoted fields with doubled quotes, CRLF or LF, an optional UTF-8 BOM.

/** Rows of fields. The separator is the one the header line uses most: ',' or ';'. */
export function parseCsv(text: string): string[][] {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text
  const firstLine = input.slice(0, input.search(/\r?\n|$/))
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < input.length; i++) {
    const char = input.charAt(i)
    if (quoted) {
      if (char === '"') {
        if (input[i + 1] === '"') {
          field += '"'
          i++
        } else quoted = false
      } else field += char
      continue
    }
    if (char === '"' && field === '') quoted = true
    else if (char === separator) {
      row.push(field)
      field = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += char
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''))
}

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is
 * prefixed with a quote: exported data must never execute in the reader's Excel.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

const quote = (value: string) => (/[",;\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)

/** Rows to CSV text (CRLF, a BOM so Excel reads UTF-8), every cell formula-neutralised. */
export function toCsv(rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return `\uFEFF${rows.map((row) => row.map((cell) => quote(neutralizeFormula(cell === null || cell === undefined ? '' : String(cell)))).join(',')).join('\r\n')}\r\n`
}
