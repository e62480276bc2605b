// The daily report as an e-mail draft file (.eml) the TAM opens in the mail program
// (X-Unsent: 1 makes Outlook open it as a draft to send). UTF-8, base64 body.
import { createMimeMessage } from 'mimetext/browser';
import { safeFileName } from '../../../shared/attachments/file-name';

export interface EmlDraft {
  from: { name: string; addr: string };
  to: ReadonlyArray<{ name: string; addr: string }>;
  subject: string;
  body: string;
  /** Files attached to the draft (the incident's attachments the TAM selected). */
  attachments?: ReadonlyArray<{ fileName: string; bytes: Uint8Array }>;
  /** A calendar invitation (the .ics text), attached as text/calendar with METHOD=REQUEST. */
  invitation?: { fileName: string; ics: string };
}

function base64Bytes(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return (btoa(binary).match(/.{1,76}/g) ?? []).join('\r\n');
}

function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text.replace(/\r?\n/g, '\r\n'));
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  // RFC 2045: encoded lines of at most 76 characters.
  return (btoa(binary).match(/.{1,76}/g) ?? []).join('\r\n');
}

export function buildDraftEml(draft: EmlDraft): string {
  const msg = createMimeMessage();
  msg.setSender({ name: draft.from.name, addr: draft.from.addr });
  if (draft.to.length > 0) msg.setTo(draft.to.map((t) => ({ name: t.name, addr: t.addr })));
  msg.setSubject(draft.subject);
  msg.setHeader('X-Unsent', '1');
  msg.addMessage({
    contentType: 'text/plain',
    charset: 'UTF-8',
    encoding: 'base64',
    data: base64Utf8(draft.body),
  });
  // The uploader's file name is made safe for a mail program and a disk; the declared type is
  // not trusted: every file goes as application/octet-stream.
  for (const a of draft.attachments ?? [])
    msg.addAttachment({
      filename: safeFileName(a.fileName),
      contentType: 'application/octet-stream',
      data: base64Bytes(a.bytes),
    });
  // Mail programs offer accept/decline for a text/calendar part whose method is REQUEST.
  if (draft.invitation)
    msg.addAttachment({
      filename: safeFileName(draft.invitation.fileName),
      contentType: 'text/calendar; charset=UTF-8; method=REQUEST',
      data: base64Utf8(draft.invitation.ics),
    });
  return msg.asRaw();
}

/** Saves text as a file through the browser's download (works in the desktop window too). */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
