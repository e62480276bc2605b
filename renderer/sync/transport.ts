// How the engine reaches the central API: one method, injected. In the app it is the bridge's
// apiRequest (the token never enters the window); in tests a fetch against a real server.
import type { DesktopApi } from '../../shared/bridge/desktop-api';

export type TransportResponse =
  | { status: number; body: unknown; retryAfterSeconds?: number }
  | { status: 0; error: { code: string; message: string } };

/** Extras of a request: a PUT's raw bytes are its body; a download asks for bytes and maybe a range. */
export interface TransportOptions {
  range?: string;
  responseType?: 'bytes';
}

export interface Transport {
  request(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
    options?: TransportOptions,
  ): Promise<TransportResponse>;
}

export function bridgeTransport(api: Pick<DesktopApi, 'apiRequest'>): Transport {
  return {
    async request(method, path, body, options) {
      try {
        return await api.apiRequest({
          method,
          path,
          ...(body === undefined ? {} : { body }),
          ...(options?.range ? { range: options.range } : {}),
          ...(options?.responseType ? { responseType: options.responseType } : {}),
        });
      } catch (err) {
        // A contract violation is a bug, but the engine must not die on it: report it as a value.
        return {
          status: 0,
          error: { code: 'bridge', message: err instanceof Error ? err.message : String(err) },
        };
      }
    },
  };
}

/** Why a request did not give a usable answer, and whether trying again later may help. */
export interface SyncFailure {
  code: string;
  message: string;
  retryable: boolean;
  /** The server asked to wait this long before the next request (429/503 with Retry-After). */
  retryAfterMs?: number;
}

/** The longest wait a Retry-After may impose (a wrong header must not stop sync for days). */
export const RETRY_AFTER_MAX_MS = 24 * 60 * 60_000;

/** The `{ error: { code, message } }` of an API error body, if it has one. */
export function errorOf(body: unknown): { code: string; message: string } | null {
  if (typeof body !== 'object' || body === null) return null;
  const e = (body as { error?: unknown }).error;
  if (typeof e !== 'object' || e === null) return null;
  const { code, message } = e as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string' ? { code, message } : null;
}

/**
 * The failure a response stands for, or null for a 2xx. 4xx other than 401/408/429 are
 * returned as non-retryable failures for the caller to interpret (rejections, reset cursor).
 */
export function failureOf(res: TransportResponse): SyncFailure | null {
  if ('error' in res) {
    if (res.error.code === 'not-signed-in')
      return { code: 'auth', message: res.error.message, retryable: false };
    return { code: 'network', message: res.error.message, retryable: true };
  }
  if (res.status >= 200 && res.status < 300) return null;
  const apiError = errorOf(res.body);
  const message = apiError?.message ?? `The server answered HTTP ${res.status}.`;
  if (res.status === 401) return { code: 'auth', message, retryable: false };
  const wait =
    res.retryAfterSeconds === undefined
      ? {}
      : { retryAfterMs: Math.min(RETRY_AFTER_MAX_MS, res.retryAfterSeconds * 1000) };
  if (res.status === 429) return { code: 'rate-limited', message, retryable: true, ...wait };
  if (res.status === 408 || res.status >= 500) return { code: 'server', message, retryable: true, ...wait };
  return { code: apiError?.code ?? `http-${res.status}`, message, retryable: false };
}
