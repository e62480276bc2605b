// "Mark as sent" after a PDF exists: a running quarter is never offered, a period already
// logged says so, and "Not sent" (the print was cancelled) logs nothing.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { buildQuarterlyReport } from '../../../shared/reports/index';
import { customer, report, uuid } from '../../../shared/analytics/testing/fixtures';
import { initI18n } from '../../i18n';
import { useCurrentReplica } from '../../replica/current';
import { useUiStore } from '../../state/ui-store';
import { MarkSentPanel, markSentState, quarterlyLogArgs } from './MarkSent';

const c = customer({ id: uuid('ms'), contractStart: '2026-01-01', contractEnd: '2028-12-31' });
const build = (from: string, to: string) =>
  buildQuarterlyReport({
    customer: c,
    incidents: [],
    events: [],
    requests: [],
    healthChecks: [],
    reportLog: [],
    users: [],
    period: { from, to },
    locale: 'en',
    now: '2026-12-10T10:00:00+09:00',
  });
const running = build('2026-10-01', '2027-01-01');
const ended = build('2026-07-01', '2026-10-01');
const custom = build('2026-11-01', '2026-12-10');

beforeAll(() => {
  useUiStore.setState({ locale: 'en' });
});
afterEach(() => cleanup());

describe('markSentState', () => {
  it('a running quarter cannot be marked; an ended one can, once', () => {
    expect(markSentState(running, [], '2026-12-10')).toEqual({ kind: 'running', lastDay: '2026-12-31' });
    expect(markSentState(running, [], '2026-12-31').kind).toBe('running');
    expect(markSentState(running, [], '2027-01-01').kind).toBe('ready');
    expect(markSentState(ended, [], '2026-12-10').kind).toBe('ready');
    const logged = report(uuid('r'), c.id, {
      periodStart: '2026-07-01',
      periodEnd: '2026-09-30',
      sentAt: '2026-10-05T01:00:00Z',
    });
    expect(markSentState(ended, [logged], '2026-12-10')).toEqual({ kind: 'logged', sentAt: logged.sentAt });
    // A custom period is not a quarter: it may be logged any time.
    expect(markSentState(custom, [], '2026-12-10').kind).toBe('ready');
  });

  it('logs a quarter as quarterly, a custom period as custom, with the period’s last day', () => {
    expect(quarterlyLogArgs(ended, '2026-12-10T01:00:00Z', 'note')).toMatchObject({
      kind: 'quarterly',
      periodStart: '2026-07-01',
      periodEnd: '2026-09-30',
      via: 'email',
    });
    expect(quarterlyLogArgs(custom, '2026-12-10T01:00:00Z', 'note')).toMatchObject({
      kind: 'custom',
      periodStart: '2026-11-01',
      periodEnd: '2026-12-09',
    });
  });
});

describe('MarkSentPanel', () => {
  const show = (r = ended) =>
    render(
      <I18nextProvider i18n={initI18n('en')}>
        <MarkSentPanel report={r} reportLog={[]} today="2026-12-10" note="PDF export" />
      </I18nextProvider>,
    );

  it('does not offer a running quarter', () => {
    show(running);
    expect(screen.getByTestId('mark-sent-running').textContent).toContain('still running');
    expect(screen.queryByTestId('mark-sent-confirm')).toBeNull();
  });

  it('names the period, and "Not sent" logs nothing', () => {
    // No replica is open: a mutation would fail and say so; "Not sent" must not try one.
    useCurrentReplica.setState({ db: null, actor: null });
    show();
    expect(screen.getByTestId('mark-sent').textContent).toMatch(/2026.*2026/);
    fireEvent.click(screen.getByTestId('mark-sent-dismiss'));
    expect(screen.getByTestId('mark-sent-dismissed').textContent).toContain('Nothing was logged');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
