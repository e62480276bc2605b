// The quarterly report as a document: every number from buildQuarterlyReport (shared/
// analytics), every label from the report's fixed-language t (format.t). Rendered in the app's
// preview, in the report-only print view, and to static markup for the desktop's PDF; React
// escapes every value (titles, findings, notes are user text).
import { displayFileName } from '../../../shared/attachments/file-name';
import { useId } from 'react';
import type {
  HealthChecksSection,
  IncidentsSection,
  NextStep,
  NextStepsSection,
  QuarterlyReport,
  QuarterlySection,
  RequestRow,
  RequestsSection,
  SlaSection,
  SummarySection,
} from '../../../shared/reports/index';
import type { Severity } from '../../../shared/model/entities';
import {
  OUTCOME_COLORS,
  SEVERITY_COLORS,
  StackedBarChart,
  TargetBarChart,
  CustomerNames,
  H,
  HeaderFacts,
  shortId,
  EMPTY,
  reportFormat,
  type ReportFormat,
} from '../report-pdf';
import { comparisonSentences, figureChange, figureValue } from './comparison-text';

const SEVERITIES: readonly Severity[] = [1, 2, 3, 4];

export interface QuarterlyReportDocumentProps {
  report: QuarterlyReport;
  /** Level of the document title: 1 standalone (print, PDF), lower inside an app page. */
  headingLevel?: number;
}

export function QuarterlyReportDocument({ report, headingLevel = 1 }: QuarterlyReportDocumentProps) {
  const titleId = useId();
  const format = reportFormat(report.locale, report.customer.timeZone);
  const l = format.t;
  return (
    <article
      className="rpt-doc"
      lang={report.locale}
      aria-labelledby={titleId}
      data-testid="quarterly-report-document"
    >
      <header>
        <H level={headingLevel} id={titleId} className="rpt-title">
          {l('reportTitle.quarterly')}
        </H>
        <CustomerNames header={report} format={format} />
        <HeaderFacts
          header={report}
          format={format}
          period={report.period}
          calendarQuarter={report.calendarQuarter}
        />
      </header>
      {report.sections.map((section) => (
        <Section key={section.key} section={section} format={format} level={headingLevel + 1} />
      ))}
      <p className="rpt-footer">
        {l('reportTitle.quarterly')} · {report.customer.nameLatin} · {format.period(report.period)}
      </p>
    </article>
  );
}

function Section({
  section,
  format,
  level,
}: {
  section: QuarterlySection;
  format: ReportFormat;
  level: number;
}) {
  const id = useId();
  const title = format.t(`sections.${section.key}`);
  return (
    <section aria-labelledby={id} data-section={section.key}>
      <H level={level} id={id} className="rpt-section-title">
        {title}
      </H>
      <SectionBody section={section} format={format} level={level + 1} />
    </section>
  );
}

function SectionBody({
  section,
  format,
  level,
}: {
  section: QuarterlySection;
  format: ReportFormat;
  level: number;
}) {
  switch (section.key) {
    case 'summary':
      return <Summary section={section} format={format} />;
    case 'incidents':
      return <Incidents section={section} format={format} level={level} />;
    case 'sla':
      return <Sla section={section} format={format} level={level} />;
    case 'requests':
      return <Requests section={section} format={format} level={level} />;
    case 'healthChecks':
      return <HealthChecks section={section} format={format} level={level} />;
    case 'nextSteps':
      return <NextSteps section={section} format={format} />;
  }
}

// ---------------------------------------------------------------- summary

