import { describe, expect, it } from 'vitest';
import { buildDraftEml } from './eml';

function decodeBase64Utf8(b64: string): string {
  const bin = atob(b64.replace(/\s+/g, ''));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

describe('buildDraftEml', () => {
  const raw = buildDraftEml({
    from: { name: '佐藤 遥', addr: 'tam1@example.com' },
    to: [{ name: '山田 太郎', addr: 'yamada@sakura-bank.example.jp' }],
    subject: '【日次状況報告】システムクラッシュ',
    body: '山田 太郎 様\n\nいつもお世話になっております。\n'.repeat(20),
  });

  it('writes an unsent draft with encoded headers', () => {
    expect(raw).toMatch(/^From: =\?utf-8\?B\?.+\?= <tam1@example\.com>\r$/m);
    expect(raw).toMatch(/^To: =\?utf-8\?B\?.+\?= <yamada@sakura-bank\.example\.jp>\r$/m);
    expect(raw).toContain('X-Unsent: 1');
    const subject = /^Subject: =\?utf-8\?B\?(.+)\?=\r$/m.exec(raw)?.[1] ?? '';
    expect(decodeBase64Utf8(subject)).toBe('【日次状況報告】システムクラッシュ');
  });

  it('carries the body as UTF-8 base64 in lines of at most 76 characters, with CRLF', () => {
    expect(raw).toContain('Content-Type: text/plain; charset=UTF-8');
    expect(raw).toContain('Content-Transfer-Encoding: base64');
    const body = raw.split('\r\n\r\n').slice(-1)[0] ?? '';
    expect(body.split('\r\n').every((l) => l.length <= 76)).toBe(true);
    const text = decodeBase64Utf8(body);
    expect(text.startsWith('山田 太郎 様\r\n\r\nいつもお世話になっております。\r\n')).toBe(true);
  });

  it('attaches selected files under safe names, as opaque bytes', () => {
    const withFiles = buildDraftEml({
      from: { name: 'TAM', addr: 'tam1@example.com' },
      to: [],
      subject: 'Daily report',
      body: 'See the attached logs.',
      attachments: [{ fileName: '../agent\u202Egol.txt', bytes: new Uint8Array([0, 1, 2, 255]) }],
    });
    expect(withFiles).toContain('Content-Type: multipart/mixed');
    expect(withFiles).toMatch(/Content-Disposition: attachment; ?filename="?_agentgol\.txt"?/);
    expect(withFiles).toContain('Content-Type: application/octet-stream');
    expect(withFiles).toContain(btoa(String.fromCharCode(0, 1, 2, 255)));
  });
});
