// The main process's HTTP to the central API. Request building, status handling and error
// values live in shared/bridge/http (the web bridge uses the same); this adds the runtime's
// fetch and a timeout. main.ts passes Electron's net.fetch (Chromium's network stack, so
// the system proxy and certificate store apply); tests pass Node's fetch.
import type { FetchLike } from '../../shared/bridge/api-calls';

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiFetchOptions {
  fetch: FetchFn;
  /** Whole request and response body of one API call. */
  timeoutMs?: number;
}

export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/** The FetchLike the shared request logic uses: the runtime fetch plus a timeout. */
export function createApiFetch(options: ApiFetchOptions): FetchLike {
  const requestTimeoutMs = options.timeoutMs ?? 30_000;

  const fetchWithTimeout: FetchLike = async (url, init) => {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new TimeoutError(`no answer within ${Math.round(requestTimeoutMs / 1000)} s`)),
      requestTimeoutMs,
    );
    try {
      const res = await options.fetch(url, { ...init, signal: controller.signal });
      // Read the body inside the timeout too (bytes: a download stays binary); callers then read it from memory.
      const bytes = await res.arrayBuffer();
      return {
        status: res.status,
        headers: res.headers,
        text: async () => new TextDecoder().decode(bytes),
        arrayBuffer: async () => bytes,
      };
    } catch (err) {
      throw controller.signal.aborted && controller.signal.reason instanceof Error
        ? controller.signal.reason
        : err;
    } finally {
      clearTimeout(timer);
    }
  };

  return fetchWithTimeout;
}
