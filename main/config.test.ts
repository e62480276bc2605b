import { describe, expect, it } from 'vitest';
import { checkDevUrl, readMainConfig } from './config';

describe('readMainConfig', () => {
  it('reads TAM_SERVER_URL and TAM_DEV_URL from the environment', () => {
    const c = readMainConfig(
      { TAM_SERVER_URL: 'http://127.0.0.1:4780/', TAM_DEV_URL: 'http://localhost:5173' },
      [],
    );
    expect(c.defaultServerUrl).toBe('http://127.0.0.1:4780');
    expect(c.devUrl).toBe('http://localhost:5173/');
    expect(c.warnings).toEqual([]);
  });

  it('lets flags win over the environment', () => {
    const c = readMainConfig({ TAM_SERVER_URL: 'https://a.example' }, [
      'electron',
      '.',
      '--server-url=https://b.example',
      '--user-data=/tmp/tam-profile',
    ]);
    expect(c.defaultServerUrl).toBe('https://b.example');
    expect(c.userDataDir).toBe('/tmp/tam-profile');
  });

  it('ignores, with a warning, a dev URL that is not a local http server', () => {
    for (const devUrl of [
      'https://localhost:5173',
      'http://192.168.1.5:5173',
      'http://evil.example',
      'file:///tmp/x.html',
      'x',
    ]) {
      const c = readMainConfig({ TAM_DEV_URL: devUrl }, []);
      expect(c.devUrl, devUrl).toBeUndefined();
      expect(c.warnings.join(' '), devUrl).toMatch(/TAM_DEV_URL/);
    }
  });

  it('ignores, with a warning, an unusable default server address', () => {
    const c = readMainConfig({ TAM_SERVER_URL: 'http://tam.example.com' }, []);
    expect(c.defaultServerUrl).toBeUndefined();
    expect(c.warnings[0]).toMatch(/https/);
  });

  it('has no defaults of its own', () => {
    expect(readMainConfig({}, [])).toEqual({
      defaultServerUrl: undefined,
      devUrl: undefined,
      userDataDir: undefined,
      refusedSwitches: [],
      crashUploadUrl: undefined,
      printVersion: false,
      warnings: [],
    });
  });

  it('uploads crash reports only to an https address that is given', () => {
    expect(
      readMainConfig({ TAM_CRASH_UPLOAD_URL: 'https://crash.example.com/submit' }, []).crashUploadUrl,
    ).toBe('https://crash.example.com/submit');
    const plain = readMainConfig({}, ['app', '--crash-upload-url=http://crash.example.com']);
    expect(plain.crashUploadUrl).toBeUndefined();
    expect(plain.warnings.join(' ')).toMatch(/https/);
  });

  it('reads --version', () => {
    expect(readMainConfig({}, ['app', '--version']).printVersion).toBe(true);
  });
});

describe('readMainConfig in a packaged build', () => {
  const packaged = { isPackaged: true };

  it('ignores --dev-url and TAM_DEV_URL, with a warning', () => {
    const fromEnv = readMainConfig({ TAM_DEV_URL: 'http://localhost:5173' }, [], packaged);
    expect(fromEnv.devUrl).toBeUndefined();
    expect(fromEnv.warnings.join(' ')).toMatch(/installed build/);
    const fromFlag = readMainConfig({}, ['app', '--dev-url=http://127.0.0.1:5173'], packaged);
    expect(fromFlag.devUrl).toBeUndefined();
    // The same inputs are honoured in development.
    expect(readMainConfig({ TAM_DEV_URL: 'http://localhost:5173' }, [], { isPackaged: false }).devUrl).toBe(
      'http://localhost:5173/',
    );
  });

  it('refuses remote debugging switches, and leaves them alone in development', () => {
    const argv = ['app', '--remote-debugging-port=9222', '--remote-debugging-pipe', '--inspect=9229'];
    const c = readMainConfig({}, argv, packaged);
    expect(c.refusedSwitches).toEqual(['remote-debugging-port', 'remote-debugging-pipe', 'inspect']);
    expect(c.warnings.join(' ')).toMatch(/--remote-debugging-port/);
    expect(readMainConfig({}, argv, { isPackaged: false }).refusedSwitches).toEqual([]);
    expect(readMainConfig({}, ['app', '--remote-debugging-portal'], packaged).refusedSwitches).toEqual([]);
  });

  it('still reads the server address and the profile folder', () => {
    const c = readMainConfig(
      { TAM_SERVER_URL: 'https://tam.example' },
      ['app', '--user-data=/tmp/p'],
      packaged,
    );
    expect(c.defaultServerUrl).toBe('https://tam.example');
    expect(c.userDataDir).toBe('/tmp/p');
  });
});

describe('checkDevUrl', () => {
  it('accepts http://localhost and http://127.0.0.1 only', () => {
    expect(checkDevUrl('http://127.0.0.1:5173/')).toBe('http://127.0.0.1:5173/');
    expect(checkDevUrl('http://localhost.evil.example:5173/')).toBeNull();
    expect(checkDevUrl('http://user@localhost:5173/')).toBeNull();
  });
});
