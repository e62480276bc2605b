// Opens GET /v1/sync/events (server-sent events) with the bearer header and hands the body
// to the shared reconnect loop as decoded text. Each event means "something changed, pull
// now"; the loop (shared/bridge/event-stream) parses, reconnects with backoff and stops on
// 401. EventSource is not used: it cannot send an Authorization header.
import type { StreamResponse } from '../../shared/bridge/event-stream';
import { TimeoutError, type FetchFn } from '../api/api-client';

export interface EventsConnectionOptions {
  fetch: FetchFn;
  /** Until the response headers arrive; the open stream itself has no timeout. */
  connectTimeoutMs?: number;
}

export function createEventStreamOpener(
  options: EventsConnectionOptions,
): (serverUrl: string, token: string) => Promise<StreamResponse> {
  const connectTimeoutMs = options.connectTimeoutMs ?? 15_000;

  return async (serverUrl, token) => {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new TimeoutError(`no answer within ${Math.round(connectTimeoutMs / 1000)} s`)),
      connectTimeoutMs,
    );
    let res: Response;
    try {
      res = await options.fetch(`${serverUrl}/v1/sync/events`, {
        method: 'GET',
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'text/event-stream',
          'cache-control': 'no-cache',
        },
        signal: controller.signal,
        redirect: 'error',
      });
    } catch (err) {
      throw controller.signal.aborted && controller.signal.reason instanceof Error
        ? controller.signal.reason
        : err;
    } finally {
      clearTimeout(timer);
    }
    const body = res.body;
    return {
      status: res.status,
      close: () => controller.abort(),
      chunks: {
        async *[Symbol.asyncIterator]() {
          if (!body) return;
          const reader = body.getReader();
          const decoder = new TextDecoder();
          try {
            for (;;) {
              const { done, value } = await reader.read();
              if (done) break;
              yield decoder.decode(value, { stream: true });
            }
          } finally {
            controller.abort();
          }
        },
      },
    };
  };
}
