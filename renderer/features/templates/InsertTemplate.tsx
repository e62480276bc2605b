// "Insert template" in the incident's composer: a dialog with a searchable list of the reply
// templates (the team's and the user's own) filtered by language, and the chosen one filled in
// from the incident as a preview before it is inserted. Keyboard: the search field keeps the
// focus, arrow keys move through the list, Enter inserts, Esc closes.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Customer, Incident, Locale, ReplyTemplate } from '../../../shared/model/entities';
import { useContacts, useReplyTemplates } from '../../replica';
import { useSession } from '../../session';
import { Dialog } from '../../ui/Dialog';
import { useLocale } from '../../ui/common';
import { fillForIncident } from './fill';
import { signatureOf } from './signature';
import './templates.css';

type LanguageFilter = Locale | 'all';

/** Templates whose name or text contains every word of the query (case and width folded). */
export function searchTemplates(
  templates: readonly ReplyTemplate[],
  query: string,
  language: LanguageFilter,
): ReplyTemplate[] {
  const fold = (s: string) => s.normalize('NFKC').toLowerCase();
  const words = fold(query).split(/\s+/).filter(Boolean);
  return templates.filter(
    (t) =>
      (language === 'all' || t.language === language) &&
      words.every((w) => fold(`${t.name}\n${t.body}`).includes(w)),
  );
}

export function InsertTemplate({
  incident,
  customer,
  onInsert,
}: {
  incident: Incident;
  customer: Customer;
  onInsert: (text: string) => void;
}) {
  const { t } = useTranslation('templates');
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="tpl-open" onClick={() => setOpen(true)} data-testid="insert-template">
        {t('insert.open')}
      </button>
      {open && (
        <InsertDialog
          incident={incident}
          customer={customer}
          onClose={() => setOpen(false)}
          onInsert={(text) => {
            setOpen(false);
            onInsert(text);
          }}
        />
      )}
    </>
  );
}

function InsertDialog({
  incident,
  customer,
  onClose,
  onInsert,
}: {
  incident: Incident;
  customer: Customer;
  onClose: () => void;
  onInsert: (text: string) => void;
}) {
  const { t } = useTranslation('templates');
  const uiLocale = useLocale();
  const id = useId();
  const user = useSession((s) => s.identity?.user);
  const templates = useReplyTemplates();
  const contacts = useContacts(customer.id);
  // The customer's language (their primary contact's) first, else the user's.
  const customerLocale = contacts?.find((c) => c.isPrimary)?.locale ?? contacts?.[0]?.locale;
  const [language, setLanguage] = useState<LanguageFilter | null>(null);
  const shownLanguage: LanguageFilter = language ?? customerLocale ?? uiLocale;
  const [query, setQuery] = useState('');
  const [activeId, setActiveId] = useState<string | null>(null);
  const matches = useMemo(
    () => searchTemplates(templates ?? [], query, shownLanguage),
    [templates, query, shownLanguage],
  );
  const active = matches.find((m) => m.id === activeId) ?? matches[0] ?? null;
  const filled = useMemo(
    () =>
      active && user
        ? fillForIncident({
            template: active,
            customer,
            incident,
            tam: user,
            signature: signatureOf(user.id, active.language),
            now: Date.now(),
          })
        : null,
    [active, user, customer, incident],
  );

  function move(delta: number) {
    if (matches.length === 0) return;
    const at = active ? matches.indexOf(active) : -1;
    const next = matches[(at + delta + matches.length) % matches.length]!;
    setActiveId(next.id);
    document.getElementById(`${id}-opt-${next.id}`)?.scrollIntoView({ block: 'nearest' });
  }

  function keyDown(e: React.KeyboardEvent) {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      move(1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      move(-1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (filled) onInsert(filled.text);
    }
  }

  return (
    <Dialog open onClose={onClose} title={t('insert.title')} testId="template-dialog" className="tpl-dialog">
      <div className="tpl-controls">
        <div className="ws-field">
          <label htmlFor={`${id}-q`}>{t('insert.search')}</label>
          <input
            id={`${id}-q`}
            type="search"
            role="combobox"
            aria-expanded="true"
            aria-controls={`${id}-list`}
            aria-activedescendant={active ? `${id}-opt-${active.id}` : undefined}
            aria-describedby={`${id}-hint`}
            placeholder={t('insert.searchPlaceholder')}
            value={query}
            autoFocus
            onChange={(e) => {
              setQuery(e.target.value);
              setActiveId(null);
            }}
            onKeyDown={keyDown}
            data-testid="template-search"
          />
        </div>
        <div className="ws-field">
          <label htmlFor={`${id}-lang`}>{t('insert.language')}</label>
          <select
            id={`${id}-lang`}
            value={shownLanguage}
            onChange={(e) => {
              setLanguage(e.target.value as LanguageFilter);
              setActiveId(null);
            }}
            data-testid="template-language"
          >
            {(['ja', 'en', 'all'] as const).map((l) => (
              <option key={l} value={l}>
                {t(`insert.languages.${l}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p id={`${id}-hint`} className="muted ws-small">
        {t('insert.hint')}
      </p>
      {templates !== undefined && templates.length === 0 ? (
        <p className="muted">{t('insert.noTemplates')}</p>
      ) : matches.length === 0 ? (
        <p className="muted">{t('insert.none')}</p>
      ) : (
        <ul id={`${id}-list`} role="listbox" aria-label={t('insert.list')} className="tpl-list" tabIndex={-1}>
          {matches.map((m) => (
            <li
              key={m.id}
              id={`${id}-opt-${m.id}`}
              role="option"
              aria-selected={m.id === active?.id}
              className={m.id === active?.id ? 'tpl-option tpl-active' : 'tpl-option'}
              onClick={() => setActiveId(m.id)}
              onDoubleClick={() => filled && m.id === active?.id && onInsert(filled.text)}
              data-testid="template-option"
            >
              <span className="tpl-name">{m.name}</span>{' '}
              <span className="muted ws-small">
                {t(`insert.languages.${m.language}`)} · {m.scope === 'team' ? m.team : t('page.personal')}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3 className="tpl-preview-title">{t('insert.preview')}</h3>
      {filled ? (
        <>
          <pre className="tpl-preview" data-testid="template-preview" lang={active?.language}>
            {filled.text}
          </pre>
          {!filled.ok && (
            <p className="ws-error-text" role="alert">
              {t('insert.unknownFields', { fields: filled.errors.map((e) => `{{${e.field}}}`).join(', ') })}
            </p>
          )}
        </>
      ) : (
        <p className="muted">{t('insert.choose')}</p>
      )}
      <div className="ui-dialog-actions">
        <Link to="/templates" onClick={onClose} className="tpl-manage">
          {t('insert.manage')}
        </Link>
        <button type="button" onClick={onClose}>
          {t('insert.cancel')}
        </button>
        <button
          type="button"
          className="ui-primary"
          disabled={!filled}
          onClick={() => filled && onInsert(filled.text)}
          data-testid="template-insert"
        >
          {t('insert.insert')}
        </button>
      </div>
    </Dialog>
  );
}
