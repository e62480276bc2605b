import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useNeedsAttention, usePendingCount, useReplica, useSyncMeta } from '../replica';
import { dismissNotice } from '../replica';
import type { SyncMeta } from '../replica';
import { getSessionManager, useSession } from '../session';
import { formatCount, formatTime } from '../session/format';
import { useSyncStatus } from '../sync/status';
import { useOnline } from './use-online';
import { UploadStatus } from '../features/attachments';
import '../features/sync/sync.css';

const KNOWN_ERRORS = [
  'network',
  'server',
  'auth',
  'rate-limited',
  'storage-full',
  'storage-failed',
  'bad-response',
  'server-reset',
  'password_change_required',
] as const;
const isKnownError = (code: string): code is (typeof KNOWN_ERRORS)[number] =>
  (KNOWN_ERRORS as readonly string[]).includes(code);

/** Did the last sync attempt (by any window) fail to reach the server? */
function unreachableByMeta(meta: SyncMeta | undefined): boolean {
  const e = meta?.lastError;
  if (!e || e.code !== 'network') return false;
  return !meta.lastSuccessAt || e.at > meta.lastSuccessAt;
}

export function StatusBar() {
  const { t, i18n } = useTranslation();
  const { t: ts } = useTranslation('sync');
  const locale = i18n.language;
  const navigatorOnline = useOnline();
  const scheduler = useSyncStatus((s) => s.scheduler);
  const storageFull = useSyncStatus((s) => s.storageFull);
  const persisted = useSyncStatus((s) => s.persisted);
  const phase = useSession((s) => s.phase);
  const needsSignIn = useSession((s) => s.needsSignIn);
  const db = useReplica();
  const meta = useSyncMeta();
  const pending = usePendingCount() ?? 0;
  const attention = useNeedsAttention()?.length ?? 0;
  const active = phase === 'active' && db !== null;
  const { pathname, search } = useLocation();

  const reachable = scheduler ? scheduler.reachable !== false : !unreachableByMeta(meta);
  const online = navigatorOnline && (!active || reachable);

  let syncText: string;
  let progress: { value: number | null; rows: number } | null = null;
  const lastError = meta?.lastError;
  const failing =
    lastError && (!meta.lastSuccessAt || lastError.at > meta.lastSuccessAt) && lastError.code !== 'auth';
  if (!active) syncText = ts('status.notSignedIn');
  else if (meta?.progress?.bootstrap) {
    const { rows, remaining } = meta.progress;
    progress = { rows, value: remaining !== null && rows + remaining > 0 ? rows / (rows + remaining) : null };
    syncText =
      remaining !== null
        ? ts('status.bootstrapRemaining', {
            rows: formatCount(rows, locale),
            total: formatCount(rows + remaining, locale),
          })
        : ts('status.bootstrap', { rows: formatCount(rows, locale) });
  } else if (meta?.activity || scheduler?.running) syncText = ts('status.syncing');
  else if (failing)
    syncText = ts('status.retrying', {
      reason: ts(`errors.${isKnownError(lastError.code) ? lastError.code : 'other'}`),
    });
  else if (meta?.lastSuccessAt)
    syncText = ts('status.lastSync', { time: formatTime(meta.lastSuccessAt, locale) });
  else syncText = ts('status.notSynced');

  return (
    <footer className="status-bar" role="status" aria-label={t('status.label')}>
      <span className={online ? 'status-dot online' : 'status-dot offline'} aria-hidden="true" />
      <span data-testid="connection-state">{online ? t('status.online') : t('status.offline')}</span>
      <span className="status-sep" aria-hidden="true">
        ·
      </span>
      <span data-testid="sync-state" title={failing ? lastError.message : undefined}>
        {syncText}
      </span>
      {progress && (
        <progress
          className="sync-progress"
          data-testid="bootstrap-progress"
          aria-label={syncText}
          {...(progress.value !== null ? { value: progress.value, max: 1 } : {})}
        />
      )}
      {active && (
        <>
          <span className="status-sep" aria-hidden="true">
            ·
          </span>
          <span data-testid="pending-count" title={lastError?.message}>
            {pending > 0 ? ts('status.pending', { count: pending }) : ts('status.allSent')}
          </span>
        </>
      )}
      <UploadStatus active={active} />
      {active && attention > 0 && (
        <>
          <span className="status-sep" aria-hidden="true">
            ·
          </span>
          <Link to="/sync/attention" className="status-attention" data-testid="attention-link">
            {ts('status.attention', { count: attention })}
          </Link>
        </>
      )}
      {active && needsSignIn && (
        <>
          <span className="status-sep" aria-hidden="true">
            ·
          </span>
          <Link to="/sign-in" state={{ from: `${pathname}${search}` }}>
            {ts('status.signInToSync')}
          </Link>
        </>
      )}
      {active && !needsSignIn && (
        <button type="button" className="link-button" onClick={() => getSessionManager().syncNow()}>
          {ts('status.syncNow')}
        </button>
      )}
      {active && meta?.notice?.code === 'server-reset' && (
        <span className="status-notice" data-testid="server-reset-notice">
          {ts('status.serverReset', { count: meta.notice.pending })}{' '}
          <button type="button" className="link-button" onClick={() => db && void dismissNotice(db)}>
            {ts('status.dismiss')}
          </button>
        </span>
      )}
      {active && storageFull && (
        <span className="status-notice bad" role="alert">
          {ts('status.storageFull')}
        </span>
      )}
      {active && persisted === false && (
        <span className="status-notice muted">{ts('status.notPersistent')}</span>
      )}
    </footer>
  );
}
