// The desktop's keys for the offline data at rest (renderer/replica/encryption): one random
// AES-256 key per (server origin, user), created on first use, stored in one JSON file under
// userData encrypted with Electron's safeStorage (the OS keyring: Keychain, DPAPI,
// libsecret/kwallet), and handed to the app window over the bridge (getReplicaKey).
//
// A stored key is never replaced: if the keyring cannot open it now (locked, or the profile
// moved to another machine), the answer is 'replica-key-unavailable' and the file is left as
// it is, so the offline data stays readable once the keyring is back. Without a real OS
// secret store ('basic_text' on Linux, or none) the answer is 'keyring-unavailable' and the
// renderer keeps its own key, as in browser mode.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { bridgeError, ErrorCodes } from '../../shared/bridge/errors';
import type { ReplicaKeyResult } from '../../shared/bridge/schemas';
import type { SafeStorageLike } from './token-store';
import { tokenKey } from './token-store';

const FileSchema = z.object({
  version: z.literal(1),
  /** tokenKey(origin, userId) → base64 of the safeStorage ciphertext of the base64 key. */
  keys: z.record(z.string(), z.string()),
});
type FileContents = z.infer<typeof FileSchema>;

export interface ReplicaKeyStoreOptions {
  /** e.g. path.join(app.getPath('userData'), 'replica-keys.json') */
  filePath: string;
  safeStorage: SafeStorageLike;
  /** Whether safeStorage is backed by a real OS secret store (TokenStore.canPersistTokens). */
  canUseKeyring: () => Promise<boolean>;
  log?(message: string): void;
}

export class ReplicaKeyStore {
  private readonly options: ReplicaKeyStoreOptions;
  private readonly log: (message: string) => void;
  /** One pending lookup per user: two windows asking at once get the same new key. */
  private readonly pending = new Map<string, Promise<ReplicaKeyResult>>();
  private writing: Promise<void> = Promise.resolve();

  constructor(options: ReplicaKeyStoreOptions) {
    this.options = options;
    this.log = options.log ?? (() => {});
  }

  keyFor(origin: string, userId: string): Promise<ReplicaKeyResult> {
    const id = tokenKey(origin, userId);
    let result = this.pending.get(id);
    if (!result) {
      result = this.lookUp(id).finally(() => this.pending.delete(id));
      this.pending.set(id, result);
    }
    return result;
  }

  private async lookUp(id: string): Promise<ReplicaKeyResult> {
    if (!(await this.options.canUseKeyring())) {
      return {
        ok: false,
        error: bridgeError(
          ErrorCodes.keyringUnavailable,
          'This computer has no OS keyring for the offline data: its key is kept by the app window instead.',
        ),
      };
    }
    const sealed = (await this.read()).keys[id];
    if (sealed !== undefined) {
      try {
        const { result } = await this.options.safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'));
        const key = Buffer.from(result, 'base64');
        if (key.length !== 32) throw new Error(`stored key has ${key.length} bytes`);
        return { ok: true, key: new Uint8Array(key) };
      } catch (err) {
        this.log(
          `offline data key could not be opened (${err instanceof Error ? err.message : String(err)}); kept as it is`,
        );
        return {
          ok: false,
          error: bridgeError(
            ErrorCodes.replicaKeyUnavailable,
            "The OS keyring could not open the key of this user's offline data. Unlock the keyring (or sign in to the computer's account that created it), then sign in again.",
          ),
        };
      }
    }
    const key = randomBytes(32);
    const encrypted = await this.options.safeStorage.encryptStringAsync(key.toString('base64'));
    await this.update((c) => ({ ...c, keys: { ...c.keys, [id]: encrypted.toString('base64') } }));
    return { ok: true, key: new Uint8Array(key) };
  }

  private async read(): Promise<FileContents> {
    let text: string;
    try {
      text = await readFile(this.options.filePath, 'utf8');
    } catch {
      return { version: 1, keys: {} };
    }
    const parsed = FileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${this.options.filePath} is not a key file this app can read`);
    return parsed.data;
  }

  private update(change: (c: FileContents) => FileContents): Promise<void> {
    const run = this.writing.then(async () => {
      const next = change(await this.read());
      const file = this.options.filePath;
      await mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      try {
        await writeFile(temp, `${JSON.stringify(next, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
        await rename(temp, file);
      } catch (err) {
        await rm(temp, { force: true });
        throw err;
      }
    });
    this.writing = run.catch(() => undefined);
    return run;
  }
}
