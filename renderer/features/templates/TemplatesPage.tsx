// Reply templates (route /templates): the team's set (managers create, edit and delete it;
// everyone sees it) and the user's own personal set. Offline-safe: every change is a mutation.
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Locale, ReplyTemplate, TemplateScope } from '../../../shared/model/entities';
import { TEMPLATE_FIELDS, unknownFieldsOf } from '../../../shared/templates/index';
import { newId } from '../../../shared/sync/ids';
import { mutate, useCurrentReplica, useReplyTemplates } from '../../replica';
import { useConfirm } from '../../ui/Dialog';
import { OutcomeMessage, type Outcome } from '../../ui/common';
import { errorText } from '../../i18n/describe-error';
import './templates.css';

/** The help key of each field (i18next reads dots in a key as nesting). */
const FIELD_HELP = {
  'customer.name': 'customerName',
  'incident.number': 'incidentNumber',
  'incident.level': 'incidentLevel',
  'incident.dueAt': 'incidentDueAt',
  'tam.signature': 'tamSignature',
} as const satisfies Record<(typeof TEMPLATE_FIELDS)[number], string>;

type Editing = { mode: 'new'; scope: TemplateScope } | { mode: 'edit'; template: ReplyTemplate } | null;

export function TemplatesPage() {
  const { t } = useTranslation('templates');
  // The replica's actor: the signed-in user's id, role and team.
  const user = useCurrentReplica((s) => s.actor);
  const templates = useReplyTemplates();
  const [editing, setEditing] = useState<Editing>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [confirm, confirmDialog] = useConfirm();
  if (!user) return null;
  const manager = user.role === 'manager' || user.role === 'admin';
  const team = (templates ?? []).filter((x) => x.scope === 'team' && x.team === user.team);
  const personal = (templates ?? []).filter((x) => x.scope === 'user' && x.ownerId === user.id);

  async function remove(template: ReplyTemplate) {
    const ok = await confirm({
      title: t('page.deleteTitle', { name: template.name }),
      message: t('page.deleteMessage'),
      confirmLabel: t('page.delete'),
      danger: true,
    });
    if (!ok) return;
    const r = await mutate('replyTemplate.delete', { templateId: template.id });
    setOutcome(
      r.ok
        ? { ok: true, text: t('page.deleted') }
        : { ok: false, text: errorText(r.error), detail: r.error.message },
    );
  }

  const set = (scope: TemplateScope, rows: ReplyTemplate[], canEdit: boolean) => (
    <section
      className="tpl-set ws-panel"
      aria-labelledby={`tpl-${scope}`}
      data-testid={`template-set-${scope}`}
    >
      <div className="ws-panel-head">
        <h3 id={`tpl-${scope}`}>
          {scope === 'team' ? t('page.team', { team: user.team }) : t('page.personal')}
        </h3>
        {canEdit && (
          <button
            type="button"
            onClick={() => setEditing({ mode: 'new', scope })}
            data-testid={`template-new-${scope}`}
          >
            {scope === 'team' ? t('page.newTeam') : t('page.new')}
          </button>
        )}
      </div>
      <p className="muted ws-small">{scope === 'team' ? t('page.teamHint') : t('page.personalHint')}</p>
      {rows.length === 0 && <p className="muted">{t('page.empty')}</p>}
      {rows.map((row) => (
        <article key={row.id} className="tpl-item" data-testid="template-item">
          <div className="tpl-item-head">
            <span className="tpl-name">{row.name}</span>
            <span className="muted ws-small">{t(`insert.languages.${row.language}`)}</span>
            {canEdit && (
              <>
                <button type="button" onClick={() => setEditing({ mode: 'edit', template: row })}>
                  {t('page.edit')}
                </button>
                <button type="button" onClick={() => void remove(row)}>
                  {t('page.delete')}
                </button>
              </>
            )}
          </div>
          <pre className="tpl-body" lang={row.language}>
            {row.body}
          </pre>
        </article>
      ))}
    </section>
  );

  return (
    <section aria-labelledby="templates-title" className="templates-page" data-testid="templates-page">
      <h2 id="templates-title">{t('page.title')}</h2>
      <p className="muted">{t('page.intro')}</p>
      <section className="tpl-fields ws-small" aria-label={t('page.fields')}>
        <strong>{t('page.fields')}:</strong>{' '}
        {TEMPLATE_FIELDS.map((f) => (
          <span key={f}>
            <code>{`{{${f}}}`}</code> {t(`page.fieldHelp.${FIELD_HELP[f]}`)}
            {'; '}
          </span>
        ))}
        <Link to="/account">{t('page.signatureLink')}</Link>
      </section>
      <OutcomeMessage outcome={outcome} testId="template-outcome" />
      {editing && (
        <TemplateForm
          key={editing.mode === 'edit' ? editing.template.id : `new-${editing.scope}`}
          editing={editing}
          team={user.team}
          onDone={(text) => {
            setEditing(null);
            if (text) setOutcome({ ok: true, text });
          }}
        />
      )}
      {set('team', team, manager)}
      {set('user', personal, true)}
      {confirmDialog}
    </section>
  );
}

