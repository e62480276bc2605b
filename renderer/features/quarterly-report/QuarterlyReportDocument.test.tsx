// The quarterly report document in a DOM: every section of the model appears with its
// numbers, in the report's language, in the chosen order; user text is text. And the same
// document as the self-contained HTML the desktop prints: escaped, accepted by the bridge.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { buildQuarterlyReport, QUARTERLY_SECTIONS } from '../../../shared/reports/index';
import { reportT } from '../../i18n/fixed';
import type { QuarterlyReportInput } from '../../../shared/reports/index';
import {
  customer,
  event,
  healthCheck,
  incident,
  report,
  request,
  user,
  uuid,
} from '../../../shared/analytics/testing/fixtures';
import { parseBridgeArgs } from '../../../shared/bridge/contract';
import { renderStandaloneReport } from '../report-pdf/standalone';
import { quarterlyFileName, quarterlyTitle } from './files';
import { QuarterlyReportDocument } from './QuarterlyReportDocument';

const HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script>';

const sato = user(uuid('sato'), '佐藤 花子');
const c = customer({
  id: uuid('qc'),
  nameJa: '株式会社サンプル',
  nameLatin: 'Sample Corporation',
  contractStart: '2025-10-01',
  contractEnd: '2026-09-30',
  tamId: sato.id,
});
const id = (n: string) => uuid(`q-${n}`);

const input: QuarterlyReportInput = {
  customer: c,
  incidents: [
    incident({
      id: id('p1'),
      customerId: c.id,
      severity: 1,
      receivedAt: '2025-12-31T23:50:00+09:00',
      firstResponseAt: '2026-01-01T00:10:00+09:00',
      resolvedAt: '2026-01-02T10:00:00+09:00',
    }),
    incident({
      id: id('p2'),
      customerId: c.id,
      severity: 2,
      receivedAt: '2026-01-10T10:00:00+09:00',
      firstResponseAt: '2026-01-10T15:00:00+09:00',
      resolvedAt: '2026-01-12T10:00:00+09:00',
      title: HOSTILE,
    }),
    incident({
      id: id('p4'),
      customerId: c.id,
      severity: 1,
      receivedAt: '2025-12-20T10:00:00+09:00',
      title: 'Scan engine crash',
    }),
    incident({
      id: id('p5'),
      customerId: c.id,
      severity: 3,
      channel: 'portal',
      receivedAt: '2026-02-10T10:00:00+09:00',
      firstResponseAt: '2026-02-10T12:00:00+09:00',
      resolvedAt: '2026-02-12T10:00:00+09:00',
    }),
  ],
  events: [
    event(id('e1'), id('p2'), c.id, '2026-01-10T15:00:00+09:00', { kind: 'response', isAnswer: true }),
  ],
  requests: [
    request(
      id('sig'),
      c.id,
      'signature_release',
      [
        ['submitted', '2026-02-01T10:00:00+09:00'],
        ['in_analysis', '2026-02-03T10:00:00+09:00'],
      ],
      { title: '誤検知の修正依頼 / False positive fix' },
    ),
    request(
      id('patch'),
      c.id,
      'private_patch',
      [
        ['requested', '2026-03-01T10:00:00+09:00'],
        ['accepted', '2026-03-02T10:00:00+09:00'],
      ],
      { title: 'Private fix for scan engine crash' },
    ),
  ],
  healthChecks: [
    healthCheck(id('hc1'), c.id, {
      scheduledDate: '2025-11-10',
      status: 'completed',
      completedAt: '2025-11-10T17:00:00+09:00',
      findings: [
        {
          id: id('f1'),
          area: 'Update schedule',
          finding: 'Signature updates every 24 hours.',
          severity: 'high',
          recommendation: 'Update every hour.',
          status: 'open',
        },
        {
          id: id('f2'),
          area: 'Exclusions',
          finding: HOSTILE,
          severity: 'low',
          recommendation: 'Limit them.',
          status: 'resolved',
        },
      ],
    }),
    healthCheck(id('hc2'), c.id, {
      scheduledDate: '2026-05-20',
      status: 'scheduled',
      agreedOn: '2026-04-01',
    }),
  ],
  reportLog: [
    report(id('r1'), c.id, {
      periodStart: '2025-10-01',
      periodEnd: '2025-12-31',
      sentAt: '2026-01-05T10:00:00+09:00',
    }),
  ],
  users: [sato],
  period: { from: '2026-01-01', to: '2026-04-01' },
  locale: 'ja',
  now: '2026-04-03T10:00:00+09:00',
};

afterEach(() => cleanup());

const doc = () => screen.getByTestId('quarterly-report-document');
const sectionEl = (key: string) => doc().querySelector(`[data-section="${key}"]`) as HTMLElement;