function Summary({ section, format }: { section: SummarySection; format: ReportFormat }) {
  const l = format.t;
  const { incidents, sla, requests, healthChecks } = section;
  return (
    <>
      <table className="rpt-summary">
        <tbody>
          <tr>
            <th scope="row">{l('summary.received')}</th>
            <td className="rpt-num">{format.count(incidents.received)}</td>
          </tr>
          {SEVERITIES.map((s) => (
            <tr key={s}>
              <th scope="row" className="rpt-indent">
                {l(`glossary:severityLevel.${s}`)}
              </th>
              <td className="rpt-num">{format.count(incidents.receivedBySeverity[s])}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{l('summary.resolved')}</th>
            <td className="rpt-num">{format.count(incidents.resolved)}</td>
          </tr>
          <tr>
            <th scope="row">{l('summary.openAtStart')}</th>
            <td className="rpt-num">{format.count(incidents.openAtStart)}</td>
          </tr>
          <tr>
            <th scope="row">{l('summary.openAtEnd')}</th>
            <td className="rpt-num">{format.count(incidents.openAtEnd)}</td>
          </tr>
          <tr>
            <th scope="row">{l('summary.slaMetPct')}</th>
            <td className="rpt-num">
              {format.pct(sla.metPct)} ({format.count(sla.met)} / {format.count(sla.decided)})
            </td>
          </tr>
          {(['signature_release', 'private_patch'] as const).map((type) => (
            <tr key={type}>
              <th scope="row">
                {l(`glossary:requestType.${type}`)}: {l('summary.requestsActive')} /{' '}
                {l('summary.requestsCompleted')}
              </th>
              <td className="rpt-num">
                {format.count(requests[type].active)} / {format.count(requests[type].completedInPeriod)}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">{l('summary.healthChecksCompleted')}</th>
            <td className="rpt-num">{format.count(healthChecks.completedInPeriod)}</td>
          </tr>
          <tr>
            <th scope="row">{l('summary.openFindings')}</th>
            <td className="rpt-num">{format.count(healthChecks.openFindings)}</td>
          </tr>
        </tbody>
      </table>
      <Comparison section={section} format={format} />
    </>
  );
}

function Comparison({ section, format }: { section: SummarySection; format: ReportFormat }) {
  const l = format.t;
  const { comparison } = section;
  return (
    <div className="rpt-comparison" data-testid="report-comparison">
      {comparisonSentences(comparison, format).map((text) => (
        <p key={text} data-testid="report-comparison-summary">
          {text}
        </p>
      ))}
      <table className="rpt-summary">
        <caption>
          {l('comparison.title')} (
          {l('comparison.previousPeriod', { period: format.period(comparison.previousPeriod) })})
        </caption>
        <thead>
          <tr>
            <th scope="col">{l('comparison.figure')}</th>
            <th scope="col">{l('comparison.current')}</th>
            <th scope="col">{l('comparison.previous')}</th>
            <th scope="col">{l('comparison.change')}</th>
          </tr>
        </thead>
        <tbody>
          {comparison.figures.map((f) => (
            <tr key={f.key} data-trend={f.trend}>
              <th scope="row">{l(`comparison.figures.${f.key}`)}</th>
              <td className="rpt-num">{figureValue(f, f.current, format)}</td>
              <td className="rpt-num">{figureValue(f, f.previous, format)}</td>
              <td className="rpt-num">
                {figureChange(f, format)} ({l(`comparison.trend.${f.trend}`)})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// ---------------------------------------------------------------- incidents

function Incidents({
  section,
  format,
  level,
}: {
  section: IncidentsSection;
  format: ReportFormat;
  level: number;
}) {
  const l = format.t;
  const months = section.perMonth.map((m) => format.month(m.month));
  return (
    <>
      <H level={level} className="rpt-sub-title">
        {l('charts.incidentsPerMonth')}
      </H>
      <StackedBarChart
        title={l('charts.incidentsPerMonth')}
        categories={months}
        series={SEVERITIES.map((s) => ({
          label: l('glossary:levelShort', { level: s }),
          color: SEVERITY_COLORS[s],
          values: section.perMonth.map((m) => m.bySeverity[s]),
        }))}
      />
      <table>
        <thead>
          <tr>
            <th scope="col">{l('charts.month')}</th>
            {SEVERITIES.map((s) => (
              <th scope="col" key={s} className="rpt-num">
                {l('glossary:levelShort', { level: s })}
              </th>
            ))}
            <th scope="col" className="rpt-num">
              {l('charts.count')}
            </th>
          </tr>
        </thead>
        <tbody>
          {section.perMonth.map((m, i) => (
            <tr key={m.month}>
              <th scope="row">{months[i]}</th>
              {SEVERITIES.map((s) => (
                <td key={s} className="rpt-num">
                  {format.count(m.bySeverity[s])}
                </td>
              ))}
              <td className="rpt-num">{format.count(m.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <H level={level} className="rpt-sub-title">
        {l('charts.significantIncidents')}
      </H>
      {section.rows.length === 0 ? (
        <p className="rpt-none">{l('charts.noData')}</p>
      ) : (
        <table data-testid="report-incident-table">
          <thead>
            <tr>
              <th scope="col">{l('incidentColumns.title')}</th>
              <th scope="col">{l('incidentColumns.severity')}</th>
              <th scope="col">{l('incidentColumns.status')}</th>
              <th scope="col">{l('incidentColumns.receivedAt')}</th>
              <th scope="col">{l('incidentColumns.firstResponseAt')}</th>
              <th scope="col">{l('incidentColumns.outcome')}</th>
              <th scope="col">{l('incidentColumns.responseMs')}</th>
            </tr>
          </thead>
          <tbody>
            {section.rows.map((r) => (
              <tr key={r.incidentId}>
                <td>
                  {r.title}
                  <span className="rpt-id">
                    {shortId(r.incidentId)} · {l(`glossary:channel.${r.channel}`)}
                  </span>
                  {section.attachmentNames[r.incidentId] && (
                    <span className="rpt-attachments" data-testid="report-attachments">
                      {l('charts.attachments', {
                        names: section.attachmentNames[r.incidentId]!.map((n) => displayFileName(n, 60)).join(
                          ', ',
                        ),
                      })}
                    </span>
                  )}
                </td>
                <td>{l(`glossary:severityLevel.${r.severity}`)}</td>
                <td>{l(`glossary:status.${r.status}`)}</td>
                <td>{format.dateTime(r.receivedAt)}</td>
                <td>{format.dateTime(r.firstResponseAt)}</td>
                <td>
                  {r.outcome !== null
                    ? l(`glossary:slaOutcome.${r.outcome}`)
                    : r.slaState !== null
                      ? l(`glossary:slaState.${r.slaState}`)
                      : EMPTY}
                </td>
                <td className="rpt-num">
                  {format.duration(r.responseMs)}
                  {r.targetMs !== null && (
                    <span className="rpt-id">
                      {l('charts.target')} {format.duration(r.targetMs)}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {section.total > section.rows.length && (
        <p className="rpt-note" data-testid="report-incidents-listed">
          {l('listing.incidents', {
            shown: format.count(section.rows.length),
            total: format.count(section.total),
          })}
        </p>
      )}
    </>
  );
}

// ---------------------------------------------------------------- SLA

function Sla({ section, format, level }: { section: SlaSection; format: ReportFormat; level: number }) {
  const l = format.t;
  const times = new Map(section.responseTimes.map((t) => [t.severity, t]));
  const months = section.perMonth.map((m) => format.month(m.month));
  const total = section.results.total;
  return (
    <>
      <table data-testid="report-sla-table">
        <thead>
          <tr>
            <th scope="col">{l('slaColumns.severity')}</th>
            <th scope="col">{l('slaColumns.target')}</th>
            <th scope="col" className="rpt-num">
              {l('slaColumns.met')}
            </th>
            <th scope="col" className="rpt-num">
              {l('slaColumns.missed')}
            </th>
            <th scope="col" className="rpt-num">
              {l('slaColumns.breached')}
            </th>
            <th scope="col" className="rpt-num">
              {l('slaColumns.metPct')}
            </th>
            <th scope="col" className="rpt-num">
              {l('slaColumns.p50')}
            </th>
            <th scope="col" className="rpt-num">
              {l('slaColumns.p90')}
            </th>
          </tr>
        </thead>
        <tbody>
          {section.results.bySeverity.map((r) => {
            const t = times.get(r.severity);
            return (
              <tr key={r.severity}>
                <th scope="row">{l(`glossary:severityLevel.${r.severity}`)}</th>
                <td>
                  {format.duration(r.targetMinutes * 60_000)}
                  <span className="rpt-id">{l(`glossary:clock.${r.clock}`)}</span>
                </td>
                <td className="rpt-num">{format.count(r.met)}</td>
                <td className="rpt-num">{format.count(r.missed)}</td>
                <td className="rpt-num">{format.count(r.breached)}</td>
                <td className="rpt-num">{format.pct(r.metPct)}</td>
                <td className="rpt-num">{format.duration(t?.p50Ms ?? null)}</td>
                <td className="rpt-num">{format.duration(t?.p90Ms ?? null)}</td>
              </tr>
            );
          })}
          <tr className="rpt-total">
            <th scope="row">{l('slaColumns.decided')}</th>
            <td>{format.count(total.decided)}</td>
            <td className="rpt-num">{format.count(total.met)}</td>
            <td className="rpt-num">{format.count(total.missed)}</td>
            <td className="rpt-num">{format.count(total.breached)}</td>
            <td className="rpt-num">{format.pct(total.metPct)}</td>
            <td className="rpt-num">{EMPTY}</td>
            <td className="rpt-num">{EMPTY}</td>
          </tr>
        </tbody>
      </table>
      <H level={level} className="rpt-sub-title">
        {l('charts.responsesPerMonth')}
      </H>
      <StackedBarChart
        title={l('charts.responsesPerMonth')}
        categories={months}
        series={(['met', 'missed', 'breached'] as const).map((k) => ({
          label: l(`glossary:slaOutcome.${k}`),
          color: OUTCOME_COLORS[k],
          values: section.perMonth.map((m) => m[k]),
        }))}
      />
      <H level={level} className="rpt-sub-title">
        {l('charts.responseTimes')}
      </H>
      <TargetBarChart
        title={l('charts.responseTimes')}
        rows={section.responseTimes.map((t) => ({
          label: l(`glossary:severityLevel.${t.severity}`),
          values: [t.p50Ms, t.p90Ms].map((v) =>
            v === null || t.targetMs === 0 ? null : (v / t.targetMs) * 100,
          ),
        }))}
        series={[
          { label: l('charts.p50'), color: '#0b5cad' },
          { label: l('charts.p90'), color: '#7aa7d9' },
        ]}
        targetLabel={l('charts.target')}
        noDataLabel={l('charts.noData')}
      />
    </>
  );
}

// ---------------------------------------------------------------- requests

function RequestTable({
  rows,
  format,
  testId,
}: {
  rows: readonly RequestRow[];
  format: ReportFormat;
  testId: string;
}) {
  const l = format.t;
  if (rows.length === 0) return <p className="rpt-none">{l('charts.noData')}</p>;
  return (
    <table data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{l('requestColumns.title')}</th>
          <th scope="col">{l('requestColumns.product')}</th>
          <th scope="col">{l('requestColumns.submittedAt')}</th>
          <th scope="col">{l('requestColumns.stageAtPeriodEnd')}</th>
          <th scope="col">{l('requestColumns.stage')}</th>
          <th scope="col">{l('requestColumns.changesInPeriod')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.requestId}>
            <td>
              {r.title}
              <span className="rpt-id">
                {shortId(r.requestId)} · {l(`glossary:requestPriority.${r.priority}`)}
              </span>
            </td>
            <td>
              {r.product} {r.productVersion}
            </td>
            <td>{format.dateTime(r.submittedAt)}</td>
            <td>{r.stageAtPeriodEnd === null ? EMPTY : l(`glossary:requestStage.${r.stageAtPeriodEnd}`)}</td>
            <td>{l(`glossary:requestStage.${r.stage}`)}</td>
            <td>
              {r.changesInPeriod.length === 0
                ? EMPTY
                : r.changesInPeriod.map((ch, i) => (
                    <span key={`${ch.stage}-${ch.at}`}>
                      {i > 0 && ' → '}
                      {l(`glossary:requestStage.${ch.stage}`)} ({format.date(ch.date)})
                    </span>
                  ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Requests({
  section,
  format,
  level,
}: {
  section: RequestsSection;
  format: ReportFormat;
  level: number;
}) {
  const l = format.t;
  return (
    <>
      <H level={level} className="rpt-sub-title">
        {l('glossary:requestType.signature_release')}
      </H>
      <RequestTable rows={section.signatureReleases} format={format} testId="report-signature-releases" />
      <H level={level} className="rpt-sub-title">
        {l('glossary:requestType.private_patch')}
      </H>
      <RequestTable rows={section.privatePatches} format={format} testId="report-private-patches" />
    </>
  );
}

// ---------------------------------------------------------------- health checks

function HealthChecks({
  section,
  format,
  level,
}: {
  section: HealthChecksSection;
  format: ReportFormat;
  level: number;
}) {
  const l = format.t;
  const next = section.next;
  return (
    <>
      <p>
        <strong>{l('nextStep.health_check')}:</strong> {l(`nextHealthCheck.${next.status}`)}
        {(next.status === 'scheduled' || next.status === 'completed') && ` ${format.date(next.date)}`}
      </p>
      {section.checks.length === 0 ? (
        <p className="rpt-none">{l('charts.noData')}</p>
      ) : (
        section.checks.map((check) => (
          <div key={check.healthCheckId} className="rpt-check">
            <H level={level} className="rpt-sub-title">
              {format.date(check.scheduledDate)} — {l(`glossary:healthCheckStatus.${check.status}`)}
            </H>
            <p className="rpt-note">
              {l('healthCheckColumns.agreedOn')}: {format.date(check.agreedOn)} ·{' '}
              {l('healthCheckColumns.completedAt')}: {format.dateTime(check.completedAt)}
            </p>
            {check.findings.length > 0 && (
              <table data-testid="report-findings">
                <thead>
                  <tr>
                    <th scope="col">{l('findingColumns.area')}</th>
                    <th scope="col">{l('findingColumns.finding')}</th>
                    <th scope="col">{l('findingColumns.severity')}</th>
                    <th scope="col">{l('findingColumns.recommendation')}</th>
                    <th scope="col">{l('findingColumns.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {check.findings.map((f) => (
                    <tr key={f.findingId}>
                      <td>{f.area}</td>
                      <td>{f.finding}</td>
                      <td>{l(`glossary:findingSeverity.${f.severity}`)}</td>
                      <td>{f.recommendation}</td>
                      <td>{l(`glossary:findingStatus.${f.status}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        ))
      )}
    </>
  );
}

// ---------------------------------------------------------------- next steps

function StepText({ step, format }: { step: NextStep; format: ReportFormat }) {
  const l = format.t;
  switch (step.kind) {
    case 'open_incident':
      return (
        <>
          {step.title} ({l(`glossary:severityLevel.${step.severity}`)}, {l(`glossary:status.${step.status}`)}
          {step.responseDueAt !== null &&
            `, ${l('incidentColumns.dueAt')} ${format.dateTime(step.responseDueAt)}`}
          )
        </>
      );
    case 'open_finding':
      return (
        <>
          {step.area} ({l(`glossary:findingSeverity.${step.severity}`)},{' '}
          {l(`glossary:findingStatus.${step.status}`)}): {step.recommendation}
        </>
      );
    case 'request_in_progress':
      return (
        <>
          {step.title} ({l(`glossary:requestType.${step.type}`)}: {l(`glossary:requestStage.${step.stage}`)})
        </>
      );
    case 'health_check':
      return step.next.status === 'scheduled' ? (
        <>
          {l('nextHealthCheck.scheduled')} {format.date(step.next.date)}
        </>
      ) : (
        <>{l('nextHealthCheck.due')}</>
      );
  }
}

function NextSteps({ section, format }: { section: NextStepsSection; format: ReportFormat }) {
  const l = format.t;
  if (section.steps.length === 0) return <p className="rpt-none">{l('charts.noData')}</p>;
  return (
    <>
      <ul className="rpt-steps">
        {section.steps.map((step, i) => (
          <li key={i}>
            <span className="rpt-step-kind">{l(`nextStep.${step.kind}`)}:</span>
            <StepText step={step} format={format} />
          </li>
        ))}
      </ul>
      {section.moreOpenIncidents > 0 && (
        <p className="rpt-note" data-testid="report-steps-more">
          {l('listing.openIncidents', {
            count: section.moreOpenIncidents,
            n: format.count(section.moreOpenIncidents),
          })}
        </p>
      )}
    </>
  );
}
