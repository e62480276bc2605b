// Keys are type-checked: `t('feature:missingKey')` fails the type-check. The English catalogs
// give the key shapes (the Japanese ones must match them: `Catalog<T>`).
import 'i18next';
import type { NAMESPACES } from './index';

type EnglishResources = { [Ns in keyof typeof NAMESPACES]: (typeof NAMESPACES)[Ns]['en'] };

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: EnglishResources;
  }
}
