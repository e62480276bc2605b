// /reports/daily-critical/:incidentId: today's customer report of a level-1 incident —
// preview, PDF (desktop: printToPDF through the bridge; browser: the report-only print view)
// and an e-mail file (.eml) with the report as HTML body and the PDF attached (in a browser,
// which cannot make PDF bytes, the HTML report is attached instead, and the page says so).
// Logging the report as sent stays on the daily reports page (it also writes the timeline).
import { reportRecipients } from '../../../shared/reports/recipients';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { DailyCriticalReport } from '../../../shared/reports/index';
import type { Contact, Locale, User } from '../../../shared/model/entities';
import { getBridge, isDesktop } from '../../bridge';
import { useCurrentReplica, useReplica } from '../../replica';
import { DailyCriticalDocument } from './DailyCriticalDocument';
import { buildReportEml } from './eml';
import { downloadBlob, safeFileName } from './files';
import { reportFormat } from './format';
import { renderStandaloneReport } from './standalone';
import { useDailyCriticalReport } from './use-daily-critical';
import '../../ui/report-page.css';

type Status =
  | { state: 'idle' }
  | { state: 'working' }
  | { state: 'ok'; text: string }
  | { state: 'error'; text: string };

/** "daily-report_Sakura Bank_ Ltd._2026-11-26_no2" (ASCII-friendly: it also names the e-mail attachment). */
export function dailyFileStem(report: DailyCriticalReport): string {
  return safeFileName(
    `daily-report_${report.customer.nameLatin}_${report.date}_no${report.dailyReport.sequence}`,
  );
}

export function dailyTitle(report: DailyCriticalReport): string {
  const l = reportFormat(report.locale, report.customer.timeZone).t;
  const name = report.locale === 'ja' ? report.customer.nameJa : report.customer.nameLatin;
  return `${l('reportTitle.daily_critical')} ${l('daily.sequence', { n: report.dailyReport.sequence })} — ${name} — ${report.incident.title}`;
}

/** The plain-text alternative of the e-mail: greeting line, title, the key facts. */
export function dailyMailText(report: DailyCriticalReport, intro: string): string {
  const f = reportFormat(report.locale, report.customer.timeZone);
  const l = f.t;
  const lines = [
    intro,
    '',
    dailyTitle(report),
    `${l('incidentColumns.status')}: ${l(`glossary:status.${report.incident.status}`)}`,
    `${l('incidentColumns.receivedAt')}: ${f.dateTime(report.incident.receivedAt)} (${f.zone(report.incident.receivedAt)})`,
    `${l('incidentColumns.firstResponseAt')}: ${f.dateTime(report.incident.firstResponseAt)}`,
    '',
    ...report.timeline.events.map(
      (e) => `${f.dateTime(e.at)} ${l(`glossary:timelineKind.${e.kind}`)}: ${e.body}`,
    ),
  ];
  return lines.join('\n');
}

export function DailyCriticalPage() {
  const { incidentId } = useParams();
  const { t } = useTranslation('reportPdf');
  const db = useReplica();
  const [localeChoice, setLocaleChoice] = useState<Locale | null>(null);
  const state = useDailyCriticalReport(incidentId, localeChoice);
  const langName = useId();

  if (!db) return <p>{t('signIn')}</p>;
  const crumbs = (
    <p className="qr-breadcrumb">
      <Link to="/reports">{t('breadcrumbReports')}</Link> ›{' '}
      <Link to="/reports/quarterly">{t('breadcrumbQuarterly')}</Link>
    </p>
  );
  if (state.status === 'loading') return <p aria-busy="true">{t('loading')}</p>;
  if (state.status !== 'ready') {
    return (
      <section aria-labelledby="dcr-title" className="qr-page">
        {crumbs}
        <h2 id="dcr-title">
          {t('title', { title: state.status === 'not-critical' ? state.incident.title : '' })}
        </h2>
        <p role="alert" className="qr-error">
          {state.status === 'missing'
            ? t('notFound')
            : state.status === 'not-critical'
              ? t('notCritical')
              : state.message}
        </p>
      </section>
    );
  }
  const { report } = state;
  return (
    <section aria-labelledby="dcr-title" className="qr-page">
      {crumbs}
      <h2 id="dcr-title">{t('title', { title: report.incident.title })}</h2>
      <p>
        <Link to={`/incidents/${report.incident.id}`}>{t('incidentLink')}</Link> ·{' '}
        <Link to={`/reports/daily/${report.incident.id}`}>{t('logLink')}</Link>
      </p>
      <p className="qr-hint">{t('logHint')}</p>
      <div className="qr-layout">
        <fieldset className="qr-fieldset">
          <legend>{t('language')}</legend>
          {(['ja', 'en'] as const).map((l) => (
            <label key={l} className="qr-radio">
              <input
                type="radio"
                name={langName}
                value={l}
                checked={state.locale === l}
                onChange={() => setLocaleChoice(l)}
              />
              {t(l)}
            </label>
          ))}
        </fieldset>
        <DailyExport report={report} contacts={state.contacts} users={state.users} />
      </div>
      <section aria-labelledby="dcr-preview" className="qr-preview">
        <h3 id="dcr-preview">{t('preview')}</h3>
        <div className="qr-paper">
          <DailyCriticalDocument report={report} headingLevel={4} />
        </div>
      </section>
    </section>
  );
}

