import { describe, expect, it } from 'vitest';
import { apiUrl, checkApiPath, checkExternalUrl, normalizeServerUrl } from './rules';

describe('checkExternalUrl', () => {
  it.each([
    'https://example.com/docs?q=1#top',
    'http://intranet.example/wiki',
    '  https://example.com  ',
    'mailto:it@customer.example?subject=%E6%97%A5%E6%AC%A1&body=x',
  ])('accepts the web link or e-mail draft %s', (url) => {
    const r = checkExternalUrl(url);
    expect(r.ok).toBe(true);
  });

  it.each([
    ['file:///etc/passwd', 'file:'],
    ['javascript:alert(1)', 'javascript:'],
    ['smb://share/x', 'smb:'],
    ['ms-msdt:/id PCWDiagnostic', 'ms-msdt:'],
    ['app://tam/index.html', 'app:'],
  ])('refuses %s with a message naming the scheme', (url, scheme) => {
    const r = checkExternalUrl(url);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-url' } });
    if (!r.ok) expect(r.error.message).toContain(scheme);
  });

  it('refuses text that is not a URL and links that hide their host behind a user name', () => {
    expect(checkExternalUrl('not a url')).toMatchObject({ ok: false, error: { code: 'invalid-url' } });
    expect(checkExternalUrl('https://bank.example@evil.example/')).toMatchObject({
      ok: false,
      error: { code: 'invalid-url' },
    });
  });

  it('returns the parsed, normalised URL rather than the raw input', () => {
    expect(checkExternalUrl(' HTTPS://Example.COM/a b')).toEqual({
      ok: true,
      value: 'https://example.com/a%20b',
    });
  });
});

describe('normalizeServerUrl', () => {
  it('keeps origin and base path without the trailing slash', () => {
    expect(normalizeServerUrl('https://tam.example.com/')).toEqual({
      ok: true,
      value: { serverUrl: 'https://tam.example.com', origin: 'https://tam.example.com' },
    });
    expect(normalizeServerUrl('https://corp.example:8443/tam/')).toEqual({
      ok: true,
      value: { serverUrl: 'https://corp.example:8443/tam', origin: 'https://corp.example:8443' },
    });
  });

  it('accepts http only for a server on this computer', () => {
    expect(normalizeServerUrl('http://127.0.0.1:4780').ok).toBe(true);
    expect(normalizeServerUrl('http://localhost:4780').ok).toBe(true);
    expect(normalizeServerUrl('http://[::1]:4780').ok).toBe(true);
    const remote = normalizeServerUrl('http://tam.example.com');
    expect(remote).toMatchObject({ ok: false, error: { code: 'invalid-server-url' } });
    if (!remote.ok) expect(remote.error.message).toMatch(/https:\/\//);
  });

  it.each([
    '',
    'tam.example.com',
    'ftp://tam.example.com',
    'https://u:p@tam.example.com',
    'https://tam.example.com/?x=1',
  ])('refuses %j with an actionable message', (input) => {
    const r = normalizeServerUrl(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-server-url');
      expect(r.error.message.length).toBeGreaterThan(20);
    }
  });
});

describe('checkApiPath', () => {
  it.each([
    '/v1/accounts',
    '/v1/sync/pull?after=42&limit=100',
    '/v1/accounts/a%20b',
    // a page of a timeline after the first (the sync engine follows `next`)
    '/v1/incidents/0b9f2c4e-6a1d-4f7e-9a3b-2c8d5e6f7a10/timeline?limit=1000&after=eyJpIjoiMGI5ZiIsInYiOjQyfQ',
  ])('accepts %s', (path) => {
    expect(checkApiPath(path)).toBeNull();
  });

  it.each([
    'v1/accounts',
    '/v2/accounts',
    '/v1',
    'https://evil.example/v1/x',
    '//evil.example/v1/x',
    '/v1/../admin',
    '/v1/a/..',
    '/v1/./x',
    '/v1/%2e%2e/admin',
    '/v1/a%2Fb',
    '/v1/a\\..\\b',
    '/v1//evil',
    '/v1/a b',
    '/v1/a\nb',
    '/v1/a#frag',
  ])('refuses %j', (path) => {
    expect(checkApiPath(path)).not.toBeNull();
  });
});

describe('apiUrl', () => {
  it('joins the server base path and the API path', () => {
    expect(apiUrl('https://corp.example/tam', '/v1/accounts?x=1')).toBe(
      'https://corp.example/tam/v1/accounts?x=1',
    );
    expect(apiUrl('http://127.0.0.1:4780', '/v1/health')).toBe('http://127.0.0.1:4780/v1/health');
  });

  it('returns null for a path that breaks the rules', () => {
    expect(apiUrl('https://corp.example', '/v1/../x')).toBeNull();
    expect(apiUrl('https://corp.example', '@evil.example/v1/x')).toBeNull();
  });
});
