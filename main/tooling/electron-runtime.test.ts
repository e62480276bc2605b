// Tests scripts/electron-runtime.mjs (it lives with the scripts; its test runs in the main
// project because that is where vitest looks). Fake `electron` package directories stand in
// for the real one, so no binary and no download is involved.
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

interface Runtime {
  available: boolean;
  binary?: string;
  reason?: string;
}
type ElectronRuntime = (options?: {
  packageDir?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  timeoutMs?: number;
}) => Promise<Runtime>;

let electronRuntime: ElectronRuntime;
beforeAll(async () => {
  // A computed specifier: the script is plain JavaScript without type declarations.
  const script = pathToFileURL(path.join(__dirname, '..', '..', 'scripts', 'electron-runtime.mjs')).href;
  ({ electronRuntime } = (await import(script)) as { electronRuntime: ElectronRuntime });
});

let pkg: string;
beforeEach(async () => {
  pkg = await mkdtemp(path.join(tmpdir(), 'tam-electron-pkg-'));
  await writeFile(path.join(pkg, 'package.json'), JSON.stringify({ name: 'electron', version: '45.5.0' }));
});
afterEach(async () => {
  await rm(pkg, { recursive: true, force: true });
});

/** Installs a fake dist/electron shell script. */
async function fakeBinary(script: string, dir = path.join(pkg, 'dist')): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'electron');
  await writeFile(file, `#!/bin/sh\n${script}\n`);
  await chmod(file, 0o755);
  await writeFile(path.join(pkg, 'path.txt'), 'electron');
  return file;
}

const display = { DISPLAY: ':99', PATH: process.env.PATH };

describe.skipIf(process.platform === 'win32')('electronRuntime', () => {
  it('says why when the binary was never downloaded, and does not download it', async () => {
    const r = await electronRuntime({ packageDir: pkg, env: display, platform: 'linux' });
    expect(r.available).toBe(false);
    expect(r.reason).toMatch(/45\.5\.0 binary is not installed.*path\.txt/);
    expect((await readdir(pkg)).sort()).toEqual(['package.json']);
  });

  it('says why when path.txt points at a missing binary', async () => {
    await writeFile(path.join(pkg, 'path.txt'), 'electron');
    const r = await electronRuntime({ packageDir: pkg, env: display, platform: 'linux' });
    expect(r).toMatchObject({ available: false, reason: expect.stringMatching(/is missing/) });
  });

  it('is available when the binary runs in Node mode and reports the pinned version', async () => {
    const bin = await fakeBinary('[ "$ELECTRON_RUN_AS_NODE" = 1 ] && printf 45.5.0 && exit 0; exit 3');
    expect(await electronRuntime({ packageDir: pkg, env: display, platform: 'linux' })).toEqual({
      available: true,
      binary: bin,
    });
  });

  it('needs a display on Linux', async () => {
    await fakeBinary('printf 45.5.0');
    const r = await electronRuntime({ packageDir: pkg, env: { PATH: process.env.PATH }, platform: 'linux' });
    expect(r).toMatchObject({ available: false, reason: expect.stringMatching(/no display/) });
    expect(
      (
        await electronRuntime({
          packageDir: pkg,
          env: { PATH: process.env.PATH, WAYLAND_DISPLAY: 'wayland-0' },
          platform: 'linux',
        })
      ).available,
    ).toBe(true);
  });

  it('reports a binary that cannot run here (missing shared libraries)', async () => {
    await fakeBinary(
      'echo "electron: error while loading shared libraries: libnss3.so: cannot open shared object file" >&2; exit 127',
    );
    const r = await electronRuntime({ packageDir: pkg, env: display, platform: 'linux' });
    expect(r).toMatchObject({ available: false, reason: expect.stringMatching(/libnss3\.so/) });
  });

  it('reports a binary of another version', async () => {
    await fakeBinary('printf 44.0.0');
    const r = await electronRuntime({ packageDir: pkg, env: display, platform: 'linux' });
    expect(r).toMatchObject({ available: false, reason: expect.stringMatching(/44\.0\.0.*45\.5\.0/) });
  });

  it('gives up on a binary that hangs', async () => {
    await fakeBinary('exec sleep 30');
    const r = await electronRuntime({ packageDir: pkg, env: display, platform: 'linux', timeoutMs: 300 });
    expect(r).toMatchObject({ available: false, reason: expect.stringMatching(/did not answer/) });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', async () => {
    const other = path.join(pkg, 'elsewhere');
    const bin = await fakeBinary('printf 45.5.0', other);
    const r = await electronRuntime({
      packageDir: pkg,
      env: { ...display, ELECTRON_OVERRIDE_DIST_PATH: other },
      platform: 'linux',
    });
    expect(r).toEqual({ available: true, binary: bin });
  });

  it('answers for the real package on this machine without throwing', async () => {
    const r = await electronRuntime();
    expect(typeof r.available).toBe('boolean');
    if (!r.available) expect(r.reason).toBeTruthy();
  });
});
