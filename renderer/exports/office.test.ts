// @vitest-environment node
// The portfolio (CSV, XLSX) and the quarterly report (XLSX, PPTX) read back from the files:
// sheet names, cell values equal to the model, slide count and titles, the Japanese font.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { portfolioComparison, portfolioRows } from '../../shared/analytics/index';
import { buildQuarterlyReport } from '../../shared/reports/index';
import type { SummarySection } from '../../shared/reports/index';
import { customer, incident, user, uuid } from '../../shared/analytics/testing/fixtures';
import { customerHealth } from '../../shared/health/index';
import { exportPortfolioCsv, exportPortfolioXlsx } from './portfolio';
import type { PortfolioExportRow } from './portfolio';
import { exportQuarterlyPptx, exportQuarterlyXlsx, PPTX_FONT } from './quarterly';

const sato = user(uuid('sato'), '佐藤 花子');
const c = customer({
  id: uuid('ofc'),
  nameJa: '=HYPERLINK("http://evil.example","株式会社")',
  nameLatin: 'Office K.K.',
  contractStart: '2025-10-01',
  contractEnd: '2026-09-30',
  tamId: sato.id,
});
const i = (n: string, receivedAt: string, firstResponseAt: string | null, severity: 1 | 2 | 3 | 4 = 2) =>
  incident({
    id: uuid(`ofc-${n}`),
    customerId: c.id,
    severity,
    receivedAt,
    firstResponseAt,
    resolvedAt: firstResponseAt,
  });
const incidents = [
  i('a', '2025-10-10T10:00:00+09:00', '2025-10-10T16:00:00+09:00'),
  i('b', '2025-11-10T10:00:00+09:00', '2025-11-10T16:00:00+09:00'),
  i('c', '2025-12-10T10:00:00+09:00', '2025-12-10T10:30:00+09:00'),
  i('d', '2026-01-15T10:00:00+09:00', '2026-01-15T10:30:00+09:00'),
  i('e', '2026-02-02T10:00:00+09:00', '2026-02-02T10:30:00+09:00', 1),
];
const now = '2026-02-10T12:00:00+09:00';

async function workbookOf(blob: Blob): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await blob.arrayBuffer());
  return wb;
}
const values = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);

function portfolioExportRows(): PortfolioExportRow[] {
  const input = {
    customers: [c],
    incidents,
    users: [sato],
    healthChecks: [],
    reportLog: [],
    deployedProducts: [],
    now,
  };
  const cmp = portfolioComparison(input);
  const health = customerHealth(input);
  return portfolioRows(input).map((row) => ({
    row,
    comparison: cmp.get(row.customerId) ?? null,
    health: health.get(row.customerId) ?? null,
  }));
}

describe('portfolio export', { timeout: 60_000 }, () => {
  it('CSV: headers in the user language, formula-safe text, the quarter against the one before', async () => {
    const csv = await (await exportPortfolioCsv(portfolioExportRows(), 'en')).text();
    const [header, line] = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(header!.split(',').slice(0, 3)).toEqual(['Customer (Japanese)', 'Customer (Latin)', 'TAM']);
    // The hostile name is prefixed with a quote (and quoted for its comma and quotes).
    expect(line!.startsWith(`"'=HYPERLINK(""http://evil.example"",""株式会社"")"`)).toBe(true);
    expect(header).toContain('SLA met, previous quarter');
    expect(line).toContain('Office K.K.,佐藤 花子');
  });

  it('XLSX: one sheet, typed cells equal to the rows', async () => {
    const rows = portfolioExportRows();
    const wb = await workbookOf(await exportPortfolioXlsx(rows, 'ja'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['ポートフォリオ']);
    const ws = wb.worksheets[0]!;
    const header = values(ws, 1) as string[];
    const cells = values(ws, 2);
    const at = (h: string) => cells[header.indexOf(h)];
    expect(at('お客様名')).toBe(c.nameJa); // a string, never a formula
    expect(at('前四半期の SLA 達成率')).toBe(33.3);
    expect(at('今四半期の SLA 未達・期限超過')).toBe(0);
    expect(at('前四半期の SLA 未達・期限超過')).toBe(2);
    expect(at('ヘルススコア')).toBe(rows[0]!.health!.score);
    expect(String(at('ヘルスの理由'))).toContain('今契約年度のヘルスチェックが未予定');
  });
});

const report = (locale: 'ja' | 'en') =>
  buildQuarterlyReport({
    customer: c,
    incidents,
    events: [],
    requests: [],
    healthChecks: [],
    reportLog: [],
    users: [sato],
    period: { from: '2026-01-01', to: '2026-04-01' },
    locale,
    now,
  });

describe('quarterly report as Office files', { timeout: 60_000 }, () => {
  it('XLSX: a sheet per section and per chart, cells equal to the model', async () => {
    const model = report('en');
    const wb = await workbookOf(await exportQuarterlyXlsx(model));
    expect(wb.worksheets.map((w) => w.name)).toEqual(
      [
        'Summary',
        'Compared with the previous perio',
        'Incidents',
        'Incidents per month by severity',
        'Open incidents over time',
        'SLA results (response time)',
        'Responses met and missed per mon',
        'Individual requests (signature ',
        'Health-check follow-up',
        'Next steps',
      ].map((n) => n.slice(0, 31)),
    );
    const summary = model.sections.find((s) => s.key === 'summary') as SummarySection;
    const sum = wb.getWorksheet('Summary')!;
    expect(values(sum, 2)).toEqual(['Incidents received', summary.incidents.received]);
    const cmp = wb.worksheets[1]!;
    const sla = summary.comparison.figures.find((f) => f.key === 'slaMetPct')!;
    expect(values(cmp, 5)).toEqual(['SLA met', sla.current, sla.previous, sla.change, 'better']);
    const perMonth = wb.worksheets[3]!;
    const incidentsSection = model.sections.find((s) => s.key === 'incidents')!;
    if (incidentsSection.key !== 'incidents') throw new Error('no incidents section');
    expect(values(perMonth, 2)).toEqual([
      '2026-01',
      ...[1, 2, 3, 4].map((v) => incidentsSection.perMonth[0]!.bySeverity[v as 1 | 2 | 3 | 4]),
      incidentsSection.perMonth[0]!.total,
    ]);
    expect(wb.worksheets[2]!.rowCount).toBe(1 + incidentsSection.rows.length);
  });

  it('PPTX: title, summary, a slide per chart, next steps; titles and the Japanese font in the file', async () => {
    const { blob, plan } = await exportQuarterlyPptx(report('ja'));
    const zip = await JSZip.loadAsync(await blob.arrayBuffer());
    const slides = Object.keys(zip.files)
      .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
      .sort((a, b) => Number(/(\d+)/.exec(a)![1]) - Number(/(\d+)/.exec(b)![1]));
    expect(slides).toHaveLength(6);
    expect(plan.titles).toEqual([
      '四半期レポート',
      '概要',
      '月別・重要度別インシデント件数',
      '未解決インシデント数の推移',
      '月別の SLA 達成・未達',
      '今後の対応',
    ]);
    for (const [k, name] of slides.entries()) {
      const xml = await zip.file(name)!.async('string');
      expect(xml).toContain(`<a:t>${plan.titles[k]}</a:t>`);
      expect(xml).toContain(`typeface="${PPTX_FONT}"`);
    }
    const summaryXml = await zip.file(slides[1]!)!.async('string');
    expect(summaryXml).toContain('前期間より改善した項目');
    const charts = Object.keys(zip.files).filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n));
    expect(charts).toHaveLength(3);
  });
});
