// Errors as values the caller can act on: every error response is
// { error: { code, message } } with a message that says what to do; never a stack trace.
import type { z } from 'zod';
import type { ErrorCode } from '../../shared/model/error-codes';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorBody(code: ErrorCode, message: string) {
  return { error: { code, message } };
}

/** Validates a request part with a zod schema; a 400 that names the fields otherwise. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, what = 'request body'): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues
    .slice(0, 5)
    .map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
  throw new HttpError(400, 'invalid_request', `Invalid ${what}: ${detail}. Fix these fields and send again.`);
}
