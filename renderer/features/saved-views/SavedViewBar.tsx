// The saved-view bar of the Incidents list: "Save view…" keeps the current filter under a
// name (a dialog); when the list was opened from a saved view, its name, and updating it with
// the filter now shown, renaming or deleting it. Every action is a button (keyboard reachable);
// refusals are worded from their error code (a name the user already uses, say).
import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { IncidentListFilter, SavedView } from '../../../shared/model/entities';
import { FIELD_LIMITS } from '../../../shared/model/entities';
import { errorText } from '../../i18n/describe-error';
import { mutate, newId, type MutateResult } from '../../replica';
import { Dialog, useConfirm } from '../../ui/Dialog';
import { useLocale } from '../../ui/common';
import { incidentsPath, sameFilter } from '../incidents';
import { useSavedViews } from './data';
import './saved-views.css';

type NameDialog = { mode: 'save' } | { mode: 'rename'; view: SavedView };

export function SavedViewBar({ filter, viewId }: { filter: IncidentListFilter; viewId: string | null }) {
  const { t } = useTranslation('savedViews');
  const locale = useLocale();
  const navigate = useNavigate();
  const views = useSavedViews(locale);
  const view = viewId ? views?.find((v) => v.id === viewId) : undefined;
  const [dialog, setDialog] = useState<NameDialog | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [confirm, confirmDialog] = useConfirm();

  const show = (r: MutateResult, done: string): boolean => {
    if (r.ok) setMessage({ text: done, error: false });
    else setMessage({ text: t('failed', { message: errorText(r.error) }), error: true });
    return r.ok;
  };

  async function update(v: SavedView) {
    show(await mutate('savedView.update', { savedViewId: v.id, filter }), t('updated', { name: v.name }));
  }

  async function remove(v: SavedView) {
    const ok = await confirm({
      title: t('deleteTitle', { name: v.name }),
      message: t('deleteMessage'),
      confirmLabel: t('deleteConfirm'),
      cancelLabel: t('cancel'),
      danger: true,
    });
    if (!ok) return;
    if (show(await mutate('savedView.delete', { savedViewId: v.id }), t('deleted', { name: v.name })))
      void navigate(incidentsPath(filter), { replace: true });
  }

  return (
    <div className="ws-saved-view-bar" data-testid="saved-view-bar">
      {view && (
        <>
          <span className="ws-saved-view-name" data-testid="saved-view-current">
            {t('current', { name: view.name })}
          </span>
          {!sameFilter(view.filter, filter) && (
            <>
              <span className="muted ws-small">{t('changed')}</span>
              <button type="button" onClick={() => void update(view)} data-testid="saved-view-update">
                {t('update')}
              </button>
            </>
          )}
          <button
            type="button"
            onClick={() => setDialog({ mode: 'rename', view })}
            data-testid="saved-view-rename"
          >
            {t('rename')}
          </button>
          <button type="button" onClick={() => void remove(view)} data-testid="saved-view-delete">
            {t('delete')}
          </button>
        </>
      )}
      <button
        type="button"
        onClick={() => setDialog({ mode: 'save' })}
        title={t('saveHint')}
        data-testid="saved-view-save"
      >
        {t('save')}
      </button>
      {message && (
        <span role={message.error ? 'alert' : 'status'} className={message.error ? 'ws-error' : 'muted'}>
          {message.text}
        </span>
      )}
      <NameDialog
        dialog={dialog}
        filter={filter}
        onClose={() => setDialog(null)}
        onDone={(text, id) => {
          setDialog(null);
          setMessage({ text, error: false });
          if (id) void navigate(incidentsPath(filter, id), { replace: true });
        }}
      />
      {confirmDialog}
    </div>
  );
}

/** The name dialog of "Save view…" and "Rename…"; a refusal stays in it, next to the name. */
function NameDialog({
  dialog,
  filter,
  onClose,
  onDone,
}: {
  dialog: NameDialog | null;
  filter: IncidentListFilter;
  onClose: () => void;
  /** The change was made: its message, and the id of a new view (the list then shows it). */
  onDone: (message: string, newViewId?: string) => void;
}) {
  const { t } = useTranslation('savedViews');
  const inputId = useId();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [opened, setOpened] = useState<NameDialog | null>(null);
  // A new dialog starts from the view's name (rename) or empty (save).
  if (dialog !== opened) {
    setOpened(dialog);
    setName(dialog?.mode === 'rename' ? dialog.view.name : '');
    setError(null);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!dialog || busy) return;
    const trimmed = name.trim();
    if (!trimmed) {
      setError(t('nameRequired'));
      return;
    }
    setBusy(true);
    try {
      if (dialog.mode === 'save') {
        const id = newId();
        const r = await mutate('savedView.create', { id, name: trimmed, filter });
        if (r.ok) onDone(t('saved', { name: trimmed }), id);
        else setError(errorText(r.error));
      } else {
        const r = await mutate('savedView.rename', { savedViewId: dialog.view.id, name: trimmed });
        if (r.ok) onDone(t('renamed', { name: trimmed }));
        else setError(errorText(r.error));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={dialog !== null}
      onClose={onClose}
      title={dialog?.mode === 'rename' ? t('renameTitle', { name: dialog.view.name }) : t('saveTitle')}
      testId="saved-view-dialog"
    >
      <form className="ws-saved-view-form" onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor={inputId}>{t('name')}</label>
        <input
          id={inputId}
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={FIELD_LIMITS.name}
          autoFocus
          aria-invalid={error !== null}
          aria-describedby={`${inputId}-hint${error ? ` ${inputId}-error` : ''}`}
          data-testid="saved-view-name"
        />
        <p id={`${inputId}-hint`} className="muted ws-small">
          {t('nameHint')}
        </p>
        {error && (
          <p id={`${inputId}-error`} role="alert" className="ws-error" data-testid="saved-view-error">
            {error}
          </p>
        )}
        <div className="ui-dialog-actions">
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="ui-primary" disabled={busy} data-testid="saved-view-submit">
            {dialog?.mode === 'rename' ? t('confirmRename') : t('confirmSave')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
