// Desktop notification strings (namespace 'notifications').
import type { Catalog } from '../../i18n/catalog';

export const en = {
  at_risk: {
    title: 'At risk: {{customer}}',
    body: 'L{{level}} “{{title}}” — answer due {{due}}.',
  },
  breached: {
    title: 'Response time breached: {{customer}}',
    body: 'L{{level}} “{{title}}” — the answer was due {{due}}. Escalate to the duty manager.',
  },
} as const;

export const ja: Catalog<typeof en> = {
  at_risk: {
    title: 'リスクあり：{{customer}}',
    body: 'L{{level}}「{{title}}」— 回答期限 {{due}}。',
  },
  breached: {
    title: '対応時間超過：{{customer}}',
    body: 'L{{level}}「{{title}}」— 回答期限 {{due}} を過ぎました。当番のマネージャーにエスカレーションしてください。',
  },
};
