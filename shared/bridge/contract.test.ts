import { describe, expect, it } from 'vitest';
import {
  DESKTOP_API_MEMBERS,
  DESKTOP_EVENT_TYPES,
  EVENT_CHANNEL,
  INVOKE_CHANNELS,
  isDesktopEvent,
} from './channels';
import { BRIDGE_CONTRACT, parseBridgeArgs, parseBridgeResult } from './contract';
import { BridgeContractError } from './errors';
import { DesktopEventSchema } from './schemas';

describe('channels', () => {
  it('gives every invoke method its own channel, distinct from the event channel', () => {
    const channels = Object.values(INVOKE_CHANNELS);
    expect(new Set(channels).size).toBe(channels.length);
    expect(channels).not.toContain(EVENT_CHANNEL);
    expect(Object.keys(BRIDGE_CONTRACT).sort()).toEqual(Object.keys(INVOKE_CHANNELS).sort());
    for (const [method, entry] of Object.entries(BRIDGE_CONTRACT)) {
      expect(entry.channel).toBe(INVOKE_CHANNELS[method as keyof typeof INVOKE_CHANNELS]);
    }
  });

  it('lists exactly the DesktopApi members', () => {
    expect([...DESKTOP_API_MEMBERS].sort()).toEqual(
      [
        'apiRequest',
        'getAppInfo',
        'getReplicaKey',
        'getSession',
        'log',
        'notify',
        'onEvent',
        'openExternal',
        'renderPdf',
        'reportStatus',
        'savePdf',
        'signIn',
        'signOut',
      ].sort(),
    );
  });

  it('isDesktopEvent agrees with DesktopEventSchema', () => {
    const samples: unknown[] = [
      ...DESKTOP_EVENT_TYPES.map((type) => ({ type })),
      { type: 'sync-poke', extra: 1 },
      { type: 'session-revoked' },
      { type: 'menu-command', command: 'shortcuts' },
      { type: 'menu-command', command: 'reload' },
      { type: 'menu-command' },
      { type: 'menu-command', command: 'shortcuts', extra: 1 },
      { type: 'open', target: { kind: 'incident', id: '2b7e1516-28ae-4d2a-abf7-158809cf4f3c' } },
      { type: 'open', target: { kind: 'customer', id: '2b7e1516-28ae-4d2a-abf7-158809cf4f3c' } },
      { type: 'open', target: { kind: 'settings', id: '2b7e1516-28ae-4d2a-abf7-158809cf4f3c' } },
      { type: 'open', target: { kind: 'incident', id: '../x' } },
      { type: 'open', target: { kind: 'incident', id: '2b7e1516-28ae-4d2a-abf7-158809cf4f3c', url: 'x' } },
      { type: 'open', target: null },
      { type: 'open', target: [] },
      { type: 'open' },
      { type: 'unknown' },
      { type: 1 },
      {},
      null,
      'sync-poke',
      [],
      undefined,
    ];
    for (const sample of samples) {
      expect(isDesktopEvent(sample), JSON.stringify(sample)).toBe(
        DesktopEventSchema.safeParse(sample).success,
      );
    }
  });
});

