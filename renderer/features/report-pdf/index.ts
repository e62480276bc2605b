// The report-pdf feature's public surface: other features import it from here only (eslint).
export { OUTCOME_COLORS, SEVERITY_COLORS, StackedBarChart, TargetBarChart } from './DocCharts';
export { CustomerNames, H, HeaderFacts, shortId } from './doc-parts';
export { downloadBlob, safeFileName } from './files';
export { EMPTY, lastDayOf, reportFormat, type ReportFormat } from './format';
export { useReportPrintView } from './print-ready';
export { renderStandaloneReport } from './standalone';
