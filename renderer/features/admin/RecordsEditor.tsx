// One editor for a customer's child records (contacts, deployed products): the table with
// Edit and Remove on each row for those who may edit, Remove asked in a dialog, the Add
// button, one form at a time, and the outcome of the last mutation.
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../shared/model/entities';
import type { MutateResult } from '../../replica';
import { useConfirm } from '../../ui/Dialog';
import { canEditCustomer, OutcomeLine, useActor, useOutcome } from './common';

export interface RecordColumn<R> {
  header: string;
  cell: (row: R) => ReactNode;
}

export function RecordsEditor<R extends { id: string }, D extends { id: string }>({
  customer,
  rows,
  empty,
  testId,
  columns,
  nameOf,
  labels,
  toDraft,
  blank,
  save,
  remove,
  form,
}: {
  customer: Customer;
  rows: readonly R[];
  /** Shown instead of the table when there are no rows. */
  empty: string;
  /** `testId` on the table; `${testId…}-add`, `-outcome` are derived from `item`. */
  testId: { table: string; item: string };
  /** The first column is the row's header cell. */
  columns: readonly RecordColumn<R>[];
  /** The row's name in the Edit/Remove labels and the removal question. */
  nameOf: (row: R) => string;
  labels: {
    actions: string;
    add: string;
    editOf: (name: string) => string;
    removeOf: (name: string) => string;
  };
  toDraft: (row: R) => D;
  blank: () => D;
  save: (draft: D) => Promise<MutateResult>;
  remove: (row: R) => Promise<MutateResult>;
  /** The form's fields for a draft (the Save/Cancel frame is RecordForm's). */
  form: (props: { initial: D; onSave: (draft: D) => Promise<void>; onCancel: () => void }) => ReactNode;
}) {
  const { t } = useTranslation('admin');
  const actor = useActor();
  const editable = canEditCustomer(actor, customer);
  const [editing, setEditing] = useState<D | null>(null);
  const { outcome, report } = useOutcome();
  const [confirm, confirmDialog] = useConfirm();

  const removeRow = async (row: R) => {
    const ok = await confirm({
      title: t('actions.confirmRemove', { name: nameOf(row) }),
      confirmLabel: t('actions.remove'),
      danger: true,
    });
    if (ok) report(await remove(row), t('actions.removed'));
  };

  return (
    <>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <table className="ws-table" data-testid={testId.table}>
          <thead>
            <tr>
              {columns.map((c) => (
                <th scope="col" key={c.header}>
                  {c.header}
                </th>
              ))}
              {editable && <th scope="col">{labels.actions}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                {columns.map((c, i) =>
                  i === 0 ? (
                    <th scope="row" key={c.header}>
                      {c.cell(row)}
                    </th>
                  ) : (
                    <td key={c.header}>{c.cell(row)}</td>
                  ),
                )}
                {editable && (
                  <td>
                    <button
                      type="button"
                      aria-label={labels.editOf(nameOf(row))}
                      onClick={() => setEditing(toDraft(row))}
                    >
                      {t('actions.edit')}
                    </button>{' '}
                    <button
                      type="button"
                      aria-label={labels.removeOf(nameOf(row))}
                      onClick={() => void removeRow(row)}
                    >
                      {t('actions.remove')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editable && !editing && (
        <button type="button" onClick={() => setEditing(blank())} data-testid={`${testId.item}-add`}>
          {labels.add}
        </button>
      )}
      {editing &&
        form({
          initial: editing,
          onCancel: () => setEditing(null),
          onSave: async (draft) => {
            if (report(await save(draft))) setEditing(null);
          },
        })}
      <OutcomeLine outcome={outcome} testId={`${testId.item}-outcome`} />
      {confirmDialog}
    </>
  );
}

/**
 * The frame of a record's form: the fields, the required-field error, Save and Cancel.
 * `missing(draft)` names the first empty required field (null: none); `clean(draft)` trims.
 */
export function RecordForm<D>({
  label,
  testId,
  draft,
  missing,
  clean,
  onSave,
  onCancel,
  children,
}: {
  label: string;
  testId: string;
  draft: D;
  missing: (draft: D) => string | null;
  clean: (draft: D) => D;
  onSave: (draft: D) => Promise<void>;
  onCancel: () => void;
  children: (base: string) => ReactNode;
}) {
  const { t } = useTranslation('admin');
  const [absent, setAbsent] = useState<string | null>(null);
  const base = useId();
  return (
    <form
      className="ws-form"
      aria-label={label}
      data-testid={testId}
      onSubmit={(e) => {
        e.preventDefault();
        const field = missing(draft);
        setAbsent(field);
        if (field === null) void onSave(clean(draft));
      }}
    >
      {children(base)}
      {absent && (
        <p role="alert" className="ws-error">
          {t('customer.required', { field: absent })}
        </p>
      )}
      <div className="ws-actions">
        <button type="submit">{t('actions.save')}</button>
        <button type="button" onClick={onCancel}>
          {t('actions.cancel')}
        </button>
      </div>
    </form>
  );
}