/** A row's cells' text, for a row whose header cell is `label`. */
function rowText(container: HTMLElement, label: string): string {
  const th = within(container)
    .getAllByRole('rowheader')
    .find((h) => h.textContent === label);
  if (!th) throw new Error(`no row ${label}`);
  return th.parentElement?.textContent ?? '';
}

describe('QuarterlyReportDocument', () => {
  it('shows every section of the standard report, in order, with its title', () => {
    const model = buildQuarterlyReport(input);
    render(<QuarterlyReportDocument report={model} headingLevel={1} />);
    const l = reportT('ja');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('四半期レポート');
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(
      QUARTERLY_SECTIONS.map((k) => l(`sections.${k}`)),
    );
    expect([...doc().querySelectorAll('[data-section]')].map((s) => s.getAttribute('data-section'))).toEqual([
      ...QUARTERLY_SECTIONS,
    ]);
    // No heading says the same thing twice (the incident list is not titled like its section).
    const texts = screen.getAllByRole('heading').map((h) => h.textContent);
    expect(new Set(texts).size).toBe(texts.length);
    // Each section is a region named by its heading.
    for (const key of QUARTERLY_SECTIONS)
      expect(screen.getByRole('region', { name: l(`sections.${key}`) })).toBeTruthy();
  });

  it('header: the customer in both scripts, TAM, the period by its dates and calendar quarter', () => {
    render(<QuarterlyReportDocument report={buildQuarterlyReport(input)} />);
    expect(doc().textContent).toContain('株式会社サンプル');
    expect(doc().textContent).toContain('Sample Corporation');
    expect(doc().textContent).toContain('佐藤 花子');
    expect(doc().textContent).toContain('2026年1月1日 ～ 2026年3月31日');
    expect(doc().textContent).toContain('2026年 第1四半期');
    // Periods are named by their dates, never by a running contract-quarter number.
    expect(doc().textContent).not.toContain('第 2 四半期');
    expect(doc().getAttribute('lang')).toBe('ja');
  });

  it('summary, incidents, SLA: the model’s numbers', () => {
    const model = buildQuarterlyReport(input);
    render(<QuarterlyReportDocument report={model} />);
    const summary = sectionEl('summary');
    expect(rowText(summary, '受付件数')).toBe('受付件数2');
    expect(rowText(summary, '解決件数')).toBe('解決件数3');
    expect(rowText(summary, '期首の未解決件数')).toBe('期首の未解決件数2');
    expect(rowText(summary, '期末の未解決件数')).toBe('期末の未解決件数1');
    expect(rowText(summary, 'レベル 2 高')).toBe('レベル 2 高1');
    expect(rowText(summary, 'SLA 達成率')).toBe('SLA 達成率66.7% (2 / 3)');

    const incidents = sectionEl('incidents');
    const rows = within(within(incidents).getByTestId('report-incident-table')).getAllByRole('row');
    expect(rows).toHaveLength(1 + 4);
    expect(rows[3]?.textContent).toContain('未達');
    expect(rows[3]?.textContent).toContain('5時間');
    expect(within(incidents).queryByTestId('report-incidents-listed')).toBeNull();
    expect(within(incidents).getByRole('img', { name: '月別・重要度別インシデント件数' })).toBeTruthy();

    const sla = within(sectionEl('sla')).getByTestId('report-sla-table');
    expect(rowText(sla, 'レベル 1 クリティカル')).toContain('30分');
    expect(within(sectionEl('sla')).getByRole('img', { name: '重要度別の回答時間分布' })).toBeTruthy();
  });

  it('requests, health checks and their follow-up, next steps', () => {
    render(<QuarterlyReportDocument report={buildQuarterlyReport(input)} />);
    const requests = sectionEl('requests');
    expect(within(requests).getByTestId('report-signature-releases').textContent).toContain(
      '誤検知の修正依頼',
    );
    expect(within(requests).getByTestId('report-signature-releases').textContent).toContain('分析中');
    expect(within(requests).getByTestId('report-private-patches').textContent).toContain('受諾');
    const checks = sectionEl('healthChecks');
    expect(checks.textContent).toContain('予定日 2026年5月20日');
    const findings = within(checks).getByTestId('report-findings');
    expect(findings.textContent).toContain('Update every hour.');
    expect(findings.textContent).toContain('未対応');
    expect(findings.textContent).toContain('対応済み');
    const steps = within(sectionEl('nextSteps'))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(steps[0]).toContain('未解決のインシデント');
    expect(steps[0]).toContain('Scan engine crash');
    expect(steps.some((s) => s?.includes('未対応の指摘事項') && s.includes('Update schedule'))).toBe(true);
    expect(steps[steps.length - 1]).toContain('ヘルスチェック');
  });

  it('follows the customised sections, order and language', () => {
    const model = buildQuarterlyReport({ ...input, sections: ['sla', 'summary'], locale: 'en' });
    render(<QuarterlyReportDocument report={model} headingLevel={3} />);
    expect(screen.getByRole('heading', { level: 3 }).textContent).toBe('Quarterly report');
    expect(screen.getAllByRole('heading', { level: 4 }).map((h) => h.textContent)).toEqual([
      'SLA results (response time)',
      'Summary',
    ]);
    expect(doc().textContent).toContain('2026-01-01 – 2026-03-31');
    expect(doc().textContent).not.toContain('Next steps');
    expect(doc().getAttribute('lang')).toBe('en');
  });

  it('names each listed incident’s uploaded attachments, by name only and as safe text', () => {
    const file = (n: string, fileName: string, incidentId: string, at: string) => ({
      id: id(n),
      version: 1,
      updatedAt: at,
      deleted: false,
      customerId: c.id,
      incidentId,
      requestId: null,
      fileName,
      mediaType: 'image/svg+xml',
      size: 1234,
      sha256: 'a'.repeat(64),
      uploadedBy: sato.id,
      at,
      state: 'uploaded' as const,
    });
    const hostileName = `${HOSTILE}\u202Egnp.exe\u0007.svg`;
    render(
      <QuarterlyReportDocument
        report={buildQuarterlyReport({
          ...input,
          attachments: [
            file('a1', 'support-info.zip', id('p1'), '2026-01-02T09:00:00+09:00'),
            file('a2', hostileName, id('p1'), '2026-01-02T10:00:00+09:00'),
          ],
        })}
      />,
    );
    const listed = screen.getAllByTestId('report-attachments');
    expect(listed).toHaveLength(1);
    const text = listed[0]!.textContent ?? '';
    expect(text.startsWith('添付ファイル: support-info.zip, ')).toBe(true);
    // The hostile name is text: no markup, no bidi override, no control character, no size or hash.
    expect(doc().querySelector('script, img[src="x"], svg image')).toBeNull();
    expect(text.includes('\u202E') || text.includes('\u0007')).toBe(false);
    expect(text).toContain('<img src=x onerror=alert(1)>');
    expect(text).not.toContain('aaaa');
    expect(text).not.toContain('1234');
  });

  it('renders user text as text', () => {
    render(<QuarterlyReportDocument report={buildQuarterlyReport(input)} />);
    expect(doc().querySelector('script')).toBeNull();
    expect(doc().querySelector('img[src="x"]')).toBeNull();
    expect(doc().textContent).toContain(HOSTILE);
  });
});

