// Uploads the files waiting on this computer, in chunks, resuming where the server stands:
// a start (POST /v1/attachments, the same id every time) answers the chunks it holds, the
// missing ones are sent (PUT …/chunks/:n), then …/complete verifies the SHA-256. A dropped
// connection stops the round (the next one resumes); a restart resumes from the server's
// answer, since the bytes and the id stay in IndexedDB. Downloads fetch the bytes in ranges.
import { AttachmentUploadStateSchema, CompleteAttachmentResponseSchema } from '../../shared/model/api';
import type { Attachment } from '../../shared/model/entities';
import type { AttachmentFile, ReplicaDb } from '../replica/db';
import { errorOf, failureOf, type Transport } from '../sync/transport';
import { ATTACHMENT_CACHE_BYTES, evictCache, sha256Hex } from './files';

/** 'waiting': its incident or request was made here and has not reached the server yet. */
export type UploadOutcome = 'uploaded' | 'retry-later' | 'refused' | 'waiting';

async function setUpload(db: ReplicaDb, id: string, patch: Partial<NonNullable<AttachmentFile['upload']>>) {
  await db.attachmentFiles
    .where('id')
    .equals(id)
    .modify((f) => {
      if (f.upload) Object.assign(f.upload, patch);
    });
}

/** The server holds the file: its row goes to the replica, the bytes stay as a cached copy. */
async function finished(db: ReplicaDb, file: AttachmentFile, row: Attachment): Promise<void> {
  await db.transaction('rw', db.attachments, db.attachmentFiles, async () => {
    const held = await db.attachments.get(row.id);
    if (!held || held.version <= row.version) await db.attachments.put(row);
    await db.attachmentFiles.put({
      id: file.id,
      kind: 'cache',
      blob: file.blob,
      size: file.size,
      sha256: file.sha256,
      lastUsedAt: Date.now(),
    });
  });
}

export async function uploadOne(
  db: ReplicaDb,
  transport: Transport,
  file: AttachmentFile,
): Promise<UploadOutcome> {
  const u = file.upload;
  if (!u) return 'uploaded';
  const refuse = async (res: Parameters<typeof failureOf>[0]): Promise<UploadOutcome> => {
    const failure = failureOf(res);
    if (!failure || failure.retryable || failure.code === 'auth') return 'retry-later';
    const apiError = 'body' in res ? errorOf(res.body) : null;
    await setUpload(db, file.id, { error: apiError ?? { code: failure.code, message: failure.message } });
    return 'refused';
  };
  // A file on an incident or request made offline waits until the server has confirmed it.
  const parent = u.incidentId
    ? await db.incidents.get(u.incidentId)
    : await db.requests.get(u.requestId ?? '');
  if (parent && parent.version === 0) return 'waiting';
  const started = await transport.request('POST', '/v1/attachments', {
    id: file.id,
    ...(u.incidentId ? { incidentId: u.incidentId } : { requestId: u.requestId }),
    fileName: u.fileName,
    mediaType: u.mediaType,
    size: file.size,
    sha256: file.sha256,
  });
  if (failureOf(started)) return refuse(started);
  const state = AttachmentUploadStateSchema.safeParse('body' in started ? started.body : null);
  if (!state.success) return 'retry-later';
  if (state.data.attachment.state !== 'pending') {
    await finished(db, file, state.data.attachment);
    return 'uploaded';
  }
  const { chunkSize, chunkCount } = state.data;
  const have = new Set(state.data.received);
  let sent = [...have].reduce((s, n) => s + Math.min(chunkSize, file.size - n * chunkSize), 0);
  await setUpload(db, file.id, { sentBytes: sent, error: null });
  for (let n = 0; n < chunkCount; n++) {
    if (have.has(n)) continue;
    const part = file.blob.slice(n * chunkSize, Math.min(file.size, (n + 1) * chunkSize));
    const bytes = new Uint8Array(await part.arrayBuffer());
    const put = await transport.request('PUT', `/v1/attachments/${file.id}/chunks/${n}`, bytes);
    if (failureOf(put)) return refuse(put);
    sent += bytes.byteLength;
    await setUpload(db, file.id, { sentBytes: sent });
  }
  const done = await transport.request('POST', `/v1/attachments/${file.id}/complete`);
  const code = 'body' in done ? errorOf(done.body)?.code : undefined;
  // Chunks missing (a race with another window) or damaged: the next round sends them again.
  if (code === 'attachment_incomplete' || code === 'attachment_hash_mismatch') {
    await setUpload(db, file.id, { sentBytes: 0 });
    return 'retry-later';
  }
  if (failureOf(done)) return refuse(done);
  const body = CompleteAttachmentResponseSchema.safeParse('body' in done ? done.body : null);
  if (!body.success) return 'retry-later';
  await finished(db, file, body.data.attachment);
  return 'uploaded';
}

