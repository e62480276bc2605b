// The quarterly report as Office files, from the same model as the document and the PDF
// (buildQuarterlyReport): an editable XLSX workbook (one sheet per section, the charts' data as
// tables) and a PPTX deck (title, summary, one slide per chart, next steps) built with
// pptxgenjs, in the report's language with a Japanese font. Both libraries load on first use.
import type {
  IncidentsSection,
  NextStep,
  QuarterlyReport,
  SlaSection,
  SummarySection,
} from '../../shared/reports/index';
import type { Severity } from '../../shared/model/entities';
import { reportT } from '../i18n/fixed';
import { reportFormat } from '../features/report-pdf/format';
import type { ReportFormat } from '../features/report-pdf/format';
import { comparisonSentences, figureChange } from '../features/quarterly-report/comparison-text';
import type { ExportColumn } from './columns';
import { incidentColumns, slaColumns, slaExportRows } from './columns';
import { exportSheetsXlsx } from './xlsx';
import type { SheetSpec } from './xlsx';

export const PPTX_MIME = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
/** The deck's font: a Japanese font Office has on Japanese Windows and macOS, for both languages. */
export const PPTX_FONT = 'Yu Gothic';

const SEVERITIES: readonly Severity[] = [1, 2, 3, 4];

type Cells = Array<string | number | null>;
interface TableRow {
  cells: Cells;
}

function table(name: string, headers: string[], rows: Cells[]): SheetSpec<TableRow> {
  const columns: Array<ExportColumn<TableRow>> = headers.map((header, i) => ({
    key: `c${i}`,
    header,
    kind: rows.some((r) => typeof r[i] === 'number') ? 'number' : 'text',
    width: i === 0 ? 36 : 16,
    value: (row) => row.cells[i] ?? null,
  }));
  return { name: name.slice(0, 31), columns, rows: rows.map((cells) => ({ cells })) };
}

function summaryRows(s: SummarySection, f: ReportFormat): Cells[] {
  const l = f.t;
  return [
    [l('summary.received'), s.incidents.received],
    ...SEVERITIES.map((v): Cells => [l(`glossary:severityLevel.${v}`), s.incidents.receivedBySeverity[v]]),
    [l('summary.resolved'), s.incidents.resolved],
    [l('summary.openAtStart'), s.incidents.openAtStart],
    [l('summary.openAtEnd'), s.incidents.openAtEnd],
    [l('summary.slaMetPct'), s.sla.metPct === null ? null : Math.round(s.sla.metPct * 10) / 10],
    [l('summary.healthChecksCompleted'), s.healthChecks.completedInPeriod],
    [l('summary.openFindings'), s.healthChecks.openFindings],
  ];
}

function comparisonRows(s: SummarySection, f: ReportFormat): Cells[] {
  const l = f.t;
  return s.comparison.figures.map((x) => [
    l(`comparison.figures.${x.key}`),
    x.current,
    x.previous,
    x.change,
    l(`comparison.trend.${x.trend}`),
  ]);
}

function volumeRows(s: IncidentsSection): Cells[] {
  return s.perMonth.map((m) => [m.month, ...SEVERITIES.map((v) => m.bySeverity[v]), m.total]);
}

function outcomeRows(s: SlaSection): Cells[] {
  return s.perMonth.map((m) => [m.month, m.met, m.missed, m.breached]);
}

function stepText(step: NextStep, f: ReportFormat): string {
  const l = f.t;
  const kind = l(`nextStep.${step.kind}`);
  switch (step.kind) {
    case 'open_incident':
      return `${kind}: ${l('glossary:levelShort', { level: step.severity })} ${step.title}`;
    case 'open_finding':
      return `${kind}: ${step.area}`;
    case 'request_in_progress':
      return `${kind}: ${step.title} (${l(`glossary:requestStage.${step.stage}`)})`;
    case 'health_check':
      return step.next.status === 'scheduled'
        ? `${kind}: ${step.next.date}`
        : `${kind}: ${l('nextHealthCheck.due')}`;
  }
}

