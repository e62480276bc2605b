// Attachment bytes on this computer (the replica's `attachmentFiles` table): files attached
// here wait as 'upload' entries until the server holds them (never evicted), downloaded copies
// are 'cache' entries evicted least recently used first past the cache limit.
import { DEFAULT_ATTACHMENT_MAX_BYTES } from '../../shared/attachments/limits';
import type { Attachment } from '../../shared/model/entities';
import type { Actor } from '../../shared/mutations';
import type { AttachmentFile, ReplicaDb } from '../replica/db';

/** The largest file the app attaches, as the user set it (Account → Attachments); bytes. */
export const ATTACHMENT_MAX_BYTES_KEY = 'tam.attachments.maxBytes';
/** The server's own limit per file, as it last said (GET /v1/me `limits.attachmentMaxBytes`). */
export const ATTACHMENT_SERVER_MAX_BYTES_KEY = 'tam.attachments.serverMaxBytes';
/** Bytes of downloaded copies kept (least recently used evicted first). */
export const ATTACHMENT_CACHE_BYTES = 500 * 1024 * 1024;
/** Room left free on the disk after a file is stored. */
const STORAGE_MARGIN_BYTES = 20 * 1024 * 1024;
/** The unit of the size setting: 1 MB here is 1,048,576 bytes (the default 200 MB is 200 of them). */
export const LIMIT_UNIT_BYTES = 1024 * 1024;

const limitListeners = new Set<() => void>();

function storedBytes(key: string): number | null {
  try {
    const text = globalThis.localStorage?.getItem(key);
    const v = text === null || text === undefined ? NaN : Number(text);
    if (Number.isSafeInteger(v) && v > 0) return v;
  } catch {
    // no storage
  }
  return null;
}

function storeBytes(key: string, bytes: number | null): void {
  try {
    if (bytes === null) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, String(bytes));
  } catch {
    // Storage refused (private mode): the value lasts until the page closes.
  }
  for (const l of limitListeners) l();
}

/** The server's limit per file, when this computer has heard it. */
export function serverAttachmentMaxBytes(): number | null {
  return storedBytes(ATTACHMENT_SERVER_MAX_BYTES_KEY);
}

/** Keeps the limit the server announced (nothing when it did not say: an older server). */
export function rememberServerAttachmentMaxBytes(bytes: number | undefined): void {
  if (bytes === undefined || !Number.isSafeInteger(bytes) || bytes <= 0) return;
  if (bytes !== serverAttachmentMaxBytes()) storeBytes(ATTACHMENT_SERVER_MAX_BYTES_KEY, bytes);
}

/** The highest the setting may go: the server's limit (the default until the server has said). */
export function attachmentMaxBytesBound(): number {
  return serverAttachmentMaxBytes() ?? DEFAULT_ATTACHMENT_MAX_BYTES;
}

/** The user's own setting, or null for the default. */
export function attachmentMaxBytesSetting(): number | null {
  return storedBytes(ATTACHMENT_MAX_BYTES_KEY);
}

/** Saves the setting (null: back to the default). Check it with parseAttachmentMaxMb first. */
export function setAttachmentMaxBytes(bytes: number | null): void {
  storeBytes(ATTACHMENT_MAX_BYTES_KEY, bytes);
}

/** Calls `listener` when the setting or the server's limit changes; returns the unsubscribe. */
export function subscribeAttachmentLimit(listener: () => void): () => void {
  limitListeners.add(listener);
  return () => limitListeners.delete(listener);
}

/**
 * The size limit per file the app applies when a file is attached: the user's setting (default
 * 200 MB), never above the server's limit when the server has said it.
 */
export function attachmentMaxBytes(): number {
  const own = attachmentMaxBytesSetting() ?? DEFAULT_ATTACHMENT_MAX_BYTES;
  const server = serverAttachmentMaxBytes();
  return server === null ? own : Math.min(own, server);
}

/** A limit in the setting's unit, for messages: "200 MB", "0.5 MB". */
export function formatLimit(bytes: number): string {
  const mb = bytes / LIMIT_UNIT_BYTES;
  return `${Number.isInteger(mb) ? mb : Math.floor(mb * 10) / 10} MB`;
}

export type LimitCheck =
  | { ok: true; bytes: number }
  | { ok: false; reason: 'not-whole' | 'too-small' | 'over-server'; maxMb: number };

/**
 * Checks what the user typed for the size setting: a whole number of MB, at least 1, at most the
 * server's limit (`bound`, bytes).
 */
export function parseAttachmentMaxMb(text: string, bound = attachmentMaxBytesBound()): LimitCheck {
  const maxMb = Math.max(1, Math.floor(bound / LIMIT_UNIT_BYTES));
  const trimmed = text.trim().normalize('NFKC');
  if (!/^\d+$/.test(trimmed)) return { ok: false, reason: 'not-whole', maxMb };
  const mb = Number(trimmed);
  if (mb < 1) return { ok: false, reason: 'too-small', maxMb };
  if (mb > maxMb) return { ok: false, reason: 'over-server', maxMb };
  return { ok: true, bytes: mb * LIMIT_UNIT_BYTES };
}

export type AttachTarget =
  | { customerId: string; incidentId: string; requestId?: undefined }
  | {
      customerId: string;
      requestId: string;
      incidentId?: undefined;
    };

/** Why a file was not attached: too large, or no room on this computer. */
export type AttachRefusal =
  | { fileName: string; reason: 'too-large'; maxBytes: number }
  | { fileName: string; reason: 'disk-full' }
  | { fileName: string; reason: 'failed'; message: string };

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function isQuotaError(err: unknown): boolean {
  const e = err as { name?: string; inner?: { name?: string } } | null;
  return e?.name === 'QuotaExceededError' || e?.inner?.name === 'QuotaExceededError';
}

