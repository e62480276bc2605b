// Strings of the shared UI kit (namespace 'ui'): the defaults of its dialogs.
import type { Catalog } from '../i18n/catalog';

export const en = {
  dialog: {
    confirm: 'OK',
    cancel: 'Cancel',
    close: 'Close',
  },
};

export const ja: Catalog<typeof en> = {
  dialog: {
    confirm: 'OK',
    cancel: 'キャンセル',
    close: '閉じる',
  },
};