/** The workbook: one sheet per section of the report (in its order), chart data as tables. */
export function quarterlySheets(report: QuarterlyReport): Array<SheetSpec<unknown>> {
  const f = reportFormat(report.locale, report.customer.timeZone);
  const l = f.t;
  const sheets: Array<SheetSpec<unknown>> = [];
  const add = <Row>(s: SheetSpec<Row>) => sheets.push(s as unknown as SheetSpec<unknown>);
  for (const section of report.sections) {
    switch (section.key) {
      case 'summary':
        add(
          table(l('sections.summary'), [l('comparison.figure'), l('charts.count')], summaryRows(section, f)),
        );
        add(
          table(
            l('comparison.title'),
            [
              l('comparison.figure'),
              l('comparison.current'),
              l('comparison.previous'),
              l('comparison.change'),
              l('comparison.trend.changed'),
            ],
            [
              ...comparisonRows(section, f),
              [l('comparison.previousPeriod', { period: f.period(section.comparison.previousPeriod) })],
              ...comparisonSentences(section.comparison, f).map((t): Cells => [t]),
            ],
          ),
        );
        break;
      case 'incidents':
        add({
          name: l('sections.incidents').slice(0, 31),
          columns: incidentColumns(report.locale, report.customer.timeZone),
          rows: section.rows,
        });
        add(
          table(
            l('charts.incidentsPerMonth'),
            [
              l('charts.month'),
              ...SEVERITIES.map((v) => l('glossary:levelShort', { level: v })),
              l('charts.count'),
            ],
            volumeRows(section),
          ),
        );
        add(
          table(
            l('charts.backlog'),
            [l('charts.month'), l('charts.open')],
            section.backlog.map((p) => [p.date, p.open]),
          ),
        );
        break;
      case 'sla':
        add({
          name: l('sections.sla').slice(0, 31),
          columns: slaColumns(report.locale),
          rows: slaExportRows(section.results, section.responseTimes),
        });
        add(
          table(
            l('charts.responsesPerMonth'),
            [
              l('charts.month'),
              l('glossary:slaOutcome.met'),
              l('glossary:slaOutcome.missed'),
              l('glossary:slaOutcome.breached'),
            ],
            outcomeRows(section),
          ),
        );
        break;
      case 'requests':
        add(
          table(
            l('sections.requests'),
            [l('sections.requests')],
            [...section.signatureReleases, ...section.privatePatches].map((r) => [
              `${l(`glossary:requestType.${r.type}`)}: ${r.title} (${l(`glossary:requestStage.${r.stage}`)})`,
            ]),
          ),
        );
        break;
      case 'healthChecks':
        add(
          table(
            l('sections.healthChecks'),
            [l('sections.healthChecks')],
            section.checks.flatMap((h) =>
              h.findings.map((x): Cells => [`${h.scheduledDate} ${x.area}: ${x.finding}`]),
            ),
          ),
        );
        break;
      case 'nextSteps':
        add(
          table(
            l('sections.nextSteps'),
            [l('sections.nextSteps')],
            section.steps.map((s) => [stepText(s, f)]),
          ),
        );
        break;
    }
  }
  return sheets;
}

export function exportQuarterlyXlsx(report: QuarterlyReport): Promise<Blob> {
  return exportSheetsXlsx(quarterlySheets(report), report.customer.timeZone);
}

/** The deck's slide titles, in order (the test reads them back from the file). */
export interface DeckPlan {
  titles: string[];
}

/**
 * The PPTX deck: a title slide, the summary (figures and the comparison in words), one slide
 * per chart (incidents per month, responses per month, open incidents over time), next steps.
 */
