// An error (a server or shared-rule rejection, or the app's own) worded in the user's language
// from its code and params; the English message is never the main text (ErrorDetails shows it).
import i18next from 'i18next';
import type { ErrorParams } from '../../shared/model/error-codes';
import { en } from './errors';

export interface CodedError {
  code: string;
  message: string;
  params?: ErrorParams | undefined;
}

const hasParams = (code: string): code is keyof typeof en.withParams => Object.hasOwn(en.withParams, code);
const isKnown = (code: string): code is keyof typeof en.code => Object.hasOwn(en.code, code);

/** The text of an error in the current language (or `lng`). */
export function errorText(error: CodedError, lng?: string): string {
  const t = i18next.getFixedT(lng ?? i18next.language ?? 'en', 'errors');
  if (hasParams(error.code) && error.params) {
    // The params come from the server as values, checked against no key's variables.
    const withParams = t as unknown as (
      key: `withParams.${keyof typeof en.withParams}`,
      options: object,
    ) => string;
    return withParams(`withParams.${error.code}`, { ...error.params });
  }
  if (isKnown(error.code)) return t(`code.${error.code}`);
  return t('unknown', { code: error.code });
}
