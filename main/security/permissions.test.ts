import { describe, expect, it } from 'vitest';
import { appOrigin } from './origin';
import { installPermissionHandlers, type PermissionSessionLike } from './permissions';

type RequestHandler = Parameters<PermissionSessionLike['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<PermissionSessionLike['setPermissionCheckHandler']>[0];

function install() {
  let request: RequestHandler | null = null;
  let check: CheckHandler | null = null;
  installPermissionHandlers(
    {
      setPermissionRequestHandler: (h) => {
        request = h;
      },
      setPermissionCheckHandler: (h) => {
        check = h;
      },
    },
    appOrigin().isAppUrl,
  );
  const ask = (permission: string, url = 'app://tam/index.html') => {
    let granted: boolean | undefined;
    request!({ getURL: () => url }, permission, (g) => (granted = g), { requestingUrl: url });
    return granted;
  };
  const probe = (permission: string, origin = 'app://tam') =>
    check!({ getURL: () => `${origin}/` }, permission, origin);
  return { ask, probe, installed: () => request !== null && check !== null };
}

const OTHERS = [
  'media',
  'geolocation',
  'clipboard-read',
  'display-capture',
  'hid',
  'serial',
  'usb',
  'midiSysex',
  'openExternal',
  'pointerLock',
  'fullscreen',
  'storage-access',
  'idle-detection',
  'local-fonts',
  'window-management',
  'unknown',
];

describe('permission handlers', () => {
  it('installs both the request and the check handler', () => {
    expect(install().installed()).toBe(true);
  });

  it.each(['notifications', 'persistent-storage'])('grants %s to the app', (permission) => {
    const p = install();
    expect(p.ask(permission)).toBe(true);
    expect(p.probe(permission)).toBe(true);
  });

  it.each(OTHERS)('denies %s even to the app', (permission) => {
    const p = install();
    expect(p.ask(permission)).toBe(false);
    expect(p.probe(permission)).toBe(false);
  });

  it.each(['notifications', 'persistent-storage'])('denies %s to any other origin', (permission) => {
    const p = install();
    expect(p.ask(permission, 'https://evil.example/')).toBe(false);
    expect(p.probe(permission, 'https://evil.example')).toBe(false);
    expect(p.ask(permission, 'app://tam.evil/index.html')).toBe(false);
  });
});
