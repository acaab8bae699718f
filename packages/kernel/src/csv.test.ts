import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { neutralizeFormula, parseCsv, toCsv } from './csv.ts'

describe('CSV', () => {
  it('reads quoted fields, doubled quotes, line breaks inside quotes, CRLF and a BOM', () => {
    expect(parseCsv('\uFEFFname,note\r\n"Lovelace, Ada","said ""hi""\nthen left"\r\nBabbage,\r\n')).toEqual([
      ['name', 'note'],
      ['Lovelace, Ada', 'said "hi"\nthen left'],
      ['Babbage', ''],
    ])
  })

  it('reads semicolon-separated files as European spreadsheets save them', () => {
    expect(parseCsv('name;amount\nAda;1,50\n')).toEqual([
      ['name', 'amount'],
      ['Ada', '1,50'],
    ])
  })

  it('never exports a cell a spreadsheet would run', () => {
    expect(neutralizeFormula('=HYPERLINK("http://evil")')).toBe(`'=HYPERLINK("http://evil")`)
    expect(neutralizeFormula('+49 30 1234')).toBe(`'+49 30 1234`)
    expect(neutralizeFormula('Ada')).toBe('Ada')
    expect(toCsv([['=1+1', '@cmd']])).toBe(`\uFEFF'=1+1,'@cmd\r\n`)
  })

  it('reads back what it writes, for any text that does not start like a formula', () => {
    const cell = fc.string({ maxLength: 20 }).filter((s) => !/^[=+\-@\t\r]/.test(s) && s.trim() !== '')
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const width = rows[0]?.length ?? 2
        const table = [
          Array.from({ length: width }, (_, i) => `h${String(i)}`),
          ...rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? 'x')),
        ]
        expect(parseCsv(toCsv(table))).toEqual(table)
      }),
    )
  })
})
