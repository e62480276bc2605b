// The browser's connector for GET /v1/sync/events: fetch with the bearer header (an
// EventSource cannot send one), the body read as a stream and decoded. The shared loop
// (shared/bridge/event-stream) does the parsing and reconnecting.
import type { StreamResponse } from '../../shared/bridge/event-stream';

export function createWebEventStreamOpener(
  fetchFn: typeof fetch,
  connectTimeoutMs = 15_000,
): (serverUrl: string, token: string) => Promise<StreamResponse> {
  return async (serverUrl, token) => {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new Error(`no answer within ${Math.round(connectTimeoutMs / 1000)} s`)),
      connectTimeoutMs,
    );
    let res: Response;
    try {
      res = await fetchFn(`${serverUrl}/v1/sync/events`, {
        method: 'GET',
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
        signal: controller.signal,
        redirect: 'error',
        cache: 'no-store',
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
