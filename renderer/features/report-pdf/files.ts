// File names and titles of exported reports.

/**
 * A file name the save dialog and every OS accept: letters of any script, digits, space, dot,
 * dash, underscore and parentheses; anything else becomes "_". Never empty.
 */
export function safeFileName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._()-]+/gu, '_')
    .replace(/_+/g, '_')
    .replace(/^[ ._]+|[ ._]+$/g, '');
  return (cleaned || 'report').slice(0, 150);
}

/** Saves a Blob through the browser's download (works in the desktop window too). */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