describe('parseBridgeArgs', () => {
  it('accepts well-formed argument lists', () => {
    expect(parseBridgeArgs('getAppInfo', [])).toEqual([]);
    expect(parseBridgeArgs('apiRequest', [{ method: 'POST', path: '/v1/x', body: { a: 1 } }])).toEqual([
      { method: 'POST', path: '/v1/x', body: { a: 1 } },
    ]);
    expect(
      parseBridgeArgs('notify', [{ title: 'SLA', body: 'Breach in 10 min', tag: 'sla-1' }]),
    ).toHaveLength(1);
    // Escaped user text is fine: it is text, not markup.
    const html =
      '<!doctype html><html lang="ja"><body><h1>株式会社さくら銀行</h1><p>&lt;script&gt;alert(1)&lt;/script&gt;</p></body></html>';
    expect(parseBridgeArgs('savePdf', [{ html, fileName: '四半期レポート_Sakura Bank_Q5.pdf' }])).toEqual([
      { html, fileName: '四半期レポート_Sakura Bank_Q5.pdf' },
    ]);
    expect(parseBridgeArgs('renderPdf', [{ html }])).toEqual([{ html }]);
  });

  it.each([
    ['getAppInfo', ['extra']],
    ['openExternal', [42]],
    ['openExternal', []],
    ['notify', [{ title: '', body: 'x' }]],
    ['notify', [{ title: 't', body: 'b', icon: '/etc/passwd' }]],
    ['signIn', [{ serverUrl: 'https://x', email: 'a@b' }]],
    ['signIn', [{ serverUrl: 'https://x', email: 'a@b', password: 'p', token: 't' }]],
    ['apiRequest', [{ method: 'PUT', path: '/v1/x' }]],
    ['apiRequest', [{ method: 'PUT', path: '/v1/x', body: { a: 1 } }]],
    ['apiRequest', [{ method: 'TRACE', path: '/v1/x' }]],
    ['apiRequest', [{ method: 'POST', path: '/v1/x', range: 'bytes=0-1' }]],
    ['apiRequest', [{ method: 'DELETE', path: '/v1/x', body: {} }]],
    ['apiRequest', [{ method: 'GET', path: 'https://evil.example/v1/x' }]],
    ['apiRequest', [{ method: 'GET', path: '/v1/../secrets' }]],
    ['apiRequest', [{ method: 'GET', path: '/v1/x', body: {} }]],
    ['apiRequest', ['/v1/x']],
    ['savePdf', [{ html: '<!doctype html><p>x</p>' }]],
    ['savePdf', [{ html: '<!doctype html><p>x</p>', fileName: 'report.html' }]],
    ['savePdf', [{ html: '<!doctype html><p>x</p>', fileName: '../../.bashrc.pdf' }]],
    ['savePdf', [{ html: '<!doctype html><p>x</p>', fileName: 'C:\\Users\\x.pdf' }]],
    ['savePdf', [{ html: '<p>not a document</p>', fileName: 'r.pdf' }]],
    ['savePdf', [{ html: '<!doctype html><script>alert(1)</script>', fileName: 'r.pdf' }]],
    [
      'savePdf',
      [
        {
          html: '<!doctype html><meta http-equiv="refresh" content="0;url=https://evil.example">',
          fileName: 'r.pdf',
        },
      ],
    ],
    ['savePdf', [{ html: '<!doctype html><iframe src="https://evil.example"></iframe>', fileName: 'r.pdf' }]],
    ['savePdf', [{ html: '<!doctype html><p>x</p>', fileName: 'r.pdf', path: '/tmp/r.pdf' }]],
    ['renderPdf', [{ html: '<!doctype html><object data="x"></object>' }]],
    ['renderPdf', ['<!doctype html><p>x</p>']],
  ] as const)('rejects %s(%j) with a BridgeContractError naming the method', (method, args) => {
    expect(() => parseBridgeArgs(method, args)).toThrow(BridgeContractError);
    expect(() => parseBridgeArgs(method, args)).toThrow(new RegExp(`tamDesktop\\.${method}`));
  });
});

describe('parseBridgeResult', () => {
  it('strips keys outside the contract, so a token never crosses by mistake', () => {
    const session = {
      serverUrl: 'https://x',
      user: { id: 'u1', email: 'a@b', name: 'A', role: 'tam', token: 'secret-in-user' },
      expiresAt: '2030-01-01T00:00:00Z',
      needsSignIn: false,
      token: 'secret',
    };
    const out = parseBridgeResult('signIn', { ok: true, session });
    expect(JSON.stringify(out)).not.toContain('secret');
  });

  it('passes PDF bytes through as bytes', () => {
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46]);
    expect(parseBridgeResult('renderPdf', { ok: true, pdf })).toEqual({ ok: true, pdf });
    expect(() => parseBridgeResult('renderPdf', { ok: true, pdf: 'JVBERi0=' })).toThrow(BridgeContractError);
    expect(
      parseBridgeResult('savePdf', { ok: true, saved: true, fileName: 'r.pdf', filePath: '/home/u/r.pdf' }),
    ).toEqual({
      ok: true,
      saved: true,
      fileName: 'r.pdf',
    });
    expect(parseBridgeResult('savePdf', { ok: true, saved: false })).toEqual({ ok: true, saved: false });
  });

  it('passes a sync pull answer asked as bytes through as the same bytes (no object tree crosses)', () => {
    const request = {
      method: 'POST',
      path: '/v1/sync/pull',
      body: { clientId: 'c1', cursor: null, limit: 1000, timelines: 'all' },
      responseType: 'bytes',
    } as const;
    expect(parseBridgeArgs('apiRequest', [request])).toEqual([request]);
    const bytes = new TextEncoder().encode('{"changes":[],"cursor":"k","hasMore":false}');
    const out = parseBridgeResult('apiRequest', { status: 200, body: bytes });
    expect(out).toEqual({ status: 200, body: bytes });
    expect((out as { body: unknown }).body).toBe(bytes);
  });

  it('throws on a result that breaks the contract', () => {
    expect(() => parseBridgeResult('apiRequest', { status: 0 })).toThrow(BridgeContractError);
    expect(() =>
      parseBridgeResult('getAppInfo', { version: '1', platform: 'linux', locale: 'en', runtime: 'node' }),
    ).toThrow(BridgeContractError);
  });
});
