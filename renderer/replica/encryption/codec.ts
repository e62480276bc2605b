// AES-GCM (WebCrypto) sealing of a replica row's sensitive fields. A sealed value is one
// Uint8Array: a format byte (1), the 12-byte random IV, then the ciphertext with its 16-byte
// tag. The table name is authenticated with it (additional data), so a sealed value copied
// to another table does not open. The plaintext is the JSON of the sealed fields.
import { SEALED_FIELD } from './fields';

const FORMAT = 1;
const IV_BYTES = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The key could not open a sealed value: another user's key, a lost key, or tampered data. */
export class ReplicaKeyError extends Error {
  override name = 'ReplicaKeyError';
  constructor(
    message: string,
    readonly table: string,
  ) {
    super(message);
  }
}

/** A fresh per-user key: AES-GCM 256, not extractable (its bytes never reach script again). */
export function generateReplicaKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** Imports key bytes handed over by the desktop's main process, as a non-extractable key. */
export function importReplicaKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== 32) throw new Error(`A replica key has 32 bytes, not ${raw.length}`);
  return crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, { name: 'AES-GCM' }, false, [
    'encrypt',
    'decrypt',
  ]);
}

function additionalData(table: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`tam-replica:${table}`);
}

export async function seal(key: CryptoKey, table: string, value: unknown): Promise<Uint8Array> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const plain = encoder.encode(JSON.stringify(value));
  const cipher = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: additionalData(table) },
    key,
    plain,
  );
  const out = new Uint8Array(1 + IV_BYTES + cipher.byteLength);
  out[0] = FORMAT;
  out.set(iv, 1);
  out.set(new Uint8Array(cipher), 1 + IV_BYTES);
  return out;
}

export async function unseal(key: CryptoKey, table: string, sealed: Uint8Array): Promise<unknown> {
  if (sealed[0] !== FORMAT || sealed.length < 1 + IV_BYTES + 16) {
    throw new ReplicaKeyError(`A stored ${table} row is not in a format this app can read`, table);
  }
  const bytes = sealed as Uint8Array<ArrayBuffer>;
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.subarray(1, 1 + IV_BYTES), additionalData: additionalData(table) },
      key,
      bytes.subarray(1 + IV_BYTES),
    );
  } catch {
    throw new ReplicaKeyError(
      `A stored ${table} row could not be decrypted with this computer's key for the user`,
      table,
    );
  }
  return JSON.parse(decoder.decode(plain));
}

/** True for a stored row whose sensitive fields are sealed (rows written before are in clear). */
export function isSealedRow(row: unknown): row is Record<string, unknown> & { [SEALED_FIELD]: Uint8Array } {
  return (
    typeof row === 'object' &&
    row !== null &&
    ArrayBuffer.isView((row as Record<string, unknown>)[SEALED_FIELD])
  );
}

/**
 * The row as stored: the listed fields it has are moved into one sealed value. A row without
 * any of them (or already sealed) is returned as it is. The caller's object is not changed.
 */
export async function sealRow<T>(
  key: CryptoKey,
  table: string,
  fields: readonly string[],
  row: T,
): Promise<T> {
  if (typeof row !== 'object' || row === null || isSealedRow(row)) return row;
  const source = row as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  let any = false;
  const stored: Record<string, unknown> = { ...source };
  for (const field of fields) {
    if (field in source) {
      picked[field] = source[field];
      delete stored[field];
      any = true;
    }
  }
  if (!any) return row;
  stored[SEALED_FIELD] = await seal(key, table, picked);
  return stored as T;
}

/** The row as the app sees it: a sealed row's fields restored (a clear row is returned as it is). */
export async function unsealRow<T>(key: CryptoKey, table: string, row: T): Promise<T> {
  if (!isSealedRow(row)) return row;
  const { [SEALED_FIELD]: sealed, ...rest } = row;
  const fields = await unseal(
    key,
    table,
    new Uint8Array(sealed.buffer, sealed.byteOffset, sealed.byteLength),
  );
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    throw new ReplicaKeyError(`A stored ${table} row holds an unexpected sealed value`, table);
  }
  return { ...rest, ...(fields as Record<string, unknown>) } as T;
}
