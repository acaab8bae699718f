import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { inflateRawSync } from 'node:zlib'
import { readSpreadsheetRows, SpreadsheetError, xlsxStream, type SheetCell } from './xlsx.ts'

/** A one-sheet workbook written by the streaming writer, collected in memory. */
async function xlsxBuffer(sheetName: string, header: readonly string[], rows: readonly (readonly SheetCell[])[]) {
  const pages = (async function* () {
    yield rows
  })()
  const chunks: Buffer[] = []
  for await (const chunk of xlsxStream(sheetName, header, pages)) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** The raw XML of the first worksheet in an XLSX file (a ZIP; local headers, deflated). */
function sheetXml(file: Buffer): string {
  let offset = 0
  while (offset < file.length - 30 && file.readUInt32LE(offset) === 0x04034b50) {
    const method = file.readUInt16LE(offset + 8)
    let size = file.readUInt32LE(offset + 18)
    const nameLength = file.readUInt16LE(offset + 26)
    const extraLength = file.readUInt16LE(offset + 28)
    const name = file.subarray(offset + 30, offset + 30 + nameLength).toString()
    const start = offset + 30 + nameLength + extraLength
    const flags = file.readUInt16LE(offset + 6)
    if (flags & 0x08 && size === 0) {
      // Streamed entries put their size after the data: find the next header.
      const next = file.indexOf(Buffer.from([0x50, 0x4b, 0x07, 0x08]), start)
      size = next - start
      const data = file.subarray(start, start + size)
      if (name === 'xl/worksheets/sheet1.xml') return (method === 8 ? inflateRawSync(data) : data).toString()
      offset = next + 16
      continue
    }
    const data = file.subarray(start, start + size)
    if (name === 'xl/worksheets/sheet1.xml') return (method === 8 ? inflateRawSync(data) : data).toString()
    offset = start + size
  }
  throw new Error('no sheet1.xml')
}

describe('XLSX', () => {
  it('writes text that looks like a formula as a string cell, never as a formula', async () => {
    const file = await xlsxBuffer('People', ['name', 'headcount'], [['=HYPERLINK("http://evil","x")', 3]])
    const xml = sheetXml(file)
    expect(xml).not.toContain('<f>')
    expect(xml).toMatch(/<c r="A2" t="s">/)
    expect(await readSpreadsheetRows(file)).toEqual([
      ['name', 'headcount'],
      ['=HYPERLINK("http://evil","x")', '3'],
    ])
  })

  it('reads what spreadsheets write: dates as yyyy-mm-dd, numbers, rich text, formula results, gaps kept as empty rows', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Employees')
    sheet.getCell('A1').value = 'legal_name'
    sheet.getCell('B1').value = 'hire_date'
    sheet.getCell('C1').value = 'employee_number'
    sheet.getCell('A2').value = { richText: [{ text: 'Ada ' }, { text: 'Lovelace', font: { bold: true } }] }
    sheet.getCell('B2').value = new Date(Date.UTC(2026, 2, 1))
    sheet.getCell('C2').value = 1001
    sheet.getCell('A4').value = 'Grace Hopper'
    sheet.getCell('C4').value = { formula: 'C2+1', result: 1002 }
    const file = Buffer.from(await workbook.xlsx.writeBuffer())
    expect(await readSpreadsheetRows(file)).toEqual([
      ['legal_name', 'hire_date', 'employee_number'],
      ['Ada Lovelace', '2026-03-01', '1001'],
      [],
      ['Grace Hopper', '', '1002'],
    ])
  })

  it('refuses a file that is not a workbook with a message for the sender', async () => {
    await expect(readSpreadsheetRows(Buffer.from('name,team\nAda,Core\n'))).rejects.toThrow(SpreadsheetError)
    await expect(readSpreadsheetRows(Buffer.from('PK\u0003\u0004 broken'))).rejects.toThrow(/could not be read/)
  })
})