function DailyExport({
  report,
  contacts,
  users,
}: {
  report: DailyCriticalReport;
  contacts: readonly Contact[];
  users: readonly User[];
}) {
  const { t } = useTranslation('reportPdf');
  const navigate = useNavigate();
  const actor = useCurrentReplica((s) => s.actor);
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const titleId = useId();
  const desktop = isDesktop();
  const stem = dailyFileStem(report);
  const printPath = `/reports/daily-critical/${report.incident.id}/print?lang=${report.locale}`;

  const html = () =>
    renderStandaloneReport(<DailyCriticalDocument report={report} />, {
      lang: report.locale,
      title: dailyTitle(report),
    });
  const fail = (err: unknown) =>
    setStatus({
      state: 'error',
      text: t('export.failed', { message: err instanceof Error ? err.message : String(err) }),
    });

  const exportPdf = async () => {
    if (!desktop) {
      void navigate(`${printPath}&print=1`);
      return;
    }
    setStatus({ state: 'working' });
    try {
      const result = await getBridge().savePdf({ html: await html(), fileName: `${stem}.pdf` });
      if (!result.ok)
        setStatus({ state: 'error', text: t('export.failed', { message: result.error.message }) });
      else
        setStatus({
          state: 'ok',
          text: result.saved ? t('export.saved', { file: result.fileName }) : t('export.cancelled'),
        });
    } catch (err) {
      fail(err);
    }
  };

  const exportEml = async () => {
    setStatus({ state: 'working' });
    try {
      const doc = await html();
      let attachment: { fileName: string; contentType: string; bytes: Uint8Array };
      if (desktop) {
        const pdf = await getBridge().renderPdf({ html: doc });
        if (!pdf.ok) {
          setStatus({ state: 'error', text: t('export.failed', { message: pdf.error.message }) });
          return;
        }
        attachment = { fileName: `${stem}.pdf`, contentType: 'application/pdf', bytes: pdf.pdf };
      } else {
        attachment = {
          fileName: `${stem}.html`,
          contentType: 'text/html; charset=UTF-8',
          bytes: new TextEncoder().encode(doc),
        };
      }
      const me = users.find((u) => u.id === actor?.id);
      const to = reportRecipients(contacts)
        .filter((c) => c.email !== null)
        .map((c) => ({ name: c.name, addr: c.email as string }));
      const eml = buildReportEml({
        from: { name: me?.name ?? 'TAM', addr: me?.email ?? 'tam@example.invalid' },
        to,
        subject: dailyTitle(report),
        text: dailyMailText(report, t('export.mailIntro', { lng: report.locale })),
        html: doc,
        attachment,
      });
      const fileName = `${stem}.eml`;
      downloadBlob(fileName, new Blob([eml], { type: 'message/rfc822' }));
      setStatus({ state: 'ok', text: t('export.emlSaved', { file: fileName }) });
    } catch (err) {
      fail(err);
    }
  };

  return (
    <section aria-labelledby={titleId} className="qr-export">
      <h3 id={titleId}>{t('export.title')}</h3>
      <p className="qr-hint" data-testid="daily-export-hint">
        {desktop ? t('export.desktopHint') : t('export.browserHint')}
      </p>
      <div className="qr-actions">
        <button
          type="button"
          className="qr-primary"
          onClick={() => void exportPdf()}
          disabled={status.state === 'working'}
          data-testid="daily-export-pdf"
        >
          {t('export.pdf')}
        </button>
        <button
          type="button"
          onClick={() => void exportEml()}
          disabled={status.state === 'working'}
          data-testid="daily-export-eml"
        >
          {t('export.eml')}
        </button>
        <Link to={printPath} className="qr-link-button">
          {t('export.print')}
        </Link>
      </div>
      <p
        role="status"
        className={status.state === 'error' ? 'qr-error' : status.state === 'ok' ? 'qr-ok' : 'qr-status'}
        data-testid="daily-export-status"
      >
        {status.state === 'working'
          ? t('export.working')
          : status.state === 'ok' || status.state === 'error'
            ? status.text
            : ''}
      </p>
    </section>
  );
}
