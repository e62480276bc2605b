// Picks the period of a chart page or a report: one of the customer's contract quarters
// (counted from the contract start) or a custom from/to range (inclusive dates).
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatePeriod } from '../../../shared/analytics/index';
import type { Locale } from '../../../shared/model/entities';
import { calendarQuarterOf } from '../../../shared/sla/index';
import type { QuarterlyPeriod } from '../../../shared/sla/index';
import { formatLocalDate } from '../../format/datetime';
import { customChoiceOf, type PeriodChoice, type ResolvedPeriod } from './period';

/**
 * A contract quarter's name: its dates, and the calendar quarter where it is exactly one
 * ("2026年10月1日 ～ 2026年12月31日（2026年 第4四半期）"), never a running number.
 */
export function useQuarterName(locale: Locale): (q: Pick<QuarterlyPeriod, 'start' | 'end'>) => string {
  const { t } = useTranslation('manager');
  return (q) => {
    const dates = t('period.quarterOption', {
      from: formatLocalDate(q.start, locale),
      to: formatLocalDate(q.end, locale),
    });
    const cq = calendarQuarterOf(q);
    if (cq === null) return dates;
    const name = t('period.calendarQuarter', { year: cq.year, quarter: cq.quarter });
    return locale === 'ja' ? `${dates}（${name}）` : `${dates} (${name})`;
  };
}

const CUSTOM = 'custom';

export function PeriodPicker({
  quarters,
  currentIndex,
  value,
  resolved,
  onChange,
  locale,
}: {
  quarters: readonly QuarterlyPeriod[];
  /** The running quarter, marked "(current)". */
  currentIndex: number | null;
  value: PeriodChoice;
  resolved: ResolvedPeriod;
  onChange: (choice: PeriodChoice) => void;
  locale: Locale;
}) {
  const { t } = useTranslation('manager');
  const quarterName = useQuarterName(locale);
  const selectId = useId();
  const fromId = useId();
  const toId = useId();
  const errorId = useId();
  const lastGood: DatePeriod | null = resolved.ok ? resolved.period : null;

  const onSelect = (v: string) => {
    if (v === CUSTOM) {
      const q = quarters[quarters.length - 1];
      onChange(
        customChoiceOf(lastGood ?? (q ? { from: q.start, to: q.endExclusive } : { from: '', to: '' })),
      );
    } else {
      onChange({ kind: 'quarter', index: Number(v) });
    }
  };
  const invalid = !resolved.ok;

  return (
    <fieldset className="mgr-period" data-testid="period-picker">
      <legend>{t('period.legend')}</legend>
      <div className="mgr-field">
        <label htmlFor={selectId}>{t('period.choose')}</label>
        <select
          id={selectId}
          value={value.kind === 'quarter' ? String(value.index) : CUSTOM}
          onChange={(e) => onSelect(e.target.value)}
          data-testid="period-select"
        >
          {[...quarters].reverse().map((q) => (
            <option key={q.index} value={String(q.index)}>
              {quarterName(q)}
              {q.index === currentIndex ? ` ${t('period.current')}` : ''}
            </option>
          ))}
          <option value={CUSTOM}>{t('period.custom')}</option>
        </select>
      </div>
      {value.kind === 'custom' && (
        <>
          <div className="mgr-field">
            <label htmlFor={fromId}>{t('period.from')}</label>
            <input
              id={fromId}
              type="date"
              value={value.from}
              onChange={(e) => onChange({ ...value, from: e.target.value })}
              aria-invalid={invalid || undefined}
              aria-describedby={invalid ? errorId : undefined}
              data-testid="period-from"
            />
          </div>
          <div className="mgr-field">
            <label htmlFor={toId}>{t('period.to')}</label>
            <input
              id={toId}
              type="date"
              value={value.to}
              onChange={(e) => onChange({ ...value, to: e.target.value })}
              aria-invalid={invalid || undefined}
              aria-describedby={invalid ? errorId : undefined}
              data-testid="period-to"
            />
          </div>
        </>
      )}
      {!resolved.ok && (
        <p id={errorId} className="mgr-period-error" role="alert">
          {t(`period.errors.${resolved.error}`)}
        </p>
      )}
    </fieldset>
  );
}