/**
 * Keeps the files on this computer until they are uploaded. Each is checked against the size
 * limit and the storage left (navigator.storage.estimate); the ones refused are returned.
 */
export async function attachFiles(
  db: ReplicaDb,
  actor: Actor,
  target: AttachTarget,
  files: readonly File[],
  now = () => new Date(),
): Promise<{ added: string[]; refused: AttachRefusal[] }> {
  const added: string[] = [];
  const refused: AttachRefusal[] = [];
  const maxBytes = attachmentMaxBytes();
  for (const file of files) {
    if (file.size > maxBytes) {
      refused.push({ fileName: file.name, reason: 'too-large', maxBytes });
      continue;
    }
    const estimate = await globalThis.navigator?.storage?.estimate?.().catch(() => undefined);
    if (
      estimate?.quota !== undefined &&
      estimate.usage !== undefined &&
      estimate.quota - estimate.usage < file.size + STORAGE_MARGIN_BYTES
    ) {
      refused.push({ fileName: file.name, reason: 'disk-full' });
      continue;
    }
    try {
      const sha256 = await sha256Hex(file);
      const id = crypto.randomUUID();
      const entry: AttachmentFile = {
        id,
        kind: 'upload',
        // A copy of the bytes: the File handle may not survive a restart.
        blob: new Blob([await file.arrayBuffer()], { type: file.type }),
        size: file.size,
        sha256,
        lastUsedAt: now().getTime(),
        upload: {
          customerId: target.customerId,
          incidentId: target.incidentId ?? null,
          requestId: target.requestId ?? null,
          fileName: file.name || 'attachment',
          mediaType: file.type.slice(0, 255),
          uploadedBy: actor.id,
          at: now().toISOString(),
          sentBytes: 0,
          error: null,
        },
      };
      await db.attachmentFiles.put(entry);
      added.push(id);
    } catch (err) {
      if (isQuotaError(err)) refused.push({ fileName: file.name, reason: 'disk-full' });
      else refused.push({ fileName: file.name, reason: 'failed', message: String(err) });
    }
  }
  return { added, refused };
}

/** One line of an attachment list: the synced row, or the local upload before the row arrives. */
export interface AttachmentItem {
  id: string;
  fileName: string;
  size: number;
  sha256: string;
  state: Attachment['state'] | 'local';
  /** Upload progress (0..1) while the bytes are on their way; null when not uploading here. */
  progress: number | null;
  error: { code: string; message: string } | null;
  cached: boolean;
  row: Attachment | null;
}

/** The attachments of an incident or a request: synced rows and this computer's uploads, oldest first. */
export async function attachmentsOf(
  db: ReplicaDb,
  target: { incidentId?: string; requestId?: string },
): Promise<AttachmentItem[]> {
  const rows = target.incidentId
    ? await db.attachments.where('incidentId').equals(target.incidentId).toArray()
    : await db.attachments
        .where('requestId')
        .equals(target.requestId ?? '')
        .toArray();
  const files = await db.attachmentFiles.toArray();
  const fileOf = new Map(files.map((f) => [f.id, f]));
  const items = new Map<string, AttachmentItem & { at: string }>();
  for (const row of rows) {
    if (row.deleted) continue;
    const f = fileOf.get(row.id);
    const uploading = f?.kind === 'upload' && row.state === 'pending';
    items.set(row.id, {
      id: row.id,
      fileName: row.fileName,
      size: row.size,
      sha256: row.sha256,
      state: row.state,
      progress: uploading ? f.upload!.sentBytes / Math.max(1, row.size) : null,
      error: uploading ? f.upload!.error : null,
      cached: f !== undefined,
      row,
      at: row.at,
    });
  }
  for (const f of files) {
    const u = f.upload;
    if (f.kind !== 'upload' || !u || items.has(f.id)) continue;
    if (target.incidentId ? u.incidentId !== target.incidentId : u.requestId !== target.requestId) continue;
    items.set(f.id, {
      id: f.id,
      fileName: u.fileName,
      size: f.size,
      sha256: f.sha256,
      state: 'local',
      progress: u.sentBytes / Math.max(1, f.size),
      error: u.error,
      cached: true,
      row: null,
      at: u.at,
    });
  }
  return [...items.values()].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

/** Uploads still to finish on this computer: count, bytes sent and total (for the status bar). */
export async function uploadSummary(
  db: ReplicaDb,
): Promise<{ count: number; sent: number; total: number; failed: number }> {
  const uploads = await db.attachmentFiles.where('kind').equals('upload').toArray();
  return {
    count: uploads.length,
    sent: uploads.reduce((s, f) => s + (f.upload?.sentBytes ?? 0), 0),
    total: uploads.reduce((s, f) => s + f.size, 0),
    failed: uploads.filter((f) => f.upload?.error).length,
  };
}

/** Drops a file that was never uploaded (the user gave up on it). */
export async function discardUpload(db: ReplicaDb, id: string): Promise<void> {
  await db.attachmentFiles.delete(id);
}

/** Evicts downloaded copies, least recently used first, until they fit `limit` bytes. Uploads stay. */
export async function evictCache(db: ReplicaDb, limit = ATTACHMENT_CACHE_BYTES): Promise<number> {
  return db.transaction('rw', db.attachmentFiles, async () => {
    const cached = (await db.attachmentFiles.where('kind').equals('cache').toArray()).sort(
      (a, b) => a.lastUsedAt - b.lastUsedAt,
    );
    let total = cached.reduce((s, f) => s + f.size, 0);
    let evicted = 0;
    for (const f of cached) {
      if (total <= limit) break;
      await db.attachmentFiles.delete(f.id);
      total -= f.size;
      evicted++;
    }
    return evicted;
  });
}
