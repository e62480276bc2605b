// Pieces the administration screens share: the signed-in actor, who may edit a customer,
// and the outcome of a mutation in the user's language.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../shared/model/entities';
import type { Actor } from '../../../shared/mutations';
import { errorText, type CodedError } from '../../i18n/describe-error';
import { useCurrentReplica } from '../../replica';
import type { MutateResult } from '../../replica';

export const useActor = (): Actor | null => useCurrentReplica((s) => s.actor);

export const isManager = (actor: Actor | null): boolean =>
  actor?.role === 'manager' || actor?.role === 'admin';

/** Whether the actor may edit names, contacts, products and the calendar (the server checks too). */
export function canEditCustomer(
  actor: Actor | null,
  customer: Pick<Customer, 'tamId' | 'backupTamId' | 'team'>,
): boolean {
  if (!actor) return false;
  if (actor.role === 'admin') return true;
  if (actor.role === 'manager') return customer.team === actor.team;
  return customer.tamId === actor.id || customer.backupTamId === actor.id;
}

/** A rejection as text: the reason in the user's language (by its code), the rule's own message after it. */
export function useRejectionText(): (error: CodedError) => string {
  const { t } = useTranslation('admin');
  return (error) => t('actions.failed', { reason: errorText(error), message: error.message });
}

export type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; text: string } | null;

/** The outcome line of a form: saved, or why not (announced to screen readers). */
export function OutcomeLine({ outcome, testId }: { outcome: Outcome; testId?: string }) {
  if (!outcome) return null;
  return (
    <p
      role={outcome.kind === 'error' ? 'alert' : 'status'}
      className={outcome.kind === 'error' ? 'ws-error' : 'ws-ok'}
      data-testid={testId}
    >
      {outcome.text}
    </p>
  );
}

/** Runs a mutation and turns its result into an outcome line. */
export function useOutcome() {
  const { t } = useTranslation('admin');
  const rejection = useRejectionText();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const report = (result: MutateResult, okText: string = t('actions.saved')) => {
    setOutcome(result.ok ? { kind: 'ok', text: okText } : { kind: 'error', text: rejection(result.error) });
    return result.ok;
  };
  return { outcome, setOutcome, report };
}
