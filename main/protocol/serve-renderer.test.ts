import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../security/csp';
import { APP_SCHEME_PRIVILEGES, createRendererHandler } from './serve-renderer';

let base: string;
let root: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'tam-serve-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><div id="root"></div>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(root, 'assets', 'app.css'), 'body{}');
  await writeFile(path.join(base, 'secret.txt'), 'TOP SECRET');
  await symlink(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  handler = createRendererHandler({ rootDir: root });
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

/** A request as protocol.handle passes it, with Electron's initiatorOrigin. */
function get(
  url: string,
  init: { method?: string; initiatorOrigin?: string | null } = {},
): Promise<Response> {
  const request = new Request(url.replace(/^app:/, 'http:'), { method: init.method ?? 'GET' });
  // Node's Request rejects custom schemes; Electron's does not. Present the app URL.
  Object.defineProperty(request, 'url', { value: url });
  if ('initiatorOrigin' in init)
    Object.defineProperty(request, 'initiatorOrigin', { value: init.initiatorOrigin });
  return handler(request);
}

describe('app scheme privileges', () => {
  it('registers app: as standard and secure with fetch, and nothing that loosens security', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
  });
});

describe('createRendererHandler', () => {
  it('serves index.html and assets with their content types', async () => {
    const index = await get('app://tam/index.html');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await index.text()).toContain('id="root"');
    const js = await get('app://tam/assets/app.js', { initiatorOrigin: 'app://tam' });
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await get('app://tam/assets/app.css')).headers.get('content-type')).toMatch(/^text\/css/);
    expect(await (await get('app://tam/')).text()).toContain('id="root"');
  });

  it('sends the CSP and nosniff on every response, errors included', async () => {
    for (const url of ['app://tam/index.html', 'app://tam/missing.js', 'app://tam/%2e%2e/secret.txt']) {
      const res = await get(url);
      expect(res.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
    }
  });

  it('answers client-side routes with the app shell, missing assets with 404', async () => {
    const route = await get('app://tam/customers/42');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('id="root"');
    expect((await get('app://tam/assets/nope.js')).status).toBe(404);
  });

  it.each([
    'app://tam/%2e%2e/secret.txt',
    'app://tam/assets/%2e%2e/%2e%2e/secret.txt',
    'app://tam/..%2fsecret.txt',
    'app://tam/assets%5c..%5c..%5csecret.txt',
    'app://tam/%00index.html',
  ])('never serves a file outside the bundle: %s', async (url) => {
    // The URL parser folds %2e%2e into .. and clamps it at the root (404); what survives
    // decoding is refused (400/403).
    const res = await get(url);
    expect([400, 403, 404]).toContain(res.status);
    expect(await res.text()).not.toContain('TOP SECRET');
  });

  it('refuses a symlink that leads out of the bundle', async () => {
    const res = await get('app://tam/assets/link.txt');
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('TOP SECRET');
  });

  it('refuses other hosts, other methods and requests started by other origins', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('app://tam/index.html', { method: 'POST' })).status).toBe(405);
    expect((await get('app://tam/assets/app.js', { initiatorOrigin: 'https://evil.example' })).status).toBe(
      403,
    );
    expect((await get('app://tam/assets/app.js', { initiatorOrigin: null })).status).toBe(403);
  });

  it('answers HEAD without a body', async () => {
    const res = await get('app://tam/index.html', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});
