// The TAM's signature for reply templates, one per language (account settings).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../shared/model/entities';
import { setSignature, signatureOf } from './signature';

export function SignatureSettings({ userId }: { userId: string }) {
  const { t } = useTranslation('templates');
  const id = useId();
  const [text, setText] = useState<Record<Locale, string>>(() => ({
    ja: signatureOf(userId, 'ja') ?? '',
    en: signatureOf(userId, 'en') ?? '',
  }));
  const [saved, setSaved] = useState(false);
  return (
    <section aria-labelledby={`${id}-title`} data-testid="signature-settings">
      <h3 id={`${id}-title`}>{t('signature.title')}</h3>
      <p className="muted">{t('signature.intro', { field: '{{tam.signature}}' })}</p>
      <form
        className="ws-form"
        onSubmit={(e) => {
          e.preventDefault();
          setSignature(userId, 'ja', text.ja);
          setSignature(userId, 'en', text.en);
          setSaved(true);
        }}
      >
        {(['ja', 'en'] as const).map((l) => (
          <div className="ws-field" key={l}>
            <label htmlFor={`${id}-${l}`}>{t(`signature.${l}`)}</label>
            <textarea
              id={`${id}-${l}`}
              rows={3}
              lang={l}
              value={text[l]}
              onChange={(e) => {
                setText({ ...text, [l]: e.target.value });
                setSaved(false);
              }}
              data-testid={`signature-${l}`}
            />
          </div>
        ))}
        <button type="submit">{t('signature.save')}</button>
        {saved && (
          <p className="ws-ok-text" role="status">
            {t('signature.saved')}
          </p>
        )}
      </form>
    </section>
  );
}
