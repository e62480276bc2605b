// Errors the bridge hands back as values: a stable code the UI can branch on and a message
// that says what went wrong and what to do about it.

export interface BridgeError {
  code: string;
  message: string;
}

/** Codes produced by the bridge itself (the server may add its own, e.g. on sign-in). */
export const ErrorCodes = {
  invalidUrl: 'invalid-url',
  invalidServerUrl: 'invalid-server-url',
  invalidCredentials: 'invalid-credentials',
  network: 'network',
  badResponse: 'bad-response',
  notSignedIn: 'not-signed-in',
  notificationsUnavailable: 'notifications-unavailable',
  permissionDenied: 'permission-denied',
  openFailed: 'open-failed',
  /** No PDF engine here (browser mode): print the report view instead. */
  pdfUnavailable: 'pdf-unavailable',
  pdfFailed: 'pdf-failed',
  saveFailed: 'save-failed',
  /** No OS secret store for the offline data's key (or browser mode): the renderer keeps its own. */
  keyringUnavailable: 'keyring-unavailable',
  /** The offline data's key is stored but the OS keyring cannot open it now. */
  replicaKeyUnavailable: 'replica-key-unavailable',
} as const;

export function bridgeError(code: string, message: string): BridgeError {
  return { code, message };
}

/** A checked value: either the cleaned-up input or an error value. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

/**
 * Thrown (the promise rejects) when a caller breaks the contract itself: wrong argument
 * types, an API path outside /v1/, a call from a frame that is not the app. These are
 * programming errors or attacks, not conditions a user can fix, so they are not values.
 */
export class BridgeContractError extends Error {
  override name = 'BridgeContractError';
}
