import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/model/error-codes';
import { errorText } from './describe-error';
import { CLIENT_ERROR_CODES, en, ja } from './errors';
import { initI18n } from './index';

describe('error texts', () => {
  it.each([...ERROR_CODES, ...CLIENT_ERROR_CODES])('%s has a Japanese and an English text', (code) => {
    expect((en.code as Record<string, string>)[code]).toMatch(/\S/);
    expect((ja.code as Record<string, string>)[code]).toMatch(/[\u3040-\u30ff\u4e00-\u9faf]/);
  });

  it('names only registered codes', () => {
    expect(Object.keys(en.code).sort()).toEqual([...ERROR_CODES, ...CLIENT_ERROR_CODES].sort());
    for (const code of Object.keys(en.withParams)) expect(ERROR_CODES).toContain(code);
  });

  describe('errorText', () => {
    beforeAll(() => {
      initI18n('ja');
    });

    it('words a stale status with the glossary term, never the internal code', () => {
      const error = {
        code: 'stale_status',
        message:
          "The incident is now 'waiting_customer', not 'new' (someone changed it); review the incident and choose again.",
        params: { status: 'waiting_customer', expected: 'new' },
      };
      const ja = errorText(error, 'ja');
      expect(ja).toContain('「お客様の回答待ち」');
      expect(ja).not.toMatch(/waiting_customer|someone/);
      expect(errorText(error, 'en')).toContain('“Waiting for the customer”');
    });

    it('words a code without params by its code, and an unknown code by a generic text', () => {
      expect(errorText({ code: 'invalid_credentials', message: 'Email or password is wrong.' }, 'ja')).toBe(
        ja.code.invalid_credentials,
      );
      expect(errorText({ code: 'stale_stage', message: 'x' }, 'en')).toBe(en.code.stale_stage);
      expect(errorText({ code: 'brand_new', message: 'x' }, 'ja')).toContain('brand_new');
      expect(i18next.language).toBe('ja');
    });
  });
});
