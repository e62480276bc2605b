// The attachments of an incident or a request: a drop zone and a file picker (many files at
// once), the list with each file's state and upload progress, and downloads on demand. File
// names are the uploader's text: shown as text (controls and bidi overrides removed, long ones
// shortened in the middle, the whole name in the tooltip), saved under safeFileName.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayFileName, formatBytes, safeFileName } from '../../../shared/attachments/file-name';
import { errorText } from '../../i18n/describe-error';
import { useCurrentReplica } from '../../replica';
import { useReplicaQuery } from '../../replica';
import {
  attachFiles,
  attachmentsOf,
  formatLimit,
  discardUpload,
  type AttachTarget,
  type AttachmentItem,
  type AttachRefusal,
} from '../../attachments/files';
import { attachmentTransport, nudgeUploads } from '../../attachments/runner';
import { fetchAttachment } from '../../attachments/uploader';
import { useAttachmentMaxBytes } from './AttachmentSettings';
import './attachments.css';

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = safeFileName(fileName);
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function AttachmentsPanel({ target }: { target: AttachTarget }) {
  const { t } = useTranslation('attachments');
  const { db, actor } = useCurrentReplica();
  const { incidentId, requestId } = target;
  const key = incidentId ?? requestId;
  const items = useReplicaQuery(
    (d) => attachmentsOf(d, incidentId ? { incidentId } : { requestId }),
    [incidentId, requestId],
  );
  const [refused, setRefused] = useState<AttachRefusal[]>([]);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const max = formatLimit(useAttachmentMaxBytes());

  const add = async (files: File[]) => {
    if (!db || !actor || files.length === 0) return;
    const result = await attachFiles(db, actor, target, files);
    setRefused(result.refused);
    if (result.added.length > 0) nudgeUploads();
  };

  const download = async (item: AttachmentItem) => {
    if (!db) return;
    setBusy(item.id);
    setDownloadError(null);
    const result = await fetchAttachment(db, attachmentTransport(), item);
    setBusy(null);
    if (result.ok) saveBlob(result.blob, item.fileName);
    else setDownloadError(errorText(result.error));
  };

  return (
    <section className="ws-attachments" aria-labelledby={`attachments-${key}`} data-testid="attachments">
      <h3 id={`attachments-${key}`}>{t('title')}</h3>
      <div
        className={dragging ? 'ws-dropzone dragging' : 'ws-dropzone'}
        data-testid="attachment-dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void add([...e.dataTransfer.files]);
        }}
      >
        <span>{t('drop')}</span>{' '}
        <label className="link-button">
          {t('choose')}
          <input
            type="file"
            multiple
            className="ws-visually-hidden"
            data-testid="attachment-input"
            onChange={(e) => {
              const files = [...(e.currentTarget.files ?? [])];
              e.currentTarget.value = '';
              void add(files);
            }}
          />
        </label>
        <p className="ws-hint">{t('hint', { max })}</p>
      </div>
      {refused.length > 0 && (
        <ul className="ws-attachment-refusals" role="alert">
          {refused.map((r, i) => (
            <li key={i}>
              {t(`refused.${r.reason}`, {
                name: displayFileName(r.fileName, 60),
                max: r.reason === 'too-large' ? formatLimit(r.maxBytes) : max,
              })}
            </li>
          ))}
        </ul>
      )}
      {downloadError && (
        <p role="alert" className="ws-error">
          {downloadError}
        </p>
      )}
      {items && items.length === 0 && <p className="ws-muted">{t('empty')}</p>}
      {items && items.length > 0 && (
        <ul className="ws-attachment-list">
          {items.map((item) => (
            <li key={item.id} data-testid="attachment" data-state={item.state}>
              <span className="ws-attachment-name" title={item.fileName} dir="auto">
                {displayFileName(item.fileName)}
              </span>
              <span className="ws-muted">{formatBytes(item.size)}</span>
              <span data-testid="attachment-state">{t(`state.${item.state}`)}</span>
              {item.progress !== null && item.state !== 'uploaded' && (
                <progress
                  max={1}
                  value={item.progress}
                  data-testid="attachment-progress"
                  aria-label={t('progress', { percent: Math.floor(item.progress * 100) })}
                />
              )}
              {item.error && (
                <span className="ws-error" title={item.error.message}>
                  {errorText(item.error)}
                </span>
              )}
              {item.state === 'uploaded' && (
                <button
                  type="button"
                  className="link-button"
                  disabled={busy === item.id}
                  onClick={() => void download(item)}
                >
                  {busy === item.id ? t('downloading') : t('download')}
                </button>
              )}
              {item.state === 'local' && item.error && db && (
                <button type="button" className="link-button" onClick={() => void discardUpload(db, item.id)}>
                  {t('remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
