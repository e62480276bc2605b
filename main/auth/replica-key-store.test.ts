import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReplicaKeyStore } from './replica-key-store';
import type { SafeStorageLike } from './token-store';

// safeStorage is the Electron boundary: faked here (a reversible transform plus a switch for
// a keyring that refuses), everything else (files, key bytes) is real.
function fakeSafeStorage() {
  const state = { broken: false };
  const safeStorage: SafeStorageLike = {
    isAsyncEncryptionAvailable: async () => true,
    encryptStringAsync: async (s) => Buffer.from(`sealed:${s}`),
    decryptStringAsync: async (b) => {
      if (state.broken) throw new Error('Error while decrypting the ciphertext provided to safeStorage');
      const text = b.toString();
      if (!text.startsWith('sealed:')) throw new Error('not sealed');
      return { result: text.slice('sealed:'.length), shouldReEncrypt: false };
    },
  };
  return { safeStorage, state };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tam-keys-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function store(safeStorage: SafeStorageLike, keyring = true) {
  return new ReplicaKeyStore({
    filePath: path.join(dir, 'replica-keys.json'),
    safeStorage,
    canUseKeyring: async () => keyring,
  });
}

describe('ReplicaKeyStore', () => {
  it('creates one key per (origin, user), keeps it across restarts, and stores it only sealed', async () => {
    const { safeStorage } = fakeSafeStorage();
    const first = await store(safeStorage).keyFor('https://tam.example', 'u1');
    if (!first.ok) throw new Error(first.error.message);
    expect(first.key).toHaveLength(32);
    const again = await store(safeStorage).keyFor('https://tam.example', 'u1');
    expect(again).toEqual(first);
    const other = await store(safeStorage).keyFor('https://tam.example', 'u2');
    expect(other.ok && Buffer.from(other.key).equals(Buffer.from(first.key))).toBe(false);
    const file = await readFile(path.join(dir, 'replica-keys.json'), 'utf8');
    expect(file).not.toContain(Buffer.from(first.key).toString('base64'));
  });

  it('gives two concurrent callers the same new key', async () => {
    const { safeStorage } = fakeSafeStorage();
    const s = store(safeStorage);
    const [a, b] = await Promise.all([s.keyFor('o', 'u'), s.keyFor('o', 'u')]);
    expect(a).toEqual(b);
  });

  it('never replaces a stored key the keyring cannot open now', async () => {
    const { safeStorage, state } = fakeSafeStorage();
    const first = await store(safeStorage).keyFor('o', 'u');
    const before = await readFile(path.join(dir, 'replica-keys.json'), 'utf8');
    state.broken = true;
    const locked = await store(safeStorage).keyFor('o', 'u');
    expect(locked).toMatchObject({ ok: false, error: { code: 'replica-key-unavailable' } });
    expect(await readFile(path.join(dir, 'replica-keys.json'), 'utf8')).toBe(before);
    state.broken = false;
    expect(await store(safeStorage).keyFor('o', 'u')).toEqual(first);
  });

  it('refuses to write over a key file it cannot read', async () => {
    const { safeStorage } = fakeSafeStorage();
    await writeFile(path.join(dir, 'replica-keys.json'), '{"version":9}');
    await expect(store(safeStorage).keyFor('o', 'u')).rejects.toThrow(/not a key file/);
    expect(await readFile(path.join(dir, 'replica-keys.json'), 'utf8')).toBe('{"version":9}');
  });

  it('says keyring-unavailable without an OS secret store (the window keeps its own key)', async () => {
    const { safeStorage } = fakeSafeStorage();
    expect(await store(safeStorage, false).keyFor('o', 'u')).toMatchObject({
      ok: false,
      error: { code: 'keyring-unavailable' },
    });
  });
});
