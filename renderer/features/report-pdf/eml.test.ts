import { describe, expect, it } from 'vitest';
import { base64Lines, buildReportEml } from './eml';

function decode(b64: string): Uint8Array {
  const bin = atob(b64.replace(/\s+/g, ''));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** The body of the MIME part whose headers contain `marker`. */
function part(raw: string, marker: string): { headers: string; body: string } {
  const boundary = /boundary="?([^"\r\n]+)"?/.exec(raw)?.[1];
  if (!boundary) throw new Error('no boundary');
  for (const chunk of raw.split(/--[^\r\n]*\r\n/)) {
    const [headers = '', ...rest] = chunk.split('\r\n\r\n');
    if (headers.includes(marker)) return { headers, body: rest.join('\r\n\r\n').split('\r\n--')[0] ?? '' };
  }
  throw new Error(`no part ${marker}`);
}

describe('buildReportEml', () => {
  const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, ...new Array(200).fill(7)]);
  const html =
    '<!doctype html><html lang="ja"><body><h1>日次レポート</h1><p>&lt;script&gt;</p></body></html>';
  const raw = buildReportEml({
    from: { name: '佐藤 遥', addr: 'tam1@example.com' },
    to: [{ name: '山田 太郎', addr: 'yamada@sakura-bank.example.jp' }],
    subject: '日次レポート（クリティカルインシデント） 第 2 報',
    text: '本日の状況報告を添付いたします。\n詳細は添付をご覧ください。',
    html,
    attachment: {
      fileName: 'daily-report_Sakura Bank_2026-11-26_no2.pdf',
      contentType: 'application/pdf',
      bytes: pdf,
    },
  });

  it('is an unsent draft from the TAM to the contact', () => {
    expect(raw).toContain('X-Unsent: 1');
    expect(raw).toMatch(/^From: .+<tam1@example\.com>\r$/m);
    expect(raw).toMatch(/^To: .+<yamada@sakura-bank\.example\.jp>\r$/m);
    expect(raw).toMatch(/^Content-Type: multipart\/mixed/m);
  });

  it('has the report as HTML body (UTF-8) with a plain-text alternative', () => {
    const h = part(raw, 'text/html');
    expect(h.headers).toContain('charset=UTF-8');
    expect(new TextDecoder().decode(decode(h.body))).toBe(html);
    const t = part(raw, 'text/plain');
    expect(new TextDecoder().decode(decode(t.body))).toBe(
      '本日の状況報告を添付いたします。\r\n詳細は添付をご覧ください。',
    );
  });

  it('attaches the PDF bytes unchanged, in base64 lines of at most 76 characters', () => {
    const a = part(raw, 'application/pdf');
    expect(a.headers).toContain('attachment');
    expect(a.headers).toContain('daily-report_Sakura Bank_2026-11-26_no2.pdf');
    expect(decode(a.body)).toEqual(pdf);
    expect(a.body.split('\r\n').every((line) => line.length <= 76)).toBe(true);
    expect(base64Lines(new Uint8Array([1, 2, 3]))).toBe('AQID');
  });
});
