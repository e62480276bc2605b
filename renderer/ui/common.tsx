// Small pieces every workspace view shares: the UI language, a customer's name in it, a clock
// that ticks by the minute, what to show before a replica is open or while it loads, a
// mutation's outcome, a heading at the right level; and the workspace stylesheet (ws-*).
import { useEffect, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Customer } from '../../shared/model/entities';
import type { Locale } from '../i18n/locale';
import { useUiStore } from '../state/ui-store';
import './workspace.css';
import { ErrorDetails } from '../layout/ErrorDetails';

export function useLocale(): Locale {
  return useUiStore((s) => s.locale);
}

/** The customer's name in the UI language (Japanese script in Japanese); '—' for none. */
export function customerName(
  customer: Pick<Customer, 'nameJa' | 'nameLatin'> | undefined,
  locale: Locale,
): string {
  if (!customer) return '—';
  return locale === 'ja' ? customer.nameJa : customer.nameLatin;
}

/** The other script's name, shown beside it. */
export function otherName(customer: Pick<Customer, 'nameJa' | 'nameLatin'>, locale: Locale): string {
  return locale === 'ja' ? customer.nameLatin : customer.nameJa;
}

/** The current time (ms), refreshed when the wall-clock minute changes. */
export function useMinuteNow(): number {
  const [now, setNow] = useState(() => floorMinute(Date.now()));
  useEffect(() => {
    const id = setInterval(() => {
      const m = floorMinute(Date.now());
      setNow((prev) => (prev === m ? prev : m));
    }, 5_000);
    return () => clearInterval(id);
  }, []);
  return now;
}

function floorMinute(ms: number): number {
  return ms - (ms % 60_000);
}

/** Shown instead of a view while no replica is open (nobody signed in on this computer). */
export function NoReplica({ titleId, title }: { titleId: string; title: string }) {
  const { t } = useTranslation('customers');
  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <p>
        {t('common.signInFirst')} <Link to="/sign-in">{t('common.signIn')}</Link>
      </p>
    </section>
  );
}

export function Loading() {
  const { t } = useTranslation('customers');
  return <p aria-busy="true">{t('common.loading')}</p>;
}

/** A mutation's outcome: a confirmation (status) or the error the user can act on (alert). */
/** `detail`: the server's English message of a refusal, shown folded under the text. */
export type Outcome = { ok: true; text: string } | { ok: false; text: string; detail?: string } | null;

export function OutcomeMessage({ outcome, testId }: { outcome: Outcome; testId?: string }) {
  if (!outcome) return null;
  return (
    <>
      <p
        role={outcome.ok ? 'status' : 'alert'}
        className={outcome.ok ? 'ws-ok' : 'ws-error'}
        data-testid={testId}
      >
        {outcome.text}
      </p>
      {!outcome.ok && <ErrorDetails message={outcome.detail} />}
    </>
  );
}

export type HeadingLevel = 2 | 3 | 4 | 5 | 6;

/** A heading whose level follows where the component is placed (no skipped levels). */
export function Heading({ level, ...props }: { level: HeadingLevel } & HTMLAttributes<HTMLHeadingElement>) {
  const Tag = `h${level}` as const;
  return <Tag {...props} />;
}
