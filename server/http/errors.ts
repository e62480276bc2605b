// Errors as values the caller can act on: every error response is
// { error: { code, message } } with a message that says what to do; never a stack trace.
import type { z } from 'zod';
import { describeIssues } from '../../shared/model/issues';
import type { ErrorCode } from '../../shared/model/error-codes';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    /** Extra fields of the error object (e.g. the customers of user_has_customers). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function errorBody(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
  return { error: { ...details, code, message } };
}

/** Validates a request part with a zod schema; a 400 that names the fields otherwise. */
export function parseOr400<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what = 'request body',
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const detail = describeIssues(parsed.error);
  throw new HttpError(400, 'invalid_request', `Invalid ${what}: ${detail}. Fix these fields and send again.`);
}
