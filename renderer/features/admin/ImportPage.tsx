// /customers/import: a manager imports customers (with their calendar), contacts and
// deployed products from CSV or XLSX. Every row is checked first with the shared rules
// (planImport runs each row's mutation as a dry run) and the preview says per row what is
// wrong; the valid rows are then applied as mutations in batches, with a progress bar.
// Re-importing the same file changes nothing. The export writes the same tables.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n/describe-error';
import { Link } from 'react-router';
import { exportTables, planImport, readTable } from '../../../shared/accounts/import';
import type { ImportIssue, PlanRow, ReadTable, TableKind } from '../../../shared/accounts/import';
import type { MutationArgs, MutationName } from '../../../shared/mutations';
import { DexieReadPort, mutate, useReplica } from '../../replica';
import * as q from '../../replica';
import { downloadBlob } from '../report-pdf';
import { NoReplica, useLocale } from '../../ui/common';
import { isManager, useActor, useRejectionText } from './common';
import { csvBlob, readImportFile, xlsxBlob } from './import-files';

const BATCH = 20;

interface FileNote {
  name: string;
  text: string;
  error: boolean;
}

export function ImportPage() {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation('customers');
  const db = useReplica();
  const actor = useActor();
  const locale = useLocale();
  const rejection = useRejectionText();
  const [notes, setNotes] = useState<FileNote[]>([]);
  const [plan, setPlan] = useState<PlanRow[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<{ ok: number; failed: string[] } | null>(null);
  const fileId = useId();
  const counts = useMemo(() => {
    const c = { new: 0, changed: 0, unchanged: 0, invalid: 0 };
    for (const r of plan ?? []) c[r.status]++;
    return c;
  }, [plan]);
  const toApply = (plan ?? []).filter((r) => r.mutation !== null);

  if (!db) return <NoReplica titleId="import-title" title={t('import.title')} />;
  if (!isManager(actor)) {
    return (
      <section className="ws-page" aria-labelledby="import-title">
        <h2 id="import-title">{t('import.title')}</h2>
        <p role="alert" className="ws-error">
          {t('customer.notAllowed')}
        </p>
      </section>
    );
  }

  const onFiles = async (files: FileList | null) => {
    if (!files || files.length === 0 || !actor) return;
    setBusy(true);
    setPlan(null);
    setResult(null);
    setProgress(null);
    const found: ReadTable[] = [];
    const fileNotes: FileNote[] = [];
    for (const file of Array.from(files)) {
      try {
        const read = await readImportFile(file);
        for (const table of read.tables) {
          const parsed = readTable(table);
          if (!parsed) {
            fileNotes.push({ name: file.name, text: t('import.notOurs', { name: file.name }), error: true });
            continue;
          }
          found.push(parsed);
          fileNotes.push({
            name: file.name,
            text: t('import.encoding', {
              name: file.name,
              kind: t(`import.kinds.${parsed.kind}`),
              rows: parsed.rows.length,
              encoding: read.encoding === 'shift_jis' ? 'Shift_JIS' : read.encoding.toUpperCase(),
            }),
            error: false,
          });
        }
      } catch (err) {
        fileNotes.push({
          name: file.name,
          text: t('import.unreadable', {
            name: file.name,
            message: err instanceof Error ? err.message : String(err),
          }),
          error: true,
        });
      }
    }
    setNotes(fileNotes);
    const users = await q.users(db);
    setPlan(
      await planImport(found, { actor, now: new Date().toISOString(), read: new DexieReadPort(db), users }),
    );
    setBusy(false);
  };

  const apply = async () => {
    setBusy(true);
    const failed: string[] = [];
    let ok = 0;
    setProgress({ done: 0, total: toApply.length });
    for (let at = 0; at < toApply.length; at += BATCH) {
      for (const row of toApply.slice(at, at + BATCH)) {
        const m = row.mutation!;
        const r = await mutate(m.name as MutationName, m.args as MutationArgs<MutationName>);
        if (r.ok) ok++;
        else failed.push(`${t(`import.kinds.${row.kind}`)} ${row.line}: ${rejection(r.error)}`);
      }
      setProgress({ done: Math.min(at + BATCH, toApply.length), total: toApply.length });
      // Let the page paint between batches.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    setResult({ ok, failed });
    setPlan(null);
    setBusy(false);
  };

  const issueText = (issue: ImportIssue) =>
    issue.code === 'rejected'
      ? t('import.issues.rejected', {
          reason: errorText({ code: issue.rejection, message: issue.message }),
          message: issue.message,
        })
      : (t as unknown as (key: string, values: object) => string)(`import.issues.${issue.code}`, issue);

  const doExport = async (format: 'xlsx' | TableKind) => {
    const [customers, users] = await Promise.all([db.customers.toArray(), q.users(db)]);
    const [contacts, products] = await Promise.all([db.contacts.toArray(), db.deployedProducts.toArray()]);
    const tables = exportTables({ customers, contacts, products, users, locale });
    const stamp = new Date().toISOString().slice(0, 10);
    if (format === 'xlsx') {
      downloadBlob(
        `customers-${stamp}.xlsx`,
        await xlsxBlob(tables, {
          customers: t('import.kinds.customers'),
          contacts: t('import.kinds.contacts'),
          products: t('import.kinds.products'),
        }),
      );
    } else {
      downloadBlob(`${format}-${stamp}.csv`, csvBlob(tables[format]));
    }
  };

  return (
    <section className="ws-page" aria-labelledby="import-title" data-testid="import-page">
      <p className="ws-breadcrumb">
        <Link to="/customers">{tc('list.title')}</Link>
      </p>
      <h2 id="import-title">{t('import.title')}</h2>
      <p>{t('import.intro')}</p>
      <div className="ws-field">
        <label htmlFor={fileId}>{t('import.files')}</label>
        <input
          id={fileId}
          type="file"
          multiple
          accept=".csv,.xlsx,text/csv"
          disabled={busy}
          onChange={(e) => void onFiles(e.target.files)}
          data-testid="import-file"
        />
      </div>
      {notes.length > 0 && (
        <ul data-testid="import-files">
          {notes.map((n, i) => (
            <li key={i} className={n.error ? 'ws-error' : undefined}>
              {n.text}
            </li>
          ))}
        </ul>
      )}
      {plan && (
        <>
          <p role="status" data-testid="import-summary">
            {t('import.summary', counts)}
          </p>
          <table className="ws-table" data-testid="import-preview">
            <caption>{t('import.previewCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.sheet')}</th>
                <th scope="col">{t('import.line')}</th>
                <th scope="col">{t('import.row')}</th>
                <th scope="col">{t('import.status')}</th>
                <th scope="col">{t('import.problems')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.map((r) => (
                <tr key={`${r.kind}-${r.line}-${r.label}`} data-status={r.status} data-testid="import-row">
                  <td>{t(`import.kinds.${r.kind}`)}</td>
                  <td>{r.line}</td>
                  <th scope="row">{r.label}</th>
                  <td>{t(`import.statuses.${r.status}`)}</td>
                  <td data-testid="import-issues">
                    {r.issues.length > 0 && (
                      <ul>
                        {r.issues.map((issue, i) => (
                          <li key={i}>{issueText(issue)}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {toApply.length === 0 ? (
            <p role="status" data-testid="import-nothing">
              {t('import.nothing')}
            </p>
          ) : (
            <button type="button" disabled={busy} onClick={() => void apply()} data-testid="import-apply">
              {t('import.apply', { count: toApply.length })}
            </button>
          )}
        </>
      )}
      {progress && (
        <div>
          <label htmlFor={`${fileId}-progress`}>{t('import.progress', progress)}</label>{' '}
          <progress
            id={`${fileId}-progress`}
            value={progress.done}
            max={progress.total}
            data-testid="import-progress"
          />
        </div>
      )}
      {result && (
        <div
          role="status"
          className={result.failed.length > 0 ? 'ws-error' : 'ws-ok'}
          data-testid="import-result"
        >
          <p>{t('import.done', { ok: result.ok, failed: result.failed.length })}</p>
          {result.failed.length > 0 && (
            <ul>
              {result.failed.map((f, i) => (
                <li key={i}>{f}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <h3>{t('import.exportTitle')}</h3>
      <p>{t('import.exportIntro')}</p>
      <div className="ws-actions">
        <button type="button" onClick={() => void doExport('xlsx')}>
          {t('import.exportXlsx')}
        </button>
        {(['customers', 'contacts', 'products'] as const).map((k) => (
          <button type="button" key={k} onClick={() => void doExport(k)}>
            {t('import.exportCsv', { kind: t(`import.kinds.${k}`) })}
          </button>
        ))}
      </div>
    </section>
  );
}
