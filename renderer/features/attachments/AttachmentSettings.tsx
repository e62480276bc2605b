// The attachment size limit, a setting of this computer (Account → Attachments): how large one
// file may be when attached here (default 200 MB), never above the server's own limit, which
// the app learns when it signs in (GET /v1/me).
import { useId, useState, useSyncExternalStore, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_ATTACHMENT_MAX_BYTES } from '../../../shared/attachments/limits';
import {
  LIMIT_UNIT_BYTES,
  attachmentMaxBytes,
  attachmentMaxBytesBound,
  attachmentMaxBytesSetting,
  formatLimit,
  parseAttachmentMaxMb,
  setAttachmentMaxBytes,
  subscribeAttachmentLimit,
} from '../../attachments/files';

/** The limit applied now, kept current when the setting or the server's limit changes. */
export function useAttachmentMaxBytes(): number {
  return useSyncExternalStore(subscribeAttachmentLimit, attachmentMaxBytes);
}

export function AttachmentSettings() {
  const { t } = useTranslation('attachments');
  const ids = { input: useId(), hint: useId() };
  const effective = useAttachmentMaxBytes();
  const bound = useSyncExternalStore(subscribeAttachmentLimit, attachmentMaxBytesBound);
  const [text, setText] = useState(() => String(Math.floor(effective / LIMIT_UNIT_BYTES)));
  const [message, setMessage] = useState<{ kind: 'error' | 'done'; text: string } | null>(null);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const check = parseAttachmentMaxMb(text, bound);
    if (!check.ok) {
      setMessage({ kind: 'error', text: t(`settings.invalid.${check.reason}`, { max: check.maxMb }) });
      return;
    }
    setAttachmentMaxBytes(check.bytes === DEFAULT_ATTACHMENT_MAX_BYTES ? null : check.bytes);
    setMessage({ kind: 'done', text: t('settings.saved', { max: formatLimit(attachmentMaxBytes()) }) });
  };

  const reset = () => {
    setAttachmentMaxBytes(null);
    const now = attachmentMaxBytes();
    setText(String(Math.floor(now / LIMIT_UNIT_BYTES)));
    setMessage({ kind: 'done', text: t('settings.saved', { max: formatLimit(now) }) });
  };

  return (
    <section aria-labelledby="attachment-settings-title" data-testid="attachment-settings">
      <h3 id="attachment-settings-title">{t('settings.title')}</h3>
      <form onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor={ids.input}>{t('settings.maxLabel')}</label>
          <input
            id={ids.input}
            type="number"
            inputMode="numeric"
            min={1}
            max={Math.max(1, Math.floor(bound / LIMIT_UNIT_BYTES))}
            step={1}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setMessage(null);
            }}
            aria-describedby={ids.hint}
            data-testid="attachment-max-mb"
          />{' '}
          MB
          <small id={ids.hint} className="muted">
            {t('settings.maxHint', {
              server: formatLimit(bound),
              default: formatLimit(DEFAULT_ATTACHMENT_MAX_BYTES),
              current: formatLimit(effective),
            })}
            {attachmentMaxBytesSetting() === null ? '' : ` ${t('settings.custom')}`}
          </small>
        </div>
        {message && (
          <p
            role={message.kind === 'error' ? 'alert' : 'status'}
            className={message.kind === 'error' ? 'form-error' : 'muted'}
            data-testid="attachment-settings-message"
          >
            {message.text}
          </p>
        )}
        <button type="submit">{t('settings.save')}</button>{' '}
        <button type="button" onClick={reset}>
          {t('settings.reset')}
        </button>
      </form>
    </section>
  );
}