describe('the self-contained HTML for the PDF', () => {
  it('escapes every value, carries the stylesheet, and passes the bridge’s checks', async () => {
    const model = buildQuarterlyReport(input);
    const html = await renderStandaloneReport(<QuarterlyReportDocument report={model} />, {
      lang: 'ja',
      title: quarterlyTitle(model),
      fonts: false,
    });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="ja">');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('株式会社サンプル');
    // The stylesheet goes in one <style> in the head (its text is Vite's ?raw import, empty under vitest).
    expect(html.match(/<style>/g)).toHaveLength(1);
    const fileName = quarterlyFileName(model);
    expect(fileName).toBe('四半期レポート_Sample Corporation_2026-01-01_2026-03-31.pdf');
    expect(() => parseBridgeArgs('savePdf', [{ html, fileName }])).not.toThrow();
  });

  it('a hostile title cannot break out of <title>', async () => {
    const model = buildQuarterlyReport(input);
    const html = await renderStandaloneReport(<QuarterlyReportDocument report={model} />, {
      lang: 'ja',
      title: `</title>${HOSTILE}`,
      fonts: false,
    });
    expect(html).toContain('<title>&lt;/title&gt;&lt;img');
    expect(() => parseBridgeArgs('renderPdf', [{ html }])).not.toThrow();
  });
});

describe('a long quarter in the document', () => {
  it('says how many incidents and open incidents it does not list', () => {
    const many = Array.from({ length: 130 }, (_, n) =>
      incident({
        id: id(`m${n}`),
        customerId: c.id,
        severity: 4,
        channel: 'portal',
        receivedAt: `2026-02-${String(1 + (n % 28)).padStart(2, '0')}T10:00:00+09:00`,
      }),
    );
    render(
      <QuarterlyReportDocument report={buildQuarterlyReport({ ...input, incidents: many, locale: 'en' })} />,
    );
    expect(within(screen.getByTestId('report-incident-table')).getAllByRole('row')).toHaveLength(1 + 100);
    expect(screen.getByTestId('report-incidents-listed').textContent).toBe(
      'The 100 most significant of the 130 incidents are listed; the data export (CSV / XLSX) has them all.',
    );
    expect(screen.getByTestId('report-steps-more').textContent).toBe(
      '105 more open incidents are not listed here (the data export has them).',
    );
  });
});
