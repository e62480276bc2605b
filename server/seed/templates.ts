// Demo reply templates: the team's set (Japanese and English, kept by the manager) and a
// personal template of each demo TAM. Own ids (their own generator), so adding them moves no
// other demo row's id.
import type { ReplyTemplate, TaggedRow, User } from '../../shared/model/entities';
import { mulberry32, uuidFrom } from './prng';

export function demoReplyTemplates(
  people: { team: string; manager: User; tams: readonly User[] },
  nowIso: string,
): TaggedRow[] {
  const rng = mulberry32(20261203);
  const row = (
    scope: ReplyTemplate['scope'],
    owner: User,
    name: string,
    language: ReplyTemplate['language'],
    body: string,
  ): TaggedRow => ({
    entity: 'replyTemplate',
    row: {
      id: uuidFrom(rng),
      version: 0,
      updatedAt: nowIso,
      deleted: false,
      scope,
      team: people.team,
      ownerId: scope === 'user' ? owner.id : null,
      name,
      language,
      body,
      updatedBy: owner.id,
    },
  });
  const { manager } = people;
  return [
    row(
      'team',
      manager,
      '初回回答（受付のご連絡）',
      'ja',
      [
        '{{customer.name}} 御中',
        '',
        'いつもお世話になっております。',
        'お問い合わせ（件番 {{incident.number}}、{{incident.level}}）を承りました。',
        '{{incident.dueAt}} までに初回のご回答を差し上げます。',
        '調査に必要な情報がございましたら、改めてご連絡いたします。',
        '',
        '{{tam.signature}}',
      ].join('\n'),
    ),
    row(
      'team',
      manager,
      'ログ取得のお願い',
      'ja',
      [
        '{{customer.name}} 御中',
        '',
        '件番 {{incident.number}} の調査のため、サポート情報収集ツールで取得したログをご提供いただけますでしょうか。',
        'ファイルはサポートポータルからアップロードいただけます。',
        '',
        '{{tam.signature}}',
      ].join('\n'),
    ),
    row(
      'team',
      manager,
      'First response (acknowledgement)',
      'en',
      [
        'Dear {{customer.name}},',
        '',
        'Thank you for contacting us. We have received your request (case {{incident.number}}, {{incident.level}}).',
        'You will receive our first answer by {{incident.dueAt}}.',
        'We will contact you if we need further information for the investigation.',
        '',
        'Best regards,',
        '{{tam.signature}}',
      ].join('\n'),
    ),
    row(
      'team',
      manager,
      'Request for logs',
      'en',
      [
        'Dear {{customer.name}},',
        '',
        'To investigate case {{incident.number}}, could you please send us the logs collected with the support information tool?',
        'You can upload the files through the support portal.',
        '',
        'Best regards,',
        '{{tam.signature}}',
      ].join('\n'),
    ),
    ...people.tams.map((tam) =>
      tam.locale === 'ja'
        ? row(
            'user',
            tam,
            '回避策のご案内',
            'ja',
            '{{customer.name}} 御中\n\n件番 {{incident.number}} について、回避策をご案内いたします。\n\n{{tam.signature}}',
          )
        : row(
            'user',
            tam,
            'Workaround',
            'en',
            'Dear {{customer.name}},\n\nFor case {{incident.number}}, here is a workaround:\n\n{{tam.signature}}',
          ),
    ),
  ];
}
