// Move a request to one of the stages its workflow allows next, with a note.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Request, RequestStage } from '../../../shared/model/entities';
import { mutate } from '../../replica';
import { OutcomeMessage, type Outcome } from '../../ui/common';
import { nextStages } from './model';
import { is } from '../../shortcuts/registry';
import { errorText } from '../../i18n/describe-error';

export function AdvanceStageForm({
  request,
  onDone,
}: {
  request: Request;
  onDone: (advancedTo: RequestStage | null) => void;
}) {
  const { t } = useTranslation(['requests', 'glossary']);
  const options = nextStages(request);
  const [to, setTo] = useState<RequestStage | ''>(options.length === 1 ? (options[0] ?? '') : '');
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const ids = { group: useId(), note: useId() };
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!to) {
      setOutcome({ ok: false, text: t('advance.pickStage') });
      return;
    }
    setBusy(true);
    const result = await mutate('request.advance', {
      requestId: request.id,
      from: request.stage,
      to,
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    setBusy(false);
    if (result.ok) onDone(to);
    else
      setOutcome({
        ok: false,
        text: t('error', { message: errorText(result.error) }),
        detail: result.error.message,
      });
  };

  return (
    <form
      className="ws-inline-form"
      onSubmit={(e) => void onSubmit(e)}
      aria-label={t('advance.formLabel', { title: request.title })}
      onKeyDown={(e) => {
        if (is(e, 'cancel')) onDone(null); // not while an IME is composing
      }}
    >
      <fieldset>
        <legend id={ids.group}>{t('advance.to')}</legend>
        {options.map((stage, i) => (
          <label key={stage} className="ws-radio">
            <input
              ref={i === 0 ? first : undefined}
              type="radio"
              name={`advance-${request.id}`}
              value={stage}
              checked={to === stage}
              onChange={() => setTo(stage)}
            />
            {t(`glossary:requestStage.${stage}`)}
          </label>
        ))}
      </fieldset>
      <div className="ws-field">
        <label htmlFor={ids.note}>{t('advance.note')}</label>
        <textarea
          id={ids.note}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          rows={2}
          maxLength={5000}
        />
      </div>
      <OutcomeMessage outcome={outcome} testId="advance-message" />
      <div className="ws-actions">
        <button type="submit" disabled={busy}>
          {t('advance.submit')}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t('advance.cancel')}
        </button>
      </div>
    </form>
  );
}
