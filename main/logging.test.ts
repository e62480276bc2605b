// Log redaction, and the log file itself: electron-log's Node build writes a real file in a
// temporary folder through the same configuration the app uses.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import log from 'electron-log/node';
import { afterAll, describe, expect, it } from 'vitest';
import { configureLogging, LOG_MAX_BYTES, redact } from './logging';

describe('redact', () => {
  it('removes bearer tokens, secrets in JSON and key=value form, and e-mail addresses', () => {
    expect(redact('GET /v1/me authorization: Bearer abcDEF123456789')).not.toContain('abcDEF123456789');
    expect(redact('{"token":"s3cr3t-token","user":{"id":"u1"}}')).toBe(
      '{"token":[redacted],"user":{"id":"u1"}}',
    );
    expect(redact('password=hunter2&email=x')).toContain('password=[redacted]');
    expect(redact('signed in as tanaka@sakura-bank.co.jp')).toBe('signed in as [email]');
    expect(redact(`session ${'x'.repeat(43)} refused`)).toBe('session [redacted] refused');
    expect(redact("refreshToken: 'abc'")).toBe('refreshToken: [redacted]');
  });

  it('keeps ordinary diagnostics readable', () => {
    const line =
      'sync: pull failed (HTTP 503), retrying in 30 s; incident 2b7e1516-28ae-4d2a-abf7-158809cf4f3c';
    expect(redact(line)).toBe(line);
  });

  it('caps very long lines', () => {
    const out = redact('a '.repeat(5000));
    expect(out.length).toBeLessThan(4100);
    expect(out).toMatch(/more characters\]$/);
  });
});

describe('configureLogging with a real log file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tam-logs-'));
  const path = join(dir, 'main.log');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes redacted lines at info level, sets rotation, and names its folder', () => {
    const appLog = configureLogging(log, { resolvePath: () => path });
    expect(log.transports.file.maxSize).toBe(LOG_MAX_BYTES);
    appLog.info('signed in to https://tam.example.com as sato@example.com with Bearer tok_0123456789abcdef');
    appLog.fromWindow('error', 'render failed: {"password":"pw-in-state"}');
    appLog.error('request failed', new Error('token=abcdef123 refused'));
    log.debug('debug line is below the file level');
    const text = readFileSync(path, 'utf8');
    expect(text).toMatch(
      /\[info\]\s+signed in to https:\/\/tam\.example\.com as \[email\] with Bearer \[redacted\]/,
    );
    expect(text).toMatch(/\[error\]\s+\[window\] render failed: \{"password":\[redacted\]\}/);
    expect(text).toContain('token=[redacted]');
    expect(text).not.toMatch(/sato@|tok_0123|pw-in-state|abcdef123/);
    expect(text).not.toContain('debug line');
    expect(appLog.folder()).toBe(dir);
  });
});