export async function exportQuarterlyPptx(report: QuarterlyReport): Promise<{ blob: Blob; plan: DeckPlan }> {
  const { default: PptxGenJS } = await import('pptxgenjs');
  const f = reportFormat(report.locale, report.customer.timeZone);
  const l = reportT(report.locale);
  const lang = report.locale === 'ja' ? 'ja-JP' : 'en-US';
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = `${l('reportTitle.quarterly')} ${report.customer.nameLatin}`;
  pptx.author = report.tam.name ?? 'TAM Workstation';
  pptx.company = 'TAM Workstation';
  pptx.theme = { headFontFace: PPTX_FONT, bodyFontFace: PPTX_FONT };
  const titles: string[] = [];
  const text = { fontFace: PPTX_FONT, lang } as const;
  const slide = (title: string) => {
    const s = pptx.addSlide();
    s.addText(title, { ...text, x: 0.5, y: 0.3, w: 12.3, h: 0.8, fontSize: 26, bold: true, color: '1F3A5F' });
    titles.push(title);
    return s;
  };
  const name = report.locale === 'ja' ? report.customer.nameJa : report.customer.nameLatin;

  const first = slide(l('reportTitle.quarterly'));
  first.addText(
    [
      { text: name, options: { fontSize: 24, breakLine: true } },
      { text: f.period(report.period), options: { fontSize: 18, breakLine: true } },
      { text: `${l('header.tam')}: ${report.tam.name ?? '—'}`, options: { fontSize: 16 } },
    ],
    { ...text, x: 0.5, y: 1.6, w: 12.3, h: 2.5 },
  );

  const summary = report.sections.find((s): s is SummarySection => s.key === 'summary');
  if (summary) {
    const s = slide(l('sections.summary'));
    const rows = summaryRows(summary, f).map((r) => [String(r[0]), r[1] === null ? '—' : String(r[1])]);
    s.addTable(
      rows.map((r) => r.map((c) => ({ text: c, options: { ...text, fontSize: 12 } }))),
      { x: 0.5, y: 1.3, w: 5.8, colW: [4, 1.8] },
    );
    s.addText(
      comparisonSentences(summary.comparison, f).map((t) => ({ text: t, options: { breakLine: true } })),
      { ...text, x: 6.6, y: 1.3, w: 6.2, h: 2.6, fontSize: 14, valign: 'top' },
    );
    s.addTable(
      [
        [l('comparison.figure'), l('comparison.current'), l('comparison.previous'), l('comparison.change')],
        ...summary.comparison.figures.map((x) => [
          l(`comparison.figures.${x.key}`),
          x.current === null ? '—' : String(x.current),
          x.previous === null ? '—' : String(x.previous),
          figureChange(x, f),
        ]),
      ].map((r) => r.map((c) => ({ text: c, options: { ...text, fontSize: 11 } }))),
      { x: 6.6, y: 4.1, w: 6.2 },
    );
  }

  const incidents = report.sections.find((s): s is IncidentsSection => s.key === 'incidents');
  if (incidents) {
    const s = slide(l('charts.incidentsPerMonth'));
    const labels = incidents.perMonth.map((m) => f.month(m.month));
    s.addChart(
      pptx.ChartType.bar,
      SEVERITIES.map((v) => ({
        name: l('glossary:levelShort', { level: v }),
        labels,
        values: incidents.perMonth.map((m) => m.bySeverity[v]),
      })),
      { x: 0.5, y: 1.3, w: 12.3, h: 5.6, barGrouping: 'stacked', showLegend: true, legendPos: 'b', ...text },
    );
    const b = slide(l('charts.backlog'));
    const known = incidents.backlog.filter((p) => p.open !== null);
    b.addChart(
      pptx.ChartType.line,
      [{ name: l('charts.open'), labels: known.map((p) => p.date), values: known.map((p) => p.open ?? 0) }],
      { x: 0.5, y: 1.3, w: 12.3, h: 5.6, showLegend: false, ...text },
    );
  }
  const sla = report.sections.find((s): s is SlaSection => s.key === 'sla');
  if (sla) {
    const s = slide(l('charts.responsesPerMonth'));
    const labels = sla.perMonth.map((m) => f.month(m.month));
    s.addChart(
      pptx.ChartType.bar,
      (['met', 'missed', 'breached'] as const).map((k) => ({
        name: l(`glossary:slaOutcome.${k}`),
        labels,
        values: sla.perMonth.map((m) => m[k]),
      })),
      { x: 0.5, y: 1.3, w: 12.3, h: 5.6, barGrouping: 'stacked', showLegend: true, legendPos: 'b', ...text },
    );
  }
  const next = report.sections.find((s) => s.key === 'nextSteps');
  if (next && next.key === 'nextSteps') {
    const s = slide(l('sections.nextSteps'));
    const lines = next.steps.map((x) => stepText(x, f));
    s.addText(
      (lines.length > 0 ? lines : ['—'])
        .slice(0, 14)
        .map((t) => ({ text: t, options: { bullet: true, breakLine: true } })),
      { ...text, x: 0.5, y: 1.3, w: 12.3, h: 5.6, fontSize: 14, valign: 'top' },
    );
  }
  const data = (await pptx.write({ outputType: 'arraybuffer' })) as ArrayBuffer;
  return { blob: new Blob([data], { type: PPTX_MIME }), plan: { titles } };
}
