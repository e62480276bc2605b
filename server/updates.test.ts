// The desktop update feed (--updates-dir): real files in a temporary folder, served by a real
// API on loopback; whole files, byte ranges (206, 416, several ranges) and nothing outside
// the folder (traversal, symbolic links out, dotfiles, sub-folders).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from './cli';
import { openDatabase, type Db } from './db';
import { parseRange } from './http/updates';
import { createTestDatabase, startApi, type RunningApi, type TestDatabase } from './testing/harness';

/** A raw GET (fetch would normalise ../ and %2e%2e before sending). */
function rawGet(
  base: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('parseRange', () => {
  it('reads single, open, suffix and multiple ranges, clamps to the size', () => {
    expect(parseRange(undefined, 10)).toBeNull();
    expect(parseRange('bytes=0-3', 10)).toEqual([{ start: 0, end: 3 }]);
    expect(parseRange('bytes=4-', 10)).toEqual([{ start: 4, end: 9 }]);
    expect(parseRange('bytes=-3', 10)).toEqual([{ start: 7, end: 9 }]);
    expect(parseRange('bytes=-30', 10)).toEqual([{ start: 0, end: 9 }]);
    expect(parseRange('bytes=8-100', 10)).toEqual([{ start: 8, end: 9 }]);
    expect(parseRange('bytes=0-1, 5-6', 10)).toEqual([
      { start: 0, end: 1 },
      { start: 5, end: 6 },
    ]);
  });

  it('says unsatisfiable past the end, and ignores what it does not understand', () => {
    expect(parseRange('bytes=10-', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 10)).toBe('unsatisfiable');
    expect(parseRange('items=0-1', 10)).toBeNull();
    expect(parseRange('bytes=5-2', 10)).toBeNull();
    expect(parseRange('bytes=a-b', 10)).toBeNull();
    expect(parseRange('bytes=-', 10)).toBeNull();
  });
});

describe('--updates-dir', () => {
  it('is read from the flag or TAM_UPDATES_DIR', () => {
    expect(parseConfig(['--updates-dir', '/srv/updates'], {}).updatesDir).toBe('/srv/updates');
    expect(parseConfig([], { TAM_UPDATES_DIR: '/srv/u' }).updatesDir).toBe('/srv/u');
    expect(parseConfig([], {}).updatesDir).toBeUndefined();
  });
});

describe('GET /updates/<file> on a real server', () => {
  let root: string;
  let dir: string;
  let tdb: TestDatabase;
  let db: Db;
  let server: RunningApi;
  const artifact = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251));
  const latest =
    'version: 0.2.0\nfiles:\n  - url: TAM-Workstation-0.2.0.AppImage\n    sha512: abc\n    size: 4096\npath: TAM-Workstation-0.2.0.AppImage\n';

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'tam-updates-'));
    dir = join(root, 'feed');
    mkdirSync(dir);
    writeFileSync(join(dir, 'latest-linux.yml'), latest);
    writeFileSync(join(dir, 'TAM-Workstation-0.2.0.AppImage'), artifact);
    writeFileSync(join(dir, '.secret'), 'DOTFILE-CONTENT');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'inner.yml'), 'INNER-CONTENT');
    writeFileSync(join(root, 'outside.txt'), 'outside the feed');
    symlinkSync(join(root, 'outside.txt'), join(dir, 'link-out.txt'));
    symlinkSync(join(dir, 'latest-linux.yml'), join(dir, 'link-in.yml'));
    tdb = await createTestDatabase('sqlite');
    db = await openDatabase(tdb.config);
    server = await startApi({ db, updatesDir: dir });
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
    await tdb?.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves latest-linux.yml whole, as YAML, never cached without asking', async () => {
    const res = await fetch(`${server.base}/updates/latest-linux.yml`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/yaml/);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe(latest);
  });

  it('answers a HEAD with the size and no body', async () => {
    const res = await fetch(`${server.base}/updates/TAM-Workstation-0.2.0.AppImage`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('4096');
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it('serves a byte range of an artifact as 206 with Content-Range', async () => {
    const res = await fetch(`${server.base}/updates/TAM-Workstation-0.2.0.AppImage`, {
      headers: { range: 'bytes=100-199' },
    });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 100-199/4096');
    expect(res.headers.get('content-length')).toBe('100');
    expect(Buffer.from(await res.arrayBuffer()).equals(artifact.subarray(100, 200))).toBe(true);

    const tail = await fetch(`${server.base}/updates/TAM-Workstation-0.2.0.AppImage`, {
      headers: { range: 'bytes=-10' },
    });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(artifact.subarray(4086))).toBe(true);
  });

  it('serves several ranges as multipart/byteranges', async () => {
    const res = await rawGet(server.base, '/updates/TAM-Workstation-0.2.0.AppImage', {
      range: 'bytes=0-9, 1000-1019',
    });
    expect(res.status).toBe(206);
    const type = String(res.headers['content-type']);
    const boundary = /boundary=(.+)$/.exec(type)?.[1];
    expect(boundary).toBeTruthy();
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    const text = res.body.toString('latin1');
    const parts = text.split(`--${boundary}`).slice(1, -1);
    expect(parts).toHaveLength(2);
    const bodyOf = (part: string) => Buffer.from(part.slice(part.indexOf('\r\n\r\n') + 4, -2), 'latin1');
    expect(parts[0]).toContain('content-range: bytes 0-9/4096');
    expect(bodyOf(parts[0]!).equals(artifact.subarray(0, 10))).toBe(true);
    expect(parts[1]).toContain('content-range: bytes 1000-1019/4096');
    expect(bodyOf(parts[1]!).equals(artifact.subarray(1000, 1020))).toBe(true);
    expect(text.endsWith(`--${boundary}--\r\n`)).toBe(true);
  });

  it('answers 416 for a range past the end', async () => {
    const res = await fetch(`${server.base}/updates/TAM-Workstation-0.2.0.AppImage`, {
      headers: { range: 'bytes=5000-' },
    });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe('bytes */4096');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('range_not_satisfiable');
  });

  it('follows a symbolic link that stays inside the folder', async () => {
    const res = await fetch(`${server.base}/updates/link-in.yml`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(latest);
  });

  it.each([
    ['/updates/..%2Foutside.txt'],
    ['/updates/%2e%2e%2Foutside.txt'],
    ['/updates/../outside.txt'],
    ['/updates/..'],
    ['/updates/link-out.txt'],
    ['/updates/.secret'],
    ['/updates/sub'],
    ['/updates/sub/inner.yml'],
    ['/updates/sub%2Finner.yml'],
    ['/updates/missing.yml'],
    ['/updates/%00latest-linux.yml'],
  ])('refuses %s with 404 and never shows what is outside', async (path) => {
    const res = await rawGet(server.base, path);
    expect(res.status).toBe(404);
    const body = res.body.toString();
    expect(body).not.toContain('outside the feed');
    expect(body).not.toContain('DOTFILE-CONTENT');
    expect(body).not.toContain('INNER-CONTENT');
  });

  it('offers no way to write', async () => {
    const res = await fetch(`${server.base}/updates/latest-linux.yml`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(404);
    const again = await fetch(`${server.base}/updates/latest-linux.yml`);
    expect(await again.text()).toBe(latest);
  });
});

describe('without --updates-dir', () => {
  it('has no /updates/ route', async () => {
    const tdb = await createTestDatabase('sqlite');
    const db = await openDatabase(tdb.config);
    const server = await startApi({ db });
    try {
      expect((await fetch(`${server.base}/updates/latest.yml`)).status).toBe(404);
    } finally {
      await server.close();
      await db.close();
      await tdb.drop();
    }
  });
});
