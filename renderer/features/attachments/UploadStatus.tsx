// The status bar's upload item: how many files are still uploading and how far, or how many
// were refused. It also runs the uploads of the current replica (renderer/attachments/runner).
import { useTranslation } from 'react-i18next';
import { uploadSummary } from '../../attachments/files';
import { useAttachmentUploader } from '../../attachments/runner';
import { useReplica, useReplicaQuery } from '../../replica';

export function UploadStatus({ active }: { active: boolean }) {
  const { t } = useTranslation('attachments');
  const db = useReplica();
  useAttachmentUploader(db, active);
  const summary = useReplicaQuery((d) => uploadSummary(d), []);
  if (!active || !summary || summary.count === 0) return null;
  const percent = Math.floor((summary.sent / Math.max(1, summary.total)) * 100);
  return (
    <>
      <span className="status-sep" aria-hidden="true">
        ·
      </span>
      <span data-testid="upload-status">
        {t('status.uploading', { count: summary.count, percent })}
        {summary.failed > 0 && ` · ${t('status.failed', { count: summary.failed })}`}
      </span>
      <progress className="sync-progress" max={1} value={summary.sent / Math.max(1, summary.total)} />
    </>
  );
}
