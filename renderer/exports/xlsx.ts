// XLSX export with exceljs: a sheet of incidents and a sheet of SLA results, typed cells
// (instants as real dates showing the customer's local time, numbers as numbers), headers in
// the user's language, the header row styled, frozen and filterable.
//
// Text cells are written as strings, never as formulas, so a value like "=HYPERLINK(...)"
// stays text without any prefix. exceljs is loaded on first use: it is large and most
// sessions never export.
import type { Locale } from '../../shared/model/entities';
import type { IncidentRow, ResponseTimeDistribution, SlaResults } from '../../shared/analytics/index';
import { reportT } from '../i18n/fixed';
import type { Workbook, Worksheet } from 'exceljs';
import { inChunks, throwIfAborted } from './chunked';
import type { ExportOptions } from './chunked';
import { incidentColumns, slaColumns, slaExportRows } from './columns';
import type { ExportColumn } from './columns';
import { wallClockDate } from './local-time';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface XlsxExportInput {
  incidents: readonly IncidentRow[];
  slaResults: SlaResults;
  responseTimes: readonly ResponseTimeDistribution[];
  /** The user's language (sheet names, headers, labels). */
  locale: Locale;
  /** The customer's zone: dates show its wall-clock time. */
  timeZone: string;
}

function addSheet<Row>(
  workbook: Workbook,
  name: string,
  columns: ReadonlyArray<ExportColumn<Row>>,
): Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    key: c.key,
    width: c.width,
    ...(c.numFmt === undefined ? {} : { style: { numFmt: c.numFmt } }),
  }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

function addRows<Row>(
  sheet: Worksheet,
  columns: ReadonlyArray<ExportColumn<Row>>,
  rows: readonly Row[],
  timeZone: string,
): void {
  for (const row of rows) {
    sheet.addRow(
      columns.map((c) => {
        const value = c.value(row);
        if (value === null) return null;
        return c.kind === 'instant' && typeof value === 'string' ? wallClockDate(value, timeZone) : value;
      }),
    );
  }
}

/**
 * The workbook as a Blob. Progress counts the rows of both sheets; writing the file follows
 * the last chunk.
 */
export async function exportXlsx(input: XlsxExportInput, options: ExportOptions = {}): Promise<Blob> {
  throwIfAborted(options.signal);
  const { default: ExcelJS } = await import('exceljs');
  const labels = reportT(input.locale);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'TAM Workstation';

  const incidentCols = incidentColumns(input.locale, input.timeZone);
  const slaCols = slaColumns(input.locale);
  const slaRows = slaExportRows(input.slaResults, input.responseTimes);
  const total = input.incidents.length + slaRows.length;

  const incidents = addSheet(workbook, labels('exports.incidentsSheet'), incidentCols);
  await inChunks(
    input.incidents,
    (chunk) => addRows(incidents, incidentCols, chunk, input.timeZone),
    options,
    { offset: 0, total },
  );
  const sla = addSheet(workbook, labels('exports.slaSheet'), slaCols);
  await inChunks(slaRows, (chunk) => addRows(sla, slaCols, chunk, input.timeZone), options, {
    offset: input.incidents.length,
    total,
  });

  const buffer = await workbook.xlsx.writeBuffer();
  throwIfAborted(options.signal);
  return new Blob([buffer as ArrayBuffer], { type: XLSX_MIME });
}

/** One sheet of any rows with its columns (exportSheetsXlsx). */
export interface SheetSpec<Row> {
  name: string;
  columns: ReadonlyArray<ExportColumn<Row>>;
  rows: readonly Row[];
}

/**
 * Any sheets as one workbook: each with the header row styled, frozen and filterable, typed
 * cells, in chunks (progress over all rows, cancel).
 */
export async function exportSheetsXlsx(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of each sheet are its own type
  sheets: ReadonlyArray<SheetSpec<any>>,
  timeZone: string,
  options: ExportOptions = {},
): Promise<Blob> {
  throwIfAborted(options.signal);
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'TAM Workstation';
  const total = sheets.reduce((n, s) => n + s.rows.length, 0);
  let offset = 0;
  for (const spec of sheets) {
    const sheet = addSheet(workbook, spec.name, spec.columns);
    await inChunks(spec.rows, (chunk) => addRows(sheet, spec.columns, chunk, timeZone), options, {
      offset,
      total,
    });
    offset += spec.rows.length;
  }
  const buffer = await workbook.xlsx.writeBuffer();
  throwIfAborted(options.signal);
  return new Blob([buffer as ArrayBuffer], { type: XLSX_MIME });
}
