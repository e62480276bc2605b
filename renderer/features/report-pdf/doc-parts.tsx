// Pieces every customer report document shares: headings whose level follows where the
// document is placed (h1 in the print view and the PDF, lower inside an app page), the header
// block, and the report stylesheet and fonts. Pure components: no hooks but useId, no i18n
// context, no router, so they also render to static markup for the PDF and e-mail.
import type { HTMLAttributes, ReactNode } from 'react';
import type { ReportHeader } from '../../../shared/reports/index';
import type { DatePeriod } from '../../../shared/analytics/index';
import type { ReportFormat } from './format';
// The report font, bundled by Vite (woff2 subsets): the PDF looks the same on every machine.
import '@fontsource/noto-sans-jp/400.css';
import '@fontsource/noto-sans-jp/700.css';
import './report-document.css';

export type DocHeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

export function H({ level, ...props }: { level: number } & HTMLAttributes<HTMLHeadingElement>) {
  const clamped = Math.min(6, Math.max(1, level)) as DocHeadingLevel;
  const Tag = `h${clamped}` as const;
  return <Tag {...props} />;
}

/** The customer's name in the report's language first, the other script beside it. */
export function CustomerNames({ header, format }: { header: ReportHeader; format: ReportFormat }) {
  const { nameJa, nameLatin } = header.customer;
  const [first, second] = format.locale === 'ja' ? [nameJa, nameLatin] : [nameLatin, nameJa];
  return (
    <p className="rpt-customer">
      <span className="rpt-customer-name">{first}</span>
      {second !== first && <span className="rpt-customer-other">{second}</span>}
    </p>
  );
}

/** The table of facts under the title: TAM, contract, period, zone, when it was made. */
export function HeaderFacts({
  header,
  format,
  period,
  calendarQuarter,
  extra,
}: {
  header: ReportHeader;
  format: ReportFormat;
  period?: DatePeriod;
  /** The calendar quarter the period is exactly, named beside its dates. */
  calendarQuarter?: { year: number; quarter: number } | null;
  extra?: ReactNode;
}) {
  const l = format.t;
  return (
    <table className="rpt-facts">
      <tbody>
        {period !== undefined && (
          <tr>
            <th scope="row">{l('header.period')}</th>
            <td>
              {format.period(period)}
              {calendarQuarter != null && (
                <span className="rpt-quarter">
                  {l('header.quarter', { year: calendarQuarter.year, quarter: calendarQuarter.quarter })}
                </span>
              )}
            </td>
          </tr>
        )}
        <tr>
          <th scope="row">{l('header.tam')}</th>
          <td>{header.tam.name ?? '—'}</td>
        </tr>
        <tr>
          <th scope="row">{l('header.tier')}</th>
          <td>{l(`glossary:tier.${header.customer.tier}`)}</td>
        </tr>
        <tr>
          <th scope="row">{l('header.contract')}</th>
          <td>
            {l('header.periodRange', {
              from: format.date(header.customer.contractStart),
              to: format.date(header.customer.contractEnd),
            })}
          </td>
        </tr>
        <tr>
          <th scope="row">{l('header.timeZone')}</th>
          <td>{format.zone(header.generatedAt)}</td>
        </tr>
        <tr>
          <th scope="row">{l('header.generatedAt')}</th>
          <td>{format.dateTime(header.generatedAt)}</td>
        </tr>
        {extra}
      </tbody>
    </table>
  );
}

/** A short, readable form of an id (the full id stays in the exports): shared/incidents. */
export { shortId } from '../../../shared/incidents/index';
