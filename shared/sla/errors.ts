// Invalid input is reported as a list of issues a user (or a form) can act on: where, what.
import type { z } from 'zod';

export interface SlaIssue {
  /** Dotted path of the offending field, e.g. 'calendar.weekly.mon.0'. '' for the whole input. */
  path: string;
  /** Machine-readable code: zod's issue code, or one of ours (e.g. 'calendar_never_opens'). */
  code: string;
  message: string;
}

export class SlaInputError extends Error {
  override readonly name = 'SlaInputError';
  readonly issues: readonly SlaIssue[];

  constructor(issues: readonly SlaIssue[], what = 'input') {
    super(
      `Invalid SLA ${what}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`,
    );
    this.issues = issues;
  }
}

export function issuesFromZod(error: z.ZodError, prefix = ''): SlaIssue[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter((p) => p !== '').join('.'),
    code: i.code,
    message: i.message,
  }));
}
