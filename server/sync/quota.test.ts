// The push quota's windows and its configuration (the HTTP behaviour is in server/push.test.ts).
import { describe, expect, it } from 'vitest';
import { HttpError } from '../http/errors';
import { PushQuota, pushQuotaFromEnv } from './quota';

const refusal = (fn: () => void): HttpError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof HttpError) return err;
    throw err;
  }
  throw new Error('not refused');
};

describe('PushQuota', () => {
  it('refuses what does not fit with the seconds until it does, counting nothing refused', () => {
    let t = 0;
    const q = new PushQuota({ mutationsPerMinute: 10, bytesPerDay: 0 }, () => t);
    q.take('u', 6, 100);
    t = 20_000;
    q.take('u', 4, 100);
    const err = refusal(() => q.take('u', 1, 100));
    expect(err).toMatchObject({ statusCode: 429, code: 'rate_limited', headers: { 'retry-after': '40' } });
    // The first push leaves the window at 60 s: then 4 + 5 fit, 4 + 7 not.
    t = 60_000;
    expect(() => q.take('u', 7, 100)).toThrow(HttpError);
    q.take('u', 5, 100);
    // Users are counted apart.
    q.take('other', 10, 100);
  });

  it('takes a push larger than the limit into an empty window, so that nothing is refused for ever', () => {
    let t = 0;
    const q = new PushQuota({ mutationsPerMinute: 5, bytesPerDay: 1000 }, () => t);
    q.take('u', 50, 5000);
    const err = refusal(() => q.take('u', 1, 10));
    expect(Number(err.headers['retry-after'])).toBe(24 * 3600);
    t = 24 * 3600_000;
    q.take('u', 50, 5000);
  });

  it('0 means no limit', () => {
    const q = new PushQuota({ mutationsPerMinute: 0, bytesPerDay: 0 }, () => 0);
    for (let i = 0; i < 100; i++) q.take('u', 500, 1_000_000);
  });

  it('reads TAM_PUSH_MUTATIONS_PER_MINUTE and TAM_PUSH_BYTES_PER_DAY, refusing what is not a whole number', () => {
    expect(pushQuotaFromEnv({})).toEqual({});
    expect(pushQuotaFromEnv({ TAM_PUSH_MUTATIONS_PER_MINUTE: '1200', TAM_PUSH_BYTES_PER_DAY: '0' })).toEqual({
      mutationsPerMinute: 1200,
      bytesPerDay: 0,
    });
    expect(() => pushQuotaFromEnv({ TAM_PUSH_BYTES_PER_DAY: '50MB' })).toThrow(
      /TAM_PUSH_BYTES_PER_DAY must be a whole number/,
    );
  });
});
