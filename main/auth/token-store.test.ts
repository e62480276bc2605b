import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredIdentity } from '../../shared/bridge/session-core';
import { TokenStore, type SafeStorageLike } from './token-store';

/** Stands in for the OS: "encrypts" by XOR with a per-instance key and a marker. */
function fakeSafeStorage(options: { available?: boolean; backend?: string; key?: number } = {}) {
  const key = options.key ?? 0x5a;
  const marker = Buffer.from('v10');
  const storage: SafeStorageLike & { encryptCalls: number } = {
    encryptCalls: 0,
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    encryptStringAsync: async (plain) => {
      storage.encryptCalls++;
      return Buffer.concat([marker, Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ key))]);
    },
    decryptStringAsync: async (sealed) => {
      if (!sealed.subarray(0, 3).equals(marker)) throw new Error('bad ciphertext');
      return {
        result: Buffer.from(sealed.subarray(3).map((b) => b ^ key)).toString('utf8'),
        shouldReEncrypt: false,
      };
    },
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
  };
  return storage;
}

const TOKEN = 'tok_3f9a1c7e-very-secret-bearer-token';

function identity(origin: string, userId: string): StoredIdentity {
  return {
    serverUrl: origin,
    origin,
    user: { id: userId, email: `${userId}@example.com`, name: `User ${userId}`, role: 'tam' },
    expiresAt: '2030-01-01T00:00:00.000Z',
  };
}

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tam-tokens-'));
  file = path.join(dir, 'profile', 'session.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('TokenStore', () => {
  it('never writes the token in clear (nor base64 of it) to disk', async () => {
    const store = new TokenStore({ filePath: file, safeStorage: fakeSafeStorage(), platform: 'linux' });
    await store.save(identity('https://tam.example', 'u1'), TOKEN);
    const onDisk = await readFile(file, 'utf8');
    expect(onDisk).not.toContain(TOKEN);
    expect(onDisk).not.toContain(Buffer.from(TOKEN).toString('base64'));
    expect(onDisk).not.toContain(Buffer.from(TOKEN).toString('hex'));
    expect(onDisk).toContain('u1@example.com');
  });

  it('reads the token back in a new process (new instance, same file)', async () => {
    const safeStorage = fakeSafeStorage();
    await new TokenStore({ filePath: file, safeStorage }).save(identity('https://tam.example', 'u1'), TOKEN);
    const later = new TokenStore({ filePath: file, safeStorage });
    const id = await later.loadIdentity();
    expect(id?.user.id).toBe('u1');
    expect(await later.loadToken(id!)).toBe(TOKEN);
  });

  it('keeps tokens per (server origin, user id)', async () => {
    const safeStorage = fakeSafeStorage();
    const store = new TokenStore({ filePath: file, safeStorage });
    await store.save(identity('https://a.example', 'u1'), 'token-a-u1');
    await store.save(identity('https://b.example', 'u1'), 'token-b-u1');
    await store.save(identity('https://a.example', 'u2'), 'token-a-u2');
    const fresh = new TokenStore({ filePath: file, safeStorage });
    expect(await fresh.loadToken(identity('https://a.example', 'u1'))).toBe('token-a-u1');
    expect(await fresh.loadToken(identity('https://b.example', 'u1'))).toBe('token-b-u1');
    expect(await fresh.loadToken(identity('https://a.example', 'u2'))).toBe('token-a-u2');
    expect(await fresh.loadToken(identity('https://b.example', 'u2'))).toBeNull();
    expect((await fresh.loadIdentity())?.origin).toBe('https://a.example');
  });

  it('dropToken forgets the token but keeps the identity; clear forgets both', async () => {
    const safeStorage = fakeSafeStorage();
    const store = new TokenStore({ filePath: file, safeStorage });
    const id = identity('https://tam.example', 'u1');
    await store.save(id, TOKEN);
    await store.dropToken(id);
    let fresh = new TokenStore({ filePath: file, safeStorage });
    expect(await fresh.loadIdentity()).toEqual(id);
    expect(await fresh.loadToken(id)).toBeNull();
    await store.save(id, TOKEN);
    await store.clear(id);
    fresh = new TokenStore({ filePath: file, safeStorage });
    expect(await fresh.loadIdentity()).toBeNull();
    expect(await fresh.loadToken(id)).toBeNull();
    expect(await readFile(file, 'utf8')).not.toContain('"[');
  });

  it.each([
    ['encryption is unavailable', { available: false }],
    ['Linux falls back to the hard-coded basic_text key', { backend: 'basic_text' }],
  ])('when %s: keeps the token in memory only, still remembers the identity', async (_label, opts) => {
    const log = vi.fn();
    const safeStorage = fakeSafeStorage(opts);
    const store = new TokenStore({ filePath: file, safeStorage, platform: 'linux', log });
    const id = identity('https://tam.example', 'u1');
    await store.save(id, TOKEN);
    expect(await store.loadToken(id)).toBe(TOKEN);
    expect(safeStorage.encryptCalls).toBe(0);
    const onDisk = await readFile(file, 'utf8');
    expect(onDisk).not.toContain(TOKEN);
    expect(JSON.parse(onDisk).tokens).toEqual({});
    const afterRestart = new TokenStore({ filePath: file, safeStorage, platform: 'linux' });
    expect(await afterRestart.loadIdentity()).toEqual(id);
    expect(await afterRestart.loadToken(id)).toBeNull();
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/memory only/));
  });

  it('treats a token it cannot decrypt (other machine, rotated key) as absent', async () => {
    await new TokenStore({ filePath: file, safeStorage: fakeSafeStorage({ key: 1 }) }).save(
      identity('https://t.example', 'u1'),
      TOKEN,
    );
    const broken = fakeSafeStorage();
    broken.decryptStringAsync = async () => {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    };
    const store = new TokenStore({ filePath: file, safeStorage: broken });
    expect(await store.loadToken(identity('https://t.example', 'u1'))).toBeNull();
  });

  it('re-encrypts when safeStorage asks for it', async () => {
    const safeStorage = fakeSafeStorage();
    await new TokenStore({ filePath: file, safeStorage }).save(identity('https://t.example', 'u1'), TOKEN);
    const decrypt = safeStorage.decryptStringAsync;
    safeStorage.decryptStringAsync = async (b) => ({ ...(await decrypt(b)), shouldReEncrypt: true });
    const before = safeStorage.encryptCalls;
    await new TokenStore({ filePath: file, safeStorage }).loadToken(identity('https://t.example', 'u1'));
    expect(safeStorage.encryptCalls).toBe(before + 1);
  });

  it('survives a damaged file, and writes files readable by the user only', async () => {
    await new TokenStore({ filePath: file, safeStorage: fakeSafeStorage() }).save(
      identity('https://t.example', 'u1'),
      TOKEN,
    );
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o077).toBe(0);
    await writeFile(file, '{"version":1,"identity":');
    const store = new TokenStore({ filePath: file, safeStorage: fakeSafeStorage() });
    expect(await store.loadIdentity()).toBeNull();
  });
});
