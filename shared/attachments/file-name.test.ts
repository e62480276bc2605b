import { describe, expect, it } from 'vitest';
import {
  SAFE_FILE_NAME_MAX,
  contentDisposition,
  displayFileName,
  formatBytes,
  safeFileName,
} from './file-name';

describe('safeFileName', () => {
  it('replaces path separators and control characters, drops bidi controls', () => {
    expect(safeFileName('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeFileName('C:\\Windows\\evil.dll')).toBe('C__Windows_evil.dll');
    expect(safeFileName('a\u0000b\u0007c\r\n.txt')).toBe('a_b_c__.txt');
    expect(safeFileName('invoice\u202Egpj.exe')).toBe('invoicegpj.exe');
    expect(safeFileName('\u2066x\u2069.log')).toBe('x.log');
  });

  it('keeps a long name short with its extension, and never empty or a device name', () => {
    const long = safeFileName(`${'長'.repeat(1000)}.log`);
    expect(long.length).toBeLessThanOrEqual(SAFE_FILE_NAME_MAX);
    expect(long.endsWith('.log')).toBe(true);
    expect(safeFileName('...')).toBe('attachment');
    expect(safeFileName('///')).toBe('attachment');
    expect(safeFileName('CON.txt')).toBe('_CON.txt');
    expect(safeFileName('  .hidden ')).toBe('hidden');
  });
});

describe('displayFileName', () => {
  it('shows one line without controls or overrides, shortened in the middle', () => {
    expect(displayFileName('a\nb\u202E.txt')).toBe('a\ufffdb.txt');
    const shown = displayFileName(`${'x'.repeat(1000)}.pcap`, 40);
    expect(shown.length).toBe(40);
    expect(shown.endsWith('.pcap')).toBe(true);
    expect(shown).toContain('…');
  });
});

describe('contentDisposition', () => {
  it('is always an attachment with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('報告書 "v2".pdf')).toBe(
      `attachment; filename="___ _v2_.pdf"; filename*=UTF-8''${encodeURIComponent('報告書 _v2_.pdf')}`,
    );
    expect(contentDisposition('a;b%c.txt')).toMatch(/^attachment; filename="a_b_c\.txt"/);
  });
});

describe('formatBytes', () => {
  it('uses decimal units', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1500)).toBe('1.5 kB');
    expect(formatBytes(200 * 1024 * 1024)).toBe('210 MB');
  });
});
