// XLSX (Office Open XML spreadsheets) in and out, by exceljs.
//
// Formula injection: every value is written as a typed cell — text as a
// string cell, numbers as numbers — and never as a formula, so `=HYPERLINK(…)`
// in someone's name stays the text it is in whichever spreadsheet opens it.
// (CSV has no cell types, hence `neutralizeFormula` there.)
import ExcelJS from 'exceljs'
import { PassThrough, type Readable } from 'node:stream'

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export type SheetCell = string | number | boolean | null | undefined

/** A file that is not a readable XLSX workbook, with a message fit for the person who sent it. */
export class SpreadsheetError extends Error {}

/** Does it start like a ZIP archive, as every XLSX file does? */
export const looksLikeXlsx = (bytes: Uint8Array): boolean =>
  bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04

/** A calendar date as the import reads dates: yyyy-mm-dd (Excel date cells hold UTC midnight). */
const isoDate = (date: Date) => date.toISOString().slice(0, 10)

function textOf(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date) return isoDate(value)
  if ('richText' in value) return value.richText.map((part) => part.text).join('')
  if ('error' in value) return ''
  if ('formula' in value || 'sharedFormula' in value) {
    // A formula counts by the value the spreadsheet last computed; it is never run here.
    const result = (value as { result?: unknown }).result
    if (result instanceof Date) return isoDate(result)
    return typeof result === 'string' || typeof result === 'number' || typeof result === 'boolean' ? String(result) : ''
  }
  if ('text' in value) return typeof value.text === 'string' ? value.text : textOf(value.text)
  return ''
}

/**
 * The first worksheet's rows as text, the way a CSV of it would read: row n
 * of the sheet is element n - 1 (empty rows stay, as empty arrays, so line
 * numbers in problems match what the person sees); dates as yyyy-mm-dd.
 */
export async function readSpreadsheetRows(bytes: Uint8Array): Promise<string[][]> {
  if (!looksLikeXlsx(bytes)) throw new SpreadsheetError('This is not an XLSX file (a spreadsheet saved as .xlsx).')
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    throw new SpreadsheetError('The XLSX file could not be read: save it again from the spreadsheet and retry.')
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw new SpreadsheetError('The XLSX file has no worksheet.')
  const rows: string[][] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    while (rows.length < rowNumber - 1) rows.push([])
    const fields: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      fields[column - 1] = textOf(cell.value)
    })
    // Cells never written leave holes in the array: they read as empty text.
    rows.push(Array.from({ length: fields.length }, (_, index) => fields[index] ?? ''))
  })
  return rows
}

/**
 * A one-sheet workbook streamed as it is written: a frozen, bold header row,
 * then each page of rows as it arrives, so a large export never sits in
 * memory. Start it inside the request (its async context carries the
 * company binding into every page fetched).
 */
export function xlsxStream(
  sheetName: string,
  header: readonly string[],
  pages: AsyncIterable<readonly (readonly SheetCell[])[]>,
): Readable {
  const out = new PassThrough()
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true })
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = header.map((name) => ({ header: name, key: name, width: Math.max(12, name.length + 2) }))
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).commit()
  const write = async () => {
    for await (const page of pages)
      for (const row of page) sheet.addRow(row.map((cell) => (cell === undefined ? null : cell))).commit()
    sheet.commit()
    await workbook.commit()
  }
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))))
  return out
}
