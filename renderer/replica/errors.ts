// Storage failures as values the user can act on.
import type { ErrorDetail } from '../../shared/model/api';

/**
 * An error of a change made on this computer: a refusal of the shared rules (ErrorDetail, a
 * registered code) or one of the app's own codes (renderer/i18n/errors.ts words them all).
 */
export type LocalError = Omit<ErrorDetail, 'code'> & {
  code: ErrorDetail['code'] | 'not-signed-in' | 'storage-full' | 'storage-failed';
};

/** True for IndexedDB's "disk/quota full", however Dexie wrapped it. */
export function isQuotaError(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const name = (e as { name?: unknown }).name;
    if (name === 'QuotaExceededError') return true;
    e = (e as { inner?: unknown }).inner;
  }
  return false;
}

export const STORAGE_FULL_CODE = 'storage-full' as const;

export function storageFullError(): LocalError {
  return {
    code: STORAGE_FULL_CODE,
    message:
      "This computer has no room left for the offline data. Nothing was lost: free some disk space (or remove other sites' data), then try again.",
  };
}

export const STORAGE_FAILED_CODE = 'storage-failed' as const;

export function storageFailedError(err: unknown): LocalError {
  const detail = err instanceof Error ? err.message : String(err);
  return {
    code: STORAGE_FAILED_CODE,
    message: `The offline data could not be written (${detail}). Nothing was changed; try again, and restart the app if it keeps failing.`,
  };
}

export function storageError(err: unknown): LocalError {
  return isQuotaError(err) ? storageFullError() : storageFailedError(err);
}