function TemplateForm({
  editing,
  team,
  onDone,
}: {
  editing: NonNullable<Editing>;
  team: string;
  onDone: (saved: string | null) => void;
}) {
  const { t } = useTranslation('templates');
  const id = useId();
  const existing = editing.mode === 'edit' ? editing.template : null;
  const scope = existing?.scope ?? (editing.mode === 'new' ? editing.scope : 'user');
  const [name, setName] = useState(existing?.name ?? '');
  const [language, setLanguage] = useState<Locale>(existing?.language ?? 'ja');
  const [body, setBody] = useState(existing?.body ?? '');
  const [errors, setErrors] = useState<{ name?: string; body?: string }>({});
  const [failure, setFailure] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setFailure(null);
    const next: typeof errors = {};
    if (name.trim() === '') next.name = t('form.errors.name');
    const unknown = unknownFieldsOf(body);
    if (body.trim() === '') next.body = t('form.errors.body');
    else if (unknown.length > 0)
      next.body = t('form.errors.unknown', { fields: unknown.map((f) => `{{${f}}}`).join(', ') });
    setErrors(next);
    if (next.name) nameRef.current?.focus();
    else if (next.body) bodyRef.current?.focus();
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    const r = existing
      ? await mutate('replyTemplate.update', { templateId: existing.id, name, language, body })
      : await mutate('replyTemplate.create', { id: newId(), scope, name, language, body });
    setBusy(false);
    if (!r.ok) {
      setFailure({ ok: false, text: errorText(r.error), detail: r.error.message });
      return;
    }
    onDone(t('page.saved'));
  }

  return (
    <form
      className="ws-panel ws-form tpl-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-title`}
      data-testid="template-form"
    >
      <h3 id={`${id}-title`}>{existing ? t('form.titleEdit') : t('form.titleNew')}</h3>
      <p className="muted ws-small">
        {t('form.scope')}: {t(`form.scopes.${scope}`, { team })}
      </p>
      <div className="ws-field-row">
        <div className="ws-field">
          <label htmlFor={`${id}-name`}>{t('form.name')}</label>
          <input
            id={`${id}-name`}
            ref={nameRef}
            value={name}
            autoFocus
            onChange={(e) => setName(e.target.value)}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? `${id}-name-error` : undefined}
            data-testid="template-name"
          />
          {errors.name && (
            <span id={`${id}-name-error`} className="ws-error-text">
              {errors.name}
            </span>
          )}
        </div>
        <div className="ws-field">
          <label htmlFor={`${id}-lang`}>{t('form.language')}</label>
          <select
            id={`${id}-lang`}
            value={language}
            onChange={(e) => setLanguage(e.target.value as Locale)}
            data-testid="template-form-language"
          >
            <option value="ja">{t('insert.languages.ja')}</option>
            <option value="en">{t('insert.languages.en')}</option>
          </select>
        </div>
      </div>
      <div className="ws-field">
        <label htmlFor={`${id}-body`}>{t('form.body')}</label>
        <textarea
          id={`${id}-body`}
          ref={bodyRef}
          rows={8}
          value={body}
          lang={language}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={errors.body ? `${id}-body-error` : undefined}
          data-testid="template-body"
        />
        {errors.body && (
          <span id={`${id}-body-error`} className="ws-error-text">
            {errors.body}
          </span>
        )}
      </div>
      <div className="ws-field-row">
        <button type="submit" disabled={busy} data-testid="template-save">
          {busy ? t('form.saving') : t('form.save')}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t('form.cancel')}
        </button>
      </div>
      <OutcomeMessage outcome={failure} />
    </form>
  );
}
