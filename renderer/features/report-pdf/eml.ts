// A report as an e-mail file (.eml) the TAM opens in the mail program and sends: an HTML body
// (the report itself) with a plain-text alternative, and the report attached (the PDF from
// the desktop app; in a browser, which cannot make PDF bytes, the HTML document). X-Unsent: 1
// makes Outlook open it as a draft. Every text part is UTF-8 in base64.
import { createMimeMessage } from 'mimetext/browser';

export interface EmlAddress {
  name: string;
  addr: string;
}

export interface ReportEml {
  from: EmlAddress;
  to: readonly EmlAddress[];
  subject: string;
  /** Plain-text alternative of the body. */
  text: string;
  /** The self-contained HTML report (escaped values). */
  html: string;
  attachment: { fileName: string; contentType: string; bytes: Uint8Array };
}

/** base64 of bytes, in lines of at most 76 characters (RFC 2045). */
export function base64Lines(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return (btoa(binary).match(/.{1,76}/g) ?? []).join('\r\n');
}

const utf8 = (text: string) => new TextEncoder().encode(text);

export function buildReportEml(mail: ReportEml): string {
  const msg = createMimeMessage();
  msg.setSender({ name: mail.from.name, addr: mail.from.addr });
  if (mail.to.length > 0) msg.setTo(mail.to.map((t) => ({ name: t.name, addr: t.addr })));
  msg.setSubject(mail.subject);
  msg.setHeader('X-Unsent', '1');
  msg.addMessage({
    contentType: 'text/plain',
    charset: 'UTF-8',
    encoding: 'base64',
    data: base64Lines(utf8(mail.text.replace(/\r?\n/g, '\r\n'))),
  });
  msg.addMessage({
    contentType: 'text/html',
    charset: 'UTF-8',
    encoding: 'base64',
    data: base64Lines(utf8(mail.html)),
  });
  msg.addAttachment({
    filename: mail.attachment.fileName,
    contentType: mail.attachment.contentType,
    encoding: 'base64',
    data: base64Lines(mail.attachment.bytes),
  });
  return msg.asRaw();
}
