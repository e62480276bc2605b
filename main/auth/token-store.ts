// The desktop SessionStore: one JSON file under userData with the remembered identity (not
// secret) and the bearer tokens, each encrypted with Electron's safeStorage and keyed by
// (server origin, user id). The password is never stored. Where the OS offers no real
// secret store, tokens are kept in memory only: signing in again after a restart is better
// than a token on disk in clear.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  StoredIdentitySchema,
  type SessionStore,
  type StoredIdentity,
} from '../../shared/bridge/session-core';
import { z } from 'zod';

/** The asynchronous safeStorage API (the synchronous one is deprecated in Electron 45). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only; 'basic_text' means a hard-coded key, i.e. no protection. */
  getSelectedStorageBackend?(): string;
}

const FileSchema = z.object({
  version: z.literal(1),
  identity: StoredIdentitySchema.nullable(),
  /** key → base64 of the safeStorage ciphertext. */
  tokens: z.record(z.string(), z.string()),
});

type FileContents = z.infer<typeof FileSchema>;

export function tokenKey(origin: string, userId: string): string {
  return JSON.stringify([origin, userId]);
}

export interface TokenStoreOptions {
  /** e.g. path.join(app.getPath('userData'), 'session.json') */
  filePath: string;
  safeStorage: SafeStorageLike;
  platform?: NodeJS.Platform;
  log?(message: string): void;
}

export class TokenStore implements SessionStore {
  private readonly filePath: string;
  private readonly safeStorage: SafeStorageLike;
  private readonly platform: NodeJS.Platform;
  private readonly log: (message: string) => void;
  private contents: Promise<FileContents> | null = null;
  /** Decrypted tokens, and tokens that could not be persisted. */
  private readonly memory = new Map<string, string>();
  private writing: Promise<void> = Promise.resolve();
  private protection: Promise<boolean> | null = null;

  constructor(options: TokenStoreOptions) {
    this.filePath = options.filePath;
    this.safeStorage = options.safeStorage;
    this.platform = options.platform ?? process.platform;
    this.log = options.log ?? (() => {});
  }

  /** Whether tokens may be written to disk: real OS-backed encryption is available. */
  canPersistTokens(): Promise<boolean> {
    this.protection ??= (async () => {
      let available = false;
      try {
        available = await this.safeStorage.isAsyncEncryptionAvailable();
      } catch {
        available = false;
      }
      if (
        available &&
        this.platform === 'linux' &&
        this.safeStorage.getSelectedStorageBackend?.() === 'basic_text'
      ) {
        available = false;
      }
      if (!available) {
        this.log(
          'no OS secret store (keychain, DPAPI, libsecret/kwallet): the sign-in token is kept in memory only',
        );
      }
      return available;
    })();
    return this.protection;
  }

  async loadIdentity(): Promise<StoredIdentity | null> {
    return (await this.read()).identity;
  }

  async loadToken(identity: StoredIdentity): Promise<string | null> {
    const key = tokenKey(identity.origin, identity.user.id);
    const cached = this.memory.get(key);
    if (cached !== undefined) return cached;
    const sealed = (await this.read()).tokens[key];
    if (sealed === undefined || !(await this.canPersistTokens())) return null;
    try {
      const { result, shouldReEncrypt } = await this.safeStorage.decryptStringAsync(
        Buffer.from(sealed, 'base64'),
      );
      this.memory.set(key, result);
      if (shouldReEncrypt) await this.save(identity, result);
      return result;
    } catch (err) {
      // Key rotated away or the file came from another machine: sign in again.
      this.log(
        `stored token could not be decrypted (${err instanceof Error ? err.message : String(err)}); sign-in needed`,
      );
      return null;
    }
  }

  async save(identity: StoredIdentity, token: string): Promise<void> {
    const key = tokenKey(identity.origin, identity.user.id);
    this.memory.set(key, token);
    const sealed = (await this.canPersistTokens())
      ? (await this.safeStorage.encryptStringAsync(token)).toString('base64')
      : undefined;
    await this.update((c) => {
      const tokens = { ...c.tokens };
      if (sealed === undefined) delete tokens[key];
      else tokens[key] = sealed;
      return { ...c, identity: { ...identity, user: { ...identity.user } }, tokens };
    });
  }

  async dropToken(identity: StoredIdentity): Promise<void> {
    const key = tokenKey(identity.origin, identity.user.id);
    this.memory.delete(key);
    await this.update((c) => {
      const tokens = { ...c.tokens };
      delete tokens[key];
      return { ...c, tokens };
    });
  }

  async clear(identity: StoredIdentity): Promise<void> {
    const key = tokenKey(identity.origin, identity.user.id);
    this.memory.delete(key);
    await this.update((c) => {
      const tokens = { ...c.tokens };
      delete tokens[key];
      return { ...c, identity: null, tokens };
    });
  }

  private read(): Promise<FileContents> {
    this.contents ??= (async () => {
      let text: string;
      try {
        text = await readFile(this.filePath, 'utf8');
      } catch {
        return { version: 1 as const, identity: null, tokens: {} };
      }
      try {
        return FileSchema.parse(JSON.parse(text));
      } catch {
        // A damaged file costs a sign-in, never a crash.
        this.log(`ignoring unreadable ${this.filePath}`);
        return { version: 1 as const, identity: null, tokens: {} };
      }
    })();
    return this.contents;
  }

  private update(change: (c: FileContents) => FileContents): Promise<void> {
    const run = this.writing.then(async () => {
      const next = change(await this.read());
      this.contents = Promise.resolve(next);
      await mkdir(path.dirname(this.filePath), { recursive: true });
      // Write then rename: a crash mid-write leaves the old file, not half a file.
      const temp = `${this.filePath}.${process.pid}.tmp`;
      try {
        await writeFile(temp, `${JSON.stringify(next, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
        await rename(temp, this.filePath);
      } catch (err) {
        await rm(temp, { force: true });
        throw err;
      }
    });
    this.writing = run.catch(() => undefined);
    return run;
  }
}
