// CSV exports built with papaparse, for Excel and other spreadsheet tools.
//
// - UTF-8 with a byte-order mark: without it Excel reads the file in the system code page and
//   Japanese text comes out garbled.
// - CRLF line ends (RFC 4180); headers in the user's language; instants as the customer's
//   local date-time ('YYYY-MM-DD HH:mm:ss', the zone named in the header).
// - Formula injection: a text cell that starts with = + - @, a tab or a carriage return would
//   be run as a formula by a spreadsheet (=HYPERLINK(...), +cmd|..., -1+1, @SUM(...)). Such a
//   cell is written with a leading single quote (OWASP's advice), which makes it plain text.
//   The quote stays visible in the cell: that is the price of safety. Number cells are never
//   prefixed (a number is not a formula, and -5 must stay a number). papaparse's own
//   `escapeFormulae` is not used: its pattern misses a formula cell that contains a line break.
import Papa from 'papaparse';
import type { Locale } from '../../shared/model/entities';
import type { IncidentRow, ResponseTimeDistribution, SlaResults } from '../../shared/analytics/index';
import { inChunks } from './chunked';
import type { ExportOptions } from './chunked';
import { incidentColumns, slaColumns, slaExportRows } from './columns';
import type { ExportColumn } from './columns';
import { wallClockText } from './local-time';

export const CSV_MIME = 'text/csv;charset=utf-8';
const BOM = '\uFEFF';
const NEWLINE = '\r\n';
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/** The cell as plain text for a spreadsheet: a leading single quote when it could start a formula. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.has(value.charAt(0)) ? `'${value}` : value;
}

function cell<Row>(column: ExportColumn<Row>, row: Row, timeZone: string): string | number {
  const value = column.value(row);
  if (value === null) return '';
  if (typeof value === 'number') return value;
  if (column.kind === 'instant') return wallClockText(value, timeZone);
  return neutraliseFormula(value);
}

const unparse = (rows: Array<Array<string | number>>): string =>
  Papa.unparse(rows, { newline: NEWLINE, quotes: false, escapeFormulae: false, header: false });

/**
 * Any rows as a CSV file: header line, then the rows in chunks (progress, cancel).
 * @returns a Blob of type text/csv, UTF-8 with BOM.
 */
export async function exportCsv<Row>(
  columns: ReadonlyArray<ExportColumn<Row>>,
  rows: readonly Row[],
  timeZone: string,
  options: ExportOptions = {},
): Promise<Blob> {
  const parts: string[] = [BOM, unparse([columns.map((c) => neutraliseFormula(c.header))]), NEWLINE];
  await inChunks(
    rows,
    (chunk) => {
      parts.push(unparse(chunk.map((row) => columns.map((c) => cell(c, row, timeZone)))), NEWLINE);
    },
    options,
  );
  return new Blob(parts, { type: CSV_MIME });
}

export interface IncidentExportInput {
  incidents: readonly IncidentRow[];
  /** The user's language (headers and labels). */
  locale: Locale;
  /** The customer's zone (instants). */
  timeZone: string;
}

export function exportIncidentsCsv(input: IncidentExportInput, options?: ExportOptions): Promise<Blob> {
  return exportCsv(incidentColumns(input.locale, input.timeZone), input.incidents, input.timeZone, options);
}

export interface SlaExportInput {
  results: SlaResults;
  responseTimes: readonly ResponseTimeDistribution[];
  locale: Locale;
}

export function exportSlaResultsCsv(input: SlaExportInput, options?: ExportOptions): Promise<Blob> {
  // No instant columns: the zone is never read.
  return exportCsv(
    slaColumns(input.locale),
    slaExportRows(input.results, input.responseTimes),
    'UTC',
    options,
  );
}
