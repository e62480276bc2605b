// Adds an entry to the timeline: a note, a call, an email, a response to the customer (the
// first one marked as the answer sets the incident's first response: incident.recordResponse)
// or an escalation to the duty manager. Offline-safe: every write goes through mutate().
import { forwardRef, useId, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer, Incident, Visibility } from '../../../shared/model/entities';
import { newId } from '../../../shared/sync/ids';
import { mutate } from '../../replica';
import { formatDateTime, fromWallInput, userTimeZone } from '../../format/datetime';
import { useLocale } from '../../ui/common';
import { checkFormTime, timeBoundsText } from './time-bounds';
import { errorText } from '../../i18n/describe-error';
import { ErrorDetails } from '../../layout/ErrorDetails';
import { InsertTemplate } from '../templates';

export const EVENT_KINDS = ['note', 'call', 'email', 'response', 'escalation'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

const DEFAULT_VISIBILITY: Record<EventKind, Visibility> = {
  note: 'internal',
  call: 'customer',
  email: 'customer',
  response: 'customer',
  escalation: 'internal',
};

export interface AddEventFormHandle {
  /** Prefills an escalation and moves the focus to the form. */
  prefillEscalation(body: string): void;
}

export const AddEventForm = forwardRef<
  AddEventFormHandle,
  {
    incident: Incident;
    /** The whole customer: the time bounds read its calendar, the templates' fields its names and policy. */
    customer: Customer;
  }
>(function AddEventForm({ incident, customer }, ref) {
  const { t } = useTranslation(['incident', 'glossary']);
  const locale = useLocale();
  const id = useId();
  const [kind, setKind] = useState<EventKind>('note');
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('internal');
  const [isAnswer, setIsAnswer] = useState(true);
  const [at, setAt] = useState('');
  const [errors, setErrors] = useState<{ body?: string; at?: string }>({});
  const [failure, setFailure] = useState<{ text: string; detail: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const kindRef = useRef<HTMLSelectElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);

  useImperativeHandle(ref, () => ({
    prefillEscalation(text: string) {
      setKind('escalation');
      setVisibility(DEFAULT_VISIBILITY.escalation);
      setBody(text);
      setDone(null);
      setTimeout(() => bodyRef.current?.focus(), 0);
    },
  }));

  /** A filled template at the cursor (replacing a selection), the cursor after it. */
  function insertText(text: string) {
    const area = bodyRef.current;
    const start = area?.selectionStart ?? body.length;
    const end = area?.selectionEnd ?? body.length;
    const next = body.slice(0, start) + text + body.slice(end);
    setBody(next);
    setDone(null);
    setTimeout(() => {
      area?.focus();
      area?.setSelectionRange(start + text.length, start + text.length);
    }, 0);
  }

  function chooseKind(k: EventKind) {
    setKind(k);
    setVisibility(DEFAULT_VISIBILITY[k]);
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setDone(null);
    setFailure(null);
    const next: typeof errors = {};
    if (body.trim() === '') next.body = t('addEvent.errors.body');
    let when = new Date().toISOString();
    if (at !== '') {
      const parsed = fromWallInput(at, userTimeZone());
      const bounds = parsed === null ? null : checkFormTime(parsed, customer, Date.now());
      if (parsed === null) next.at = t('addEvent.errors.at');
      else if (bounds) next.at = timeBoundsText(bounds, userTimeZone(), locale);
      else when = parsed;
    }
    setErrors(next);
    if (next.body) bodyRef.current?.focus();
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    const result =
      kind === 'response'
        ? await mutate('incident.recordResponse', {
            incidentId: incident.id,
            eventId: newId(),
            at: when,
            body: body.trim(),
            isAnswer,
            visibility,
          })
        : await mutate('timeline.append', {
            id: newId(),
            incidentId: incident.id,
            kind,
            at: when,
            body: body.trim(),
            visibility,
          });
    setBusy(false);
    if (!result.ok) {
      setFailure({ text: errorText(result.error), detail: result.error.message });
      return;
    }
    setBody('');
    setAt('');
    setDone(t('addEvent.done'));
    kindRef.current?.focus();
  }

  return (
    <form
      className="ws-panel ws-form"
      onSubmit={submit}
      aria-labelledby={`${id}-title`}
      noValidate
      data-testid="add-event"
    >
      <h3 id={`${id}-title`}>{t('addEvent.title')}</h3>
      <div className="ws-field-row">
        <div className="ws-field">
          <label htmlFor={`${id}-kind`}>{t('addEvent.kind')}</label>
          <select
            id={`${id}-kind`}
            ref={kindRef}
            value={kind}
            onChange={(e) => chooseKind(e.target.value as EventKind)}
            data-testid="event-kind"
          >
            {EVENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`glossary:timelineKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="ws-field">
          <label htmlFor={`${id}-vis`}>{t('addEvent.visibility')}</label>
          <select
            id={`${id}-vis`}
            value={visibility}
            onChange={(e) => setVisibility(e.target.value as Visibility)}
          >
            <option value="customer">{t('timeline.visibility.customer')}</option>
            <option value="internal">{t('timeline.visibility.internal')}</option>
          </select>
        </div>
        <div className="ws-field">
          <label htmlFor={`${id}-at`}>{t('addEvent.at')}</label>
          <input
            id={`${id}-at`}
            type="datetime-local"
            value={at}
            onChange={(e) => setAt(e.target.value)}
            aria-describedby={`${id}-at-hint${errors.at ? ` ${id}-at-error` : ''}`}
            aria-invalid={errors.at ? true : undefined}
          />
          <span id={`${id}-at-hint`} className="muted ws-small">
            {t('addEvent.atHint')}
          </span>
          {errors.at && (
            <span id={`${id}-at-error`} className="ws-error-text">
              {errors.at}
            </span>
          )}
        </div>
      </div>
      {kind === 'response' && (
        <div className="ws-field ws-check">
          <label>
            <input
              type="checkbox"
              checked={isAnswer}
              onChange={(e) => setIsAnswer(e.target.checked)}
              data-testid="event-is-answer"
            />{' '}
            {t('addEvent.isAnswer')}
          </label>
          <span className="muted ws-small">
            {incident.firstResponseAt
              ? t('addEvent.isAnswerAlready', {
                  at: formatDateTime(incident.firstResponseAt, userTimeZone(), locale),
                })
              : t('addEvent.isAnswerFirst')}
          </span>
        </div>
      )}
      <div className="ws-field">
        <div className="ws-field-row">
          <label htmlFor={`${id}-body`}>{t('addEvent.body')}</label>
          <InsertTemplate incident={incident} customer={customer} onInsert={insertText} />
        </div>
        <textarea
          id={`${id}-body`}
          ref={bodyRef}
          rows={3}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={errors.body ? `${id}-body-error` : undefined}
          data-testid="event-body"
        />
        {errors.body && (
          <span id={`${id}-body-error`} className="ws-error-text">
            {errors.body}
          </span>
        )}
      </div>
      <button type="submit" disabled={busy}>
        {busy ? t('addEvent.saving') : t('addEvent.submit')}
      </button>
      {failure && (
        <>
          <p className="ws-error-text" role="alert">
            {failure.text}
          </p>
          <ErrorDetails message={failure.detail} />
        </>
      )}
      {done && (
        <p className="ws-ok-text" role="status">
          {done}
        </p>
      )}
    </form>
  );
});
