// The quarterly report's file name and document title.
import type { QuarterlyReport } from '../../../shared/reports/index';
import { safeFileName, lastDayOf, reportFormat } from '../report-pdf';

/**
 * "四半期レポート_Sakura Bank, Ltd._2026-10-01_2026-12-31.pdf": title, customer (Latin), the
 * period's first and last days (periods are named by their dates, not a running number).
 */
export function quarterlyFileName(report: QuarterlyReport, extension = 'pdf'): string {
  const l = reportFormat(report.locale, report.customer.timeZone).t;
  return `${safeFileName(`${l('reportTitle.quarterly')}_${report.customer.nameLatin}_${report.period.from}_${lastDayOf(report.period)}`)}.${extension}`;
}

/** The document's <title>: "四半期レポート — 株式会社さくら銀行 — 2026年9月1日 ～ 2026年11月30日". */
export function quarterlyTitle(report: QuarterlyReport): string {
  const format = reportFormat(report.locale, report.customer.timeZone);
  const name = report.locale === 'ja' ? report.customer.nameJa : report.customer.nameLatin;
  return `${format.t('reportTitle.quarterly')} — ${name} — ${format.period(report.period)}`;
}
