// Deep links into the app: tam-workstation://incident/<id> and tam-workstation://customer/<id>
// (the OS hands them over on a second start, or through open-url on macOS), and the same
// targets when a desktop notification is clicked. Anything else is refused: a link comes
// from any web page or e-mail, so it can only ever name a view, never carry data.
import { z } from 'zod';

export const DEEP_LINK_SCHEME = 'tam-workstation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const DeepLinkTargetSchema = z.strictObject({
  kind: z.enum(['incident', 'customer']),
  id: z.string().regex(UUID, 'must be a record id (UUID)'),
});
export type DeepLinkTarget = z.infer<typeof DeepLinkTargetSchema>;

/** Longer than any link the app makes; a longer one is not ours. */
const MAX_LINK_LENGTH = 200;

/** The view a tam-workstation:// link names, or null for anything else (never throws). */
export function parseDeepLink(input: unknown): DeepLinkTarget | null {
  if (typeof input !== 'string' || input.length > MAX_LINK_LENGTH) return null;
  // Exactly scheme://kind/id with an optional single trailing slash: no credentials, port,
  // query, fragment, percent-encoding or extra segments.
  const match = /^tam-workstation:\/\/(incident|customer)\/([0-9A-Fa-f-]{36})\/?$/i.exec(input);
  if (!match) return null;
  const parsed = DeepLinkTargetSchema.safeParse({
    kind: match[1]!.toLowerCase(),
    id: match[2]!.toLowerCase(),
  });
  return parsed.success ? parsed.data : null;
}

/** The first deep link in a command line (Windows and Linux pass it as an argument). */
export function findDeepLink(argv: readonly string[]): DeepLinkTarget | null {
  for (const arg of argv) {
    if (!arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) continue;
    const target = parseDeepLink(arg);
    if (target) return target;
  }
  return null;
}

/** The app's route (hash router path) for a target. */
export function deepLinkPath(target: DeepLinkTarget): string {
  return target.kind === 'incident' ? `/incidents/${target.id}` : `/customers/${target.id}`;
}

export function deepLinkUrl(target: DeepLinkTarget): string {
  return `${DEEP_LINK_SCHEME}://${target.kind}/${target.id}`;
}
