import { useTranslation } from 'react-i18next';
import { SUPPORTED_LOCALES, isLocale } from '../i18n/locale';
import { useUiStore } from '../state/ui-store';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const locale = useUiStore((s) => s.locale);
  const setLocale = useUiStore((s) => s.setLocale);
  return (
    <label className="language-switch">
      <span>{t('language.label')}</span>
      <select
        value={locale}
        data-testid="language-select"
        onChange={(e) => {
          if (isLocale(e.target.value)) setLocale(e.target.value);
        }}
      >
        {SUPPORTED_LOCALES.map((l) => (
          <option key={l} value={l}>
            {t(`language.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
