// An attachment's file name is the uploader's text: it may hold path separators, control
// characters, right-to-left overrides or a thousand characters. It is stored as given and
// shown as text; wherever it becomes a name on a disk or in a header (a download, a save
// dialog, an e-mail attachment), it goes through safeFileName first. One rule for the server
// (Content-Disposition) and the app (saving a download).

/** Characters never kept: C0/C1 controls, path separators, and characters Windows refuses. */
// eslint-disable-next-line no-control-regex -- control characters are what this replaces
const UNSAFE = /[\u0000-\u001f\u007f-\u009f/\\:*?"<>|]/g;
/** Bidirectional controls that can make "exe.txt" read as "txt.exe" (and zero-width marks). */
const BIDI = /[\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** Names Windows reserves for devices, with or without an extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/** The longest name kept (UTF-16 units), well within every file system's limit of 255 bytes. */
export const SAFE_FILE_NAME_MAX = 120;

/**
 * A name safe to use as a file name anywhere: unsafe characters replaced by "_", bidi controls
 * removed, leading dots and trailing dots/spaces trimmed, at most SAFE_FILE_NAME_MAX characters
 * (the extension kept), never empty and never a reserved device name.
 */
export function safeFileName(name: string, fallback = 'attachment'): string {
  let s = name.normalize('NFC').replace(BIDI, '').replace(UNSAFE, '_');
  s = s.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (s.length > SAFE_FILE_NAME_MAX) {
    const dot = s.lastIndexOf('.');
    const ext = dot > 0 && s.length - dot <= 16 ? s.slice(dot) : '';
    s =
      Array.from(s.slice(0, s.length - ext.length))
        .join('')
        .slice(0, SAFE_FILE_NAME_MAX - ext.length)
        .replace(/[\ud800-\udbff]$/, '') + ext;
  }
  if (s === '' || /^_+$/.test(s)) s = fallback;
  if (RESERVED.test(s)) s = `_${s}`;
  return s;
}

/**
 * The name as a single line of text for display: controls and bidi overrides removed (so the
 * surrounding layout cannot be reordered), shortened in the middle with "…" when long. The
 * whole stored name stays available (e.g. as a title).
 */
export function displayFileName(name: string, max = 80): string {
  const s = name
    .replace(BIDI, '')
    // eslint-disable-next-line no-control-regex -- control characters are what this replaces
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd');
  if (s.length <= max) return s;
  const head = Math.ceil((max - 1) * 0.6);
  const tail = max - 1 - head;
  return `${s.slice(0, head)}…${s.slice(s.length - tail)}`;
}

/** RFC 6266 Content-Disposition for a download: always "attachment", an ASCII fallback and the UTF-8 name. */
export function contentDisposition(name: string): string {
  const safe = safeFileName(name);
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/[%;]/g, '_');
  const encoded = encodeURIComponent(safe).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Human-readable size ("12.3 MB"), decimal units as file managers show them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = -1;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${units[u]}`;
}
