// URL and path rules both bridge implementations (desktop main process, web) apply, so a
// link or a server address is accepted or refused the same way everywhere.
import { bridgeError, ErrorCodes, type Checked } from './errors';

// WHATWG URL exists in every runtime this runs in (Chromium, Node, Electron), but shared/
// compiles without DOM or Node types, so declare the part we use. Nothing is emitted.
interface ParsedUrl {
  readonly href: string;
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly hostname: string;
  readonly origin: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
}
declare const URL: { new (input: string, base?: string): ParsedUrl };

function parseUrl(input: string): ParsedUrl | null {
  try {
    return new URL(input);
  } catch {
    return null;
  }
}

/** Shortened for messages: a pasted URL can be very long. */
function shown(input: string): string {
  return input.length > 80 ? `${input.slice(0, 77)}...` : input;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * A link to open in the user's browser. Only http(s): other schemes (file:, smb:, custom
 * app handlers) can run programs or open local files through the OS. User names in the
 * URL are refused because `https://bank.example@evil.example` hides the real host.
 */
export function checkExternalUrl(input: string): Checked<string> {
  const url = parseUrl(input.trim());
  if (!url) {
    return {
      ok: false,
      error: bridgeError(
        ErrorCodes.invalidUrl,
        `"${shown(input)}" is not a valid web address, so it was not opened.`,
      ),
    };
  }
  // mailto: opens an e-mail draft in the user's mail client (daily reports to the customer).
  if (url.protocol !== 'http:' && url.protocol !== 'https:' && url.protocol !== 'mailto:') {
    return {
      ok: false,
      error: bridgeError(
        ErrorCodes.invalidUrl,
        `Only web links (http:// or https://) and e-mail drafts (mailto:) can be opened; "${shown(input)}" uses ${url.protocol} and was not opened.`,
      ),
    };
  }
  if (url.username || url.password) {
    return {
      ok: false,
      error: bridgeError(
        ErrorCodes.invalidUrl,
        `The link "${shown(input)}" contains a user name or password, which can disguise its real destination; it was not opened.`,
      ),
    };
  }
  return { ok: true, value: url.href };
}

export interface ServerAddress {
  /** What requests are built from: origin plus an optional base path, no trailing slash. */
  serverUrl: string;
  /** Scheme, host and port: what stored credentials are keyed by. */
  origin: string;
}

/**
 * The central API's address as typed on the sign-in screen. https is required except for
 * this computer (a local server in development and tests): a password must not cross a
 * network in clear text.
 */
export function normalizeServerUrl(input: string): Checked<ServerAddress> {
  const trimmed = input.trim();
  const invalid = (message: string): Checked<ServerAddress> => ({
    ok: false,
    error: bridgeError(ErrorCodes.invalidServerUrl, message),
  });
  if (!trimmed) return invalid('Enter the server address, for example https://tam.example.com.');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    return invalid(
      `"${shown(trimmed)}" is not a full address; start it with https://, for example https://${shown(trimmed)}.`,
    );
  }
  const url = parseUrl(trimmed);
  if (!url)
    return invalid(`"${shown(trimmed)}" is not a valid server address; check it for typing mistakes.`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return invalid(`The server address must start with https://; "${shown(trimmed)}" uses ${url.protocol}.`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return invalid(
      `The server address must use https:// so your password is encrypted on the network; http:// is only accepted for a server on this computer.`,
    );
  }
  if (url.username || url.password) {
    return invalid(
      'Remove the user name or password from the server address; sign in with the fields below instead.',
    );
  }
  if (url.search || url.hash) {
    return invalid(`Remove the part after "?" or "#" from the server address "${shown(trimmed)}".`);
  }
  const basePath = url.pathname.replace(/\/+$/, '');
  return { ok: true, value: { serverUrl: `${url.origin}${basePath}`, origin: url.origin } };
}

/**
 * A path of the central API as the renderer asks for it. Only /v1/ paths on the signed-in
 * server: no scheme or host (the bearer token must never go elsewhere) and no way out of
 * /v1/ by `..`, encoded dots or slashes, or backslashes.
 */
export function checkApiPath(path: string): string | null {
  if (path.length > 2048) return 'is longer than 2048 characters';
  if (!path.startsWith('/v1/'))
    return 'must start with /v1/ (a path on the signed-in server, not a full URL)';
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (/[\s\u0000-\u001f\u007f]/.test(path))
    return 'must not contain spaces or control characters (encode them)';
  if (path.includes('\\')) return 'must not contain a backslash';
  if (path.includes('#')) return 'must not contain a fragment (#)';
  const pathPart = path.split('?')[0] ?? '';
  if (pathPart.includes('//')) return 'must not contain an empty segment (//)';
  if (/(^|\/)\.\.?(\/|$)/.test(pathPart)) return 'must not contain . or .. segments';
  if (/%2e|%2f|%5c/i.test(pathPart)) return 'must not contain encoded dots or slashes';
  return null;
}

/**
 * The full URL for an API path on a server; null if the result would leave the server's
 * /v1/ tree (defence in depth behind checkApiPath).
 */
export function apiUrl(serverUrl: string, path: string): string | null {
  if (checkApiPath(path) !== null) return null;
  const base = parseUrl(serverUrl);
  const full = parseUrl(`${serverUrl}${path}`);
  if (!base || !full) return null;
  const basePath = base.pathname.replace(/\/+$/, '');
  if (full.origin !== base.origin || !full.pathname.startsWith(`${basePath}/v1/`)) return null;
  return full.href;
}
