// The daily critical-incident report document: every part of the model, in the report's
// language; user text as text; and the e-mail built around it carries it.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { buildDailyCriticalReport } from '../../../shared/reports/index';
import type { DailyCriticalReportInput } from '../../../shared/reports/index';
import {
  customer,
  event,
  incident,
  report,
  request,
  user,
  uuid,
} from '../../../shared/analytics/testing/fixtures';
import { parseBridgeArgs } from '../../../shared/bridge/contract';
import { DailyCriticalDocument } from './DailyCriticalDocument';
import { dailyFileStem, dailyMailText, dailyTitle } from './DailyCriticalPage';
import { renderStandaloneReport } from './standalone';

const sato = user(uuid('sato'), '佐藤 花子');
const c = customer({ id: uuid('dc'), tamId: sato.id });
const id = (n: string) => uuid(`d-${n}`);
const critical = incident({
  id: id('inc'),
  customerId: c.id,
  severity: 1,
  channel: 'email',
  receivedAt: '2026-03-03T20:00:00+09:00',
  firstResponseAt: '2026-03-04T09:20:00+09:00',
  title: 'Mail gateway down <b>now</b>',
});

const input: DailyCriticalReportInput = {
  customer: c,
  incident: critical,
  events: [
    event(id('ev1'), critical.id, c.id, '2026-03-04T09:20:00+09:00', { kind: 'response', isAnswer: true }),
    event(id('ev2'), critical.id, c.id, '2026-03-04T17:00:00+09:00', { kind: 'report_sent' }),
    event(id('ev3'), critical.id, c.id, '2026-03-05T10:00:00+09:00', {
      kind: 'vendor_update',
      body: 'Patch <script>alert(1)</script> in test',
    }),
    event(id('ev4'), critical.id, c.id, '2026-03-05T11:00:00+09:00', {
      visibility: 'internal',
      body: 'internal only',
    }),
    event(id('ev5'), critical.id, c.id, '2026-03-04T18:30:00+09:00', {
      kind: 'call',
      authorId: sato.id,
      body: 'Called the customer',
    }),
  ],
  reportLog: [
    report(id('rep1'), c.id, {
      kind: 'daily',
      incidentId: critical.id,
      sentAt: '2026-03-04T17:00:00+09:00',
      via: 'email',
      periodStart: '2026-03-04',
      periodEnd: '2026-03-04',
    }),
  ],
  users: [sato],
  requests: [
    request(id('sig'), c.id, 'signature_release', [['submitted', '2026-03-04T12:00:00+09:00']], {
      incidentId: critical.id,
      title: 'Detection fix',
    }),
  ],
  locale: 'ja',
  now: '2026-03-05T15:00:00+09:00',
};

afterEach(() => cleanup());

describe('DailyCriticalDocument', () => {
  it('shows the title with its number, the status, the SLA, the timeline since the last report and the next steps', () => {
    render(<DailyCriticalDocument report={buildDailyCriticalReport(input)} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      '日次レポート（クリティカルインシデント） — 第 2 報',
    );
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      '現在の状況',
      '対応時間（SLA）',
      '前回報告以降の経過',
      '今後の対応',
    ]);
    const doc = screen.getByTestId('daily-critical-document');
    expect(doc.textContent).toContain('株式会社サンプル');
    expect(doc.textContent).toContain('2026年3月4日 17:00 (メール)');
    expect(doc.textContent).toContain('営業時間外に電話以外で受付のため');
    const timeline = within(screen.getByTestId('daily-timeline')).getAllByRole('row');
    expect(timeline.map((r) => r.textContent)).toEqual([
      '日時種別担当者内容',
      '2026年3月4日 18:30電話佐藤 花子Called the customer',
      expect.stringContaining('2026年3月5日 10:00ベンダーからの更新'),
    ]);
    expect(doc.textContent).not.toContain('internal only');
    const steps = screen.getByRole('region', { name: '今後の対応' }).textContent ?? '';
    expect(steps).toContain('調査を継続しています');
    expect(steps).toContain('Detection fix');
    expect(steps).toContain('次回の日次報告2026年3月6日');
  });

  it('renders user text as text, in the page and in the e-mail/PDF document', async () => {
    const model = buildDailyCriticalReport(input);
    render(<DailyCriticalDocument report={model} />);
    const doc = screen.getByTestId('daily-critical-document');
    expect(doc.querySelector('script, b')).toBeNull();
    expect(doc.textContent).toContain('Patch <script>alert(1)</script> in test');
    const html = await renderStandaloneReport(<DailyCriticalDocument report={model} />, {
      lang: 'ja',
      title: dailyTitle(model),
      fonts: false,
    });
    expect(html).toContain('Patch &lt;script&gt;alert(1)&lt;/script&gt; in test');
    expect(() => parseBridgeArgs('renderPdf', [{ html }])).not.toThrow();
    expect(dailyFileStem(model)).toBe('daily-report_Sample Corporation_2026-03-05_no2');
    expect(dailyMailText(model, '本日の状況報告を添付いたします。')).toContain(
      'Mail gateway down <b>now</b>',
    );
  });

  it('writes English when asked', () => {
    render(
      <DailyCriticalDocument
        report={buildDailyCriticalReport({ ...input, locale: 'en' })}
        headingLevel={3}
      />,
    );
    expect(screen.getByRole('heading', { level: 3 }).textContent).toBe(
      'Daily report (critical incident) — Report no. 2',
    );
    expect(screen.getByTestId('daily-critical-document').textContent).toContain('2026-03-04 17:00 (Email)');
  });
});
