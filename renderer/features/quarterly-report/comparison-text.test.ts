// The quarter-over-quarter summary in words, in both report languages, from the figures only.
import { beforeAll, describe, expect, it } from 'vitest';
import { compareFigures } from '../../../shared/analytics/index';
import { initI18n } from '../../i18n';
import { reportFormat } from '../report-pdf/format';
import { comparisonSentences, figureChange } from './comparison-text';

const comparison = {
  previousPeriod: { from: '2025-10-01', to: '2026-01-01' },
  figures: compareFigures(
    { received: 12, receivedLevel1: 1, resolved: 9, slaMetPct: 95, breaches: 3, openAtEnd: 2 },
    { received: 10, receivedLevel1: 2, resolved: 9, slaMetPct: 80, breaches: 1, openAtEnd: 2 },
  ),
};

beforeAll(() => {
  initI18n('en');
});

describe('comparisonSentences', () => {
  it('English: what improved, then what got worse, with both values', () => {
    expect(comparisonSentences(comparison, reportFormat('en', 'Asia/Tokyo'))).toEqual([
      'Improved on the previous period: Level-1 incidents received (2 → 1), SLA met (80.0% → 95.0%).',
      'Worse than the previous period: SLA missed or breached (1 → 3).',
    ]);
  });

  it('Japanese', () => {
    expect(comparisonSentences(comparison, reportFormat('ja', 'Asia/Tokyo'))).toEqual([
      '前期間より改善した項目：レベル 1 の受付件数（2 → 1）、SLA 達成率（80.0% → 95.0%）。',
      '前期間より悪化した項目：SLA 未達・期限超過（1 → 3）。',
    ]);
  });

  it('says so when nothing improved or got worse; the change is signed', () => {
    const steady = { ...comparison, figures: compareFigures({ received: 3 }, { received: 5 }, ['received']) };
    expect(comparisonSentences(steady, reportFormat('en', 'UTC'))).toEqual([
      'No figure improved or got worse compared with the previous period.',
    ]);
    expect(figureChange(comparison.figures[3]!, reportFormat('en', 'UTC'))).toBe('+15.0 pt');
    expect(figureChange(steady.figures[0]!, reportFormat('en', 'UTC'))).toBe('−2');
  });
});
