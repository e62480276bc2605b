// Exports of incidents and SLA results for the customer and for managers: CSV and XLSX.
export { abortReason, DEFAULT_CHUNK_SIZE } from './chunked';
export type { ExportOptions } from './chunked';
export { incidentColumns, minutes, slaColumns, slaExportRows } from './columns';
export type { ColumnKind, ExportColumn, SlaExportRow } from './columns';
export { CSV_MIME, exportCsv, exportIncidentsCsv, exportSlaResultsCsv, neutraliseFormula } from './csv';
export type { IncidentExportInput, SlaExportInput } from './csv';
export { exportXlsx, XLSX_MIME } from './xlsx';
export type { XlsxExportInput } from './xlsx';