/**
 * One round: every waiting file (oldest first) that has not been refused. Stops at the first
 * file that could not reach the server (offline: the others would not either).
 */
/** Refusals that trying again cannot change: the user must act (remove the file, ask for quota). */
export const FINAL_UPLOAD_ERRORS: readonly string[] = [
  'attachment_too_large',
  'attachment_quota_exceeded',
  'already_exists',
  'invalid_request',
];

export async function uploadPending(
  db: ReplicaDb,
  transport: Transport,
): Promise<{ uploaded: number; waiting: number }> {
  const files = (await db.attachmentFiles.where('kind').equals('upload').toArray())
    .filter((f) => !FINAL_UPLOAD_ERRORS.includes(f.upload?.error?.code ?? ''))
    .sort((a, b) => (a.upload?.at ?? '').localeCompare(b.upload?.at ?? ''));
  let uploaded = 0;
  for (const [i, file] of files.entries()) {
    const outcome = await uploadOne(db, transport, file);
    if (outcome === 'uploaded') uploaded++;
    if (outcome === 'retry-later') return { uploaded, waiting: files.length - i };
  }
  return { uploaded, waiting: files.length - uploaded };
}

/** Bytes per download request (a range each: a large file arrives in pieces, none too big for one answer). */
export const DOWNLOAD_PIECE_BYTES = 8 * 1024 * 1024;

export type DownloadResult =
  | { ok: true; blob: Blob }
  | { ok: false; error: { code: string; message: string } };

/**
 * The bytes of an attachment: the copy on this computer if there is one, else downloaded in
 * ranges, checked against the row's SHA-256, and kept in the cache (LRU, never evicting uploads).
 */
export async function fetchAttachment(
  db: ReplicaDb,
  transport: Transport,
  row: Pick<Attachment, 'id' | 'size' | 'sha256'>,
  cacheLimit = ATTACHMENT_CACHE_BYTES,
): Promise<DownloadResult> {
  const local = await db.attachmentFiles.get(row.id);
  if (local) {
    await db.attachmentFiles.update(row.id, { lastUsedAt: Date.now() });
    return { ok: true, blob: local.blob };
  }
  const parts: Uint8Array[] = [];
  for (let start = 0; start < row.size || (row.size === 0 && start === 0); start += DOWNLOAD_PIECE_BYTES) {
    const end = Math.min(row.size, start + DOWNLOAD_PIECE_BYTES) - 1;
    const res = await transport.request('GET', `/v1/attachments/${row.id}/content`, undefined, {
      responseType: 'bytes',
      ...(row.size > 0 ? { range: `bytes=${start}-${end}` } : {}),
    });
    const failure = failureOf(res);
    if (failure) {
      const apiError = 'body' in res ? errorOf(res.body) : null;
      return { ok: false, error: apiError ?? { code: failure.code, message: failure.message } };
    }
    const body = 'body' in res ? res.body : null;
    if (!(body instanceof Uint8Array))
      return { ok: false, error: { code: 'bad-response', message: 'Not bytes' } };
    parts.push(body);
    if (row.size === 0) break;
  }
  const blob = new Blob(parts as BlobPart[]);
  if (blob.size !== row.size || (await sha256Hex(blob)) !== row.sha256)
    return {
      ok: false,
      error: {
        code: 'attachment_hash_mismatch',
        message: 'The downloaded bytes do not match the file’s SHA-256.',
      },
    };
  try {
    await db.attachmentFiles.put({
      id: row.id,
      kind: 'cache',
      blob,
      size: row.size,
      sha256: row.sha256,
      lastUsedAt: Date.now(),
    });
    await evictCache(db, cacheLimit);
  } catch {
    // No room to keep a copy: the download itself still succeeded.
  }
  return { ok: true, blob };
}
