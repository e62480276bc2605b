// Files of the account import and export: CSV (UTF-8 or Shift_JIS, see decodeTextFile) and
// XLSX (every sheet a table; exceljs loaded on first use) in, CSV (UTF-8 with BOM, formula
// guard) and XLSX (text cells) out.
import Papa from 'papaparse';
import type { CellValue } from 'exceljs';
import { decodeTextFile, parseCsv } from '../../../shared/accounts/import';
import type { TableKind, TextEncodingName } from '../../../shared/accounts/import';
import { neutraliseFormula } from '../../exports/csv';
import { XLSX_MIME } from '../../exports/xlsx';

export interface ReadFile {
  name: string;
  /** The tables of the file: one for a CSV, one per sheet of a workbook. */
  tables: string[][][];
  encoding: TextEncodingName | 'xlsx';
}

const isXlsx = (name: string, bytes: Uint8Array) =>
  /\.xlsx$/i.test(name) || (bytes[0] === 0x50 && bytes[1] === 0x4b);

/** A cell of a sheet as the text the import reads (dates as YYYY-MM-DD). */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as CellValue);
    if ('error' in value) return '';
  }
  return String(value);
}

export async function readImportFile(file: File): Promise<ReadFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (isXlsx(file.name, bytes)) {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
    const tables: string[][][] = [];
    workbook.eachSheet((sheet) => {
      const rows: string[][] = [];
      sheet.eachRow({ includeEmpty: true }, (row) => {
        const values = row.values as CellValue[];
        rows.push(values.slice(1).map(cellText));
      });
      if (rows.length > 0) tables.push(rows);
    });
    return { name: file.name, tables, encoding: 'xlsx' };
  }
  const { text, encoding } = decodeTextFile(bytes);
  return { name: file.name, tables: [parseCsv(text)], encoding };
}

export function csvBlob(table: readonly (readonly string[])[]): Blob {
  const text = Papa.unparse(
    table.map((row) => row.map(neutraliseFormula)),
    { newline: '\r\n', quotes: false, escapeFormulae: false, header: false },
  );
  return new Blob(['\uFEFF', text, '\r\n'], { type: 'text/csv;charset=utf-8' });
}

export async function xlsxBlob(
  tables: Record<TableKind, string[][]>,
  sheetNames: Record<TableKind, string>,
): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  for (const kind of ['customers', 'contacts', 'products'] as const) {
    const sheet = workbook.addWorksheet(sheetNames[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
    for (const row of tables[kind]) sheet.addRow(row);
    sheet.getRow(1).font = { bold: true };
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: XLSX_MIME });
}
