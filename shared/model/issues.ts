// How a zod validation failure is told to the user: the first few issues, each with the path
// of the field it concerns. One implementation for the API's 400s and the mutations'
// `invalid_args` rejections.
import type { z } from 'zod';

export function describeIssues(error: z.ZodError, max = 5): string {
  return error.issues
    .slice(0, max)
    .map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}
