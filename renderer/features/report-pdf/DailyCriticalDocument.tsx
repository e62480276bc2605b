// The daily report of a level-1 incident as a document for the customer: status, response
// SLA, what happened since the last daily report, next steps. The model is shared/analytics
// buildDailyCriticalReport; labels from the report's fixed-language t (format.t). Rendered in the
// preview, the print view, and to static markup for the PDF and the e-mail body.
import { useId } from 'react';
import type { DailyCriticalReport, DailyNextStep } from '../../../shared/reports/index';
import { CustomerNames, H, HeaderFacts, shortId } from './doc-parts';
import { EMPTY, reportFormat, type ReportFormat } from './format';

export function DailyCriticalDocument({
  report,
  headingLevel = 1,
}: {
  report: DailyCriticalReport;
  headingLevel?: number;
}) {
  const titleId = useId();
  const statusId = useId();
  const slaId = useId();
  const timelineId = useId();
  const stepsId = useId();
  const format = reportFormat(report.locale, report.customer.timeZone);
  const l = format.t;
  const { incident, sla, dailyReport, timeline } = report;
  const section = headingLevel + 1;
  return (
    <article
      className="rpt-doc"
      lang={report.locale}
      aria-labelledby={titleId}
      data-testid="daily-critical-document"
    >
      <header>
        <H level={headingLevel} id={titleId} className="rpt-title">
          {l('reportTitle.daily_critical')} — {l('daily.sequence', { n: dailyReport.sequence })}
        </H>
        <CustomerNames header={report} format={format} />
        <HeaderFacts
          header={report}
          format={format}
          extra={
            <>
              <tr>
                <th scope="row">{l('daily.previousReport')}</th>
                <td>
                  {dailyReport.previous === null
                    ? l('daily.noPreviousReport')
                    : `${format.dateTime(dailyReport.previous.sentAt)} (${l(`glossary:reportVia.${dailyReport.previous.via}`)})`}
                </td>
              </tr>
              {dailyReport.dueBy !== null && (
                <tr>
                  <th scope="row">{l('daily.dueBy')}</th>
                  <td>{format.dateTime(dailyReport.dueBy)}</td>
                </tr>
              )}
            </>
          }
        />
      </header>

      <section aria-labelledby={statusId}>
        <H level={section} id={statusId} className="rpt-section-title">
          {l('dailySections.status')}
        </H>
        <table>
          <tbody>
            <tr>
              <th scope="row">{l('incidentColumns.title')}</th>
              <td>
                {incident.title}
                <span className="rpt-id">{shortId(incident.id)}</span>
              </td>
            </tr>
            <tr>
              <th scope="row">{l('incidentColumns.severity')}</th>
              <td>{l(`glossary:severityLevel.${incident.severity}`)}</td>
            </tr>
            <tr>
              <th scope="row">{l('incidentColumns.status')}</th>
              <td>{l(`glossary:status.${incident.status}`)}</td>
            </tr>
            <tr>
              <th scope="row">{l('incidentColumns.channel')}</th>
              <td>{l(`glossary:channel.${incident.channel}`)}</td>
            </tr>
            <tr>
              <th scope="row">{l('incidentColumns.receivedAt')}</th>
              <td>{format.dateTime(incident.receivedAt)}</td>
            </tr>
            <tr>
              <th scope="row">{l('daily.openFor')}</th>
              <td>{format.duration(incident.openForMs)}</td>
            </tr>
            <tr>
              <th scope="row">{l('incidentColumns.firstResponseAt')}</th>
              <td>{format.dateTime(incident.firstResponseAt)}</td>
            </tr>
            {incident.resolvedAt !== null && (
              <tr>
                <th scope="row">{l('incidentColumns.resolvedAt')}</th>
                <td>{format.dateTime(incident.resolvedAt)}</td>
              </tr>
            )}
          </tbody>
        </table>
      </section>

      <section aria-labelledby={slaId}>
        <H level={section} id={slaId} className="rpt-section-title">
          {l('dailySections.sla')}
        </H>
        {sla === null ? (
          <p className="rpt-none">{l('charts.noData')}</p>
        ) : (
          <table>
            <tbody>
              <tr>
                <th scope="row">{l('incidentColumns.slaState')}</th>
                <td>
                  {sla.outcome !== null
                    ? l(`glossary:slaOutcome.${sla.outcome}`)
                    : l(`glossary:slaState.${sla.state}`)}
                </td>
              </tr>
              <tr>
                <th scope="row">{l('slaColumns.target')}</th>
                <td>
                  {format.duration(sla.targetMs)} ({l(`glossary:clock.${sla.clock}`)})
                </td>
              </tr>
              <tr>
                <th scope="row">{l('incidentColumns.clockStartAt')}</th>
                <td>
                  {format.dateTime(sla.clockStartAt)}
                  {sla.deferredReason !== null && (
                    <span className="rpt-id">{l(`deferral.${sla.deferredReason}`)}</span>
                  )}
                </td>
              </tr>
              <tr>
                <th scope="row">{l('incidentColumns.dueAt')}</th>
                <td>{format.dateTime(sla.dueAt)}</td>
              </tr>
              {sla.remainingMs !== null && (
                <tr>
                  <th scope="row">{l('daily.remaining')}</th>
                  <td>
                    {sla.remainingMs < 0
                      ? `−${format.duration(-sla.remainingMs)}`
                      : format.duration(sla.remainingMs)}
                  </td>
                </tr>
              )}
              <tr>
                <th scope="row">{l('incidentColumns.responseMs')}</th>
                <td>{format.duration(sla.responseMs)}</td>
              </tr>
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby={timelineId}>
        <H level={section} id={timelineId} className="rpt-section-title">
          {l('dailySections.timeline')}
        </H>
        <p className="rpt-note">
          {l('daily.since')}: {format.dateTime(timeline.since)}
        </p>
        {timeline.events.length === 0 ? (
          <p className="rpt-none">{l('charts.noData')}</p>
        ) : (
          <table data-testid="daily-timeline">
            <thead>
              <tr>
                <th scope="col">{l('timelineColumns.at')}</th>
                <th scope="col">{l('timelineColumns.kind')}</th>
                <th scope="col">{l('timelineColumns.author')}</th>
                <th scope="col">{l('timelineColumns.body')}</th>
              </tr>
            </thead>
            <tbody>
              {timeline.events.map((e) => (
                <tr key={e.eventId}>
                  <td>{format.dateTime(e.at)}</td>
                  <td>{l(`glossary:timelineKind.${e.kind}`)}</td>
                  <td>{e.authorName ?? EMPTY}</td>
                  <td className="rpt-timeline-body">{e.body || EMPTY}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby={stepsId}>
        <H level={section} id={stepsId} className="rpt-section-title">
          {l('dailySections.nextSteps')}
        </H>
        {report.nextSteps.length === 0 ? (
          <p className="rpt-none">{l('charts.noData')}</p>
        ) : (
          <ul className="rpt-steps">
            {report.nextSteps.map((step, i) => (
              <li key={i}>
                <span className="rpt-step-kind">{l(`nextStep.${step.kind}`)}</span>
                <DailyStep step={step} format={format} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <p className="rpt-footer">
        {l('reportTitle.daily_critical')} · {report.customer.nameLatin} · {format.date(report.date)}
      </p>
    </article>
  );
}

function DailyStep({ step, format }: { step: DailyNextStep; format: ReportFormat }) {
  const l = format.t;
  switch (step.kind) {
    case 'answer_due':
      return (
        <>
          {format.dateTime(step.dueAt)} ({l(`glossary:slaState.${step.slaState}`)})
        </>
      );
    case 'duty_manager_escalation':
      return <>({l(`glossary:slaState.${step.slaState}`)})</>;
    case 'next_daily_report':
      return <>{format.date(step.date)}</>;
    case 'request_in_progress':
      return (
        <>
          {step.title} ({l(`glossary:requestType.${step.type}`)}: {l(`glossary:requestStage.${step.stage}`)})
        </>
      );
    case 'awaiting_customer':
    case 'investigation_continues':
    case 'confirm_resolution':
      return null;
  }
}
