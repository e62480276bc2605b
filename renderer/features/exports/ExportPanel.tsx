// Data exports of a customer's period: incidents and SLA results as CSV or XLSX (renderer/
// exports), in the user's language, with a progress bar and a Cancel button while a long
// export runs. The file is a Blob download (the desktop window downloads too).
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { incidentRows, responseTimeDistribution, slaResults } from '../../../shared/analytics/index';
import type { DatePeriod } from '../../../shared/analytics/index';
import type { Customer, Incident, Locale, TimelineEvent } from '../../../shared/model/entities';
import { exportIncidentsCsv, exportSlaResultsCsv, exportXlsx } from '../../exports';
import type { ExportOptions } from '../../exports';
import { downloadBlob, safeFileName, lastDayOf } from '../report-pdf';
import { formatZone } from '../../format/zone';
import './exports.css';

export type ExportKind = 'incidentsCsv' | 'slaCsv' | 'xlsx';
const KINDS: readonly ExportKind[] = ['incidentsCsv', 'slaCsv', 'xlsx'];

type Status =
  | { state: 'idle' }
  | { state: 'running'; kind: ExportKind; done: number; total: number }
  | { state: 'done'; file: string; rows: number }
  | { state: 'cancelled' }
  | { state: 'failed'; message: string };

export interface ExportPanelProps {
  customer: Customer;
  incidents: readonly Incident[];
  events: readonly TimelineEvent[];
  period: DatePeriod;
  /** The user's language: headers and labels. */
  locale: Locale;
  headingLevel?: 2 | 3 | 4;
  /** Rows per chunk (tests use small chunks to see the progress). */
  chunkSize?: number;
}

export interface BuiltExport {
  blob: Blob;
  fileName: string;
  rows: number;
}

/** Builds one export file for a customer's period (every number from shared/analytics). */
export async function buildExport(
  kind: ExportKind,
  props: Omit<ExportPanelProps, 'headingLevel'>,
  options: ExportOptions,
  fileWords: Record<'incidents' | 'sla' | 'both', string>,
): Promise<BuiltExport> {
  const { customer, incidents, events, period, locale } = props;
  const now = new Date().toISOString();
  const timeZone = customer.calendar.timeZone;
  const rows = incidentRows({ customer, incidents, events, period, now });
  const input = { customer, incidents, period, now };
  const stem = (word: string) =>
    safeFileName(`${word}_${customer.nameLatin}_${period.from}_${lastDayOf(period)}`);
  switch (kind) {
    case 'incidentsCsv':
      return {
        blob: await exportIncidentsCsv({ incidents: rows, locale, timeZone }, options),
        fileName: `${stem(fileWords.incidents)}.csv`,
        rows: rows.length,
      };
    case 'slaCsv':
      return {
        blob: await exportSlaResultsCsv(
          { results: slaResults(input), responseTimes: responseTimeDistribution(input), locale },
          options,
        ),
        fileName: `${stem(fileWords.sla)}.csv`,
        rows: rows.length,
      };
    case 'xlsx':
      return {
        blob: await exportXlsx(
          {
            incidents: rows,
            slaResults: slaResults(input),
            responseTimes: responseTimeDistribution(input),
            locale,
            timeZone,
          },
          options,
        ),
        fileName: `${stem(fileWords.both)}.xlsx`,
        rows: rows.length,
      };
  }
}

export function ExportPanel({ headingLevel = 3, ...props }: ExportPanelProps) {
  const { t } = useTranslation('exports');
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const controller = useRef<AbortController | null>(null);
  const cancelRef = useRef<HTMLButtonElement | null>(null);
  const titleId = useId();
  const Heading = `h${headingLevel}` as const;
  const running = status.state === 'running';

  // Abandoning the page cancels a running export.
  useEffect(() => () => controller.current?.abort(), []);
  useEffect(() => {
    if (running) cancelRef.current?.focus();
  }, [running]);

  const run = async (kind: ExportKind) => {
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    setStatus({ state: 'running', kind, done: 0, total: 0 });
    try {
      const built = await buildExport(
        kind,
        { ...props },
        {
          signal: c.signal,
          ...(props.chunkSize !== undefined ? { chunkSize: props.chunkSize } : {}),
          onProgress: (done, total) => setStatus({ state: 'running', kind, done, total }),
        },
        { incidents: t('fileIncidents'), sla: t('fileSla'), both: t('fileBoth') },
      );
      if (c.signal.aborted) throw c.signal.reason;
      downloadBlob(built.fileName, built.blob);
      setStatus({ state: 'done', file: built.fileName, rows: built.rows });
    } catch (err) {
      if (c.signal.aborted) setStatus({ state: 'cancelled' });
      else setStatus({ state: 'failed', message: err instanceof Error ? err.message : String(err) });
    } finally {
      if (controller.current === c) controller.current = null;
    }
  };

  return (
    <section className="exp-panel" aria-labelledby={titleId} data-testid="export-panel">
      <Heading id={titleId} className="exp-title">
        {t('title')}
      </Heading>
      <p className="exp-intro">
        {t('intro', { zone: formatZone(props.customer.calendar.timeZone, undefined, props.locale) })}
      </p>
      <div className="exp-actions">
        {KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            onClick={() => void run(kind)}
            disabled={running}
            data-testid={`export-${kind}`}
          >
            {t(kind)}
          </button>
        ))}
      </div>
      {running && (
        <div className="exp-progress">
          <progress
            aria-label={t('progressLabel')}
            max={status.total || 1}
            value={status.total ? status.done : undefined}
            data-testid="export-progress"
          />
          <button
            ref={cancelRef}
            type="button"
            onClick={() => controller.current?.abort()}
            data-testid="export-cancel"
          >
            {t('cancel')}
          </button>
        </div>
      )}
      <p role="status" className="exp-status" data-testid="export-status">
        {status.state === 'running'
          ? status.total
            ? t('progress', { done: status.done, total: status.total })
            : t('preparing')
          : status.state === 'done'
            ? t('done', { file: status.file, rows: status.rows })
            : status.state === 'cancelled'
              ? t('cancelled')
              : status.state === 'failed'
                ? t('failed', { message: status.message })
                : ''}
      </p>
    </section>
  );
}
