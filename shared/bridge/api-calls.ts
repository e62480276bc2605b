// How both bridge implementations talk to the central API over HTTP: sign-in, sign-out and
// authorised /v1/ requests, with failures turned into error values. Response bodies are
// read with the API's own schemas (shared/model/api). The runtime passes its
// own fetch (Chromium's network stack in main, the page's fetch on the web) and timeouts.
import { bridgeError, ErrorCodes, type BridgeError, type Checked } from './errors';
import { LoginResponseSchema, ReceivedApiErrorSchema, type LoginResponse } from '../model/api';
import { apiUrl, type ServerAddress } from './rules';
import type { ApiRequest, ApiResponse } from './schemas';

/** The slice of fetch used here; the global fetch of Node, Electron and browsers fits it. */
export type FetchLike = (
  url: string,
  init: {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    headers: Record<string, string>;
    body?: string | Uint8Array<ArrayBuffer>;
    redirect: 'error';
  },
) => Promise<FetchResponseLike>;

export interface FetchResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  /** For byte downloads (responseType 'bytes'). */
  arrayBuffer?(): Promise<ArrayBuffer>;
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    // Node's fetch hides the useful part (ECONNREFUSED, ENOTFOUND...) in `cause`.
    const cause = (err as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? cause.message : '';
    return detail && !err.message.includes(detail) ? `${err.message}: ${detail}` : err.message;
  }
  return String(err);
}

export function networkError(serverUrl: string, err: unknown): BridgeError {
  return bridgeError(
    ErrorCodes.network,
    `Could not reach the server at ${serverUrl} (${describe(err)}). Check your network connection; ` +
      `your work stays on this computer and syncs when the server is reachable again.`,
  );
}

/** Parsed JSON when the server says JSON, the text otherwise, null for an empty body. */
export async function readBody(res: FetchResponseLike): Promise<unknown> {
  const text = await res.text();
  if (text === '') return null;
  const type = res.headers.get('content-type') ?? '';
  if (/[/+]json\b/i.test(type)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

export async function postLogin(
  fetch: FetchLike,
  server: ServerAddress,
  email: string,
  password: string,
): Promise<Checked<LoginResponse>> {
  if (!email.trim() || !password) {
    return {
      ok: false,
      error: bridgeError(ErrorCodes.invalidCredentials, 'Enter your email address and your password.'),
    };
  }
  let res: FetchResponseLike;
  let body: unknown;
  try {
    res = await fetch(`${server.serverUrl}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ email: email.trim(), password }),
      redirect: 'error',
    });
    body = await readBody(res);
  } catch (err) {
    return {
      ok: false,
      error: bridgeError(
        ErrorCodes.network,
        `Could not reach the server at ${server.serverUrl} (${describe(err)}). Check the server address and your network connection, then try again.`,
      ),
    };
  }
  if (res.status >= 200 && res.status < 300) {
    const parsed = LoginResponseSchema.safeParse(body);
    if (parsed.success) return { ok: true, value: parsed.data };
    return {
      ok: false,
      error: bridgeError(
        ErrorCodes.badResponse,
        `The server at ${server.serverUrl} did not answer like a TAM Workstation server. Check the server address.`,
      ),
    };
  }
  const serverError = ReceivedApiErrorSchema.safeParse(body);
  if (serverError.success) return { ok: false, error: serverError.data.error };
  if (res.status === 401) {
    return {
      ok: false,
      error: bridgeError(ErrorCodes.invalidCredentials, 'The email address or password is not correct.'),
    };
  }
  if (res.status === 429) {
    return {
      ok: false,
      error: bridgeError('rate-limited', 'Too many sign-in attempts. Wait a minute, then try again.'),
    };
  }
  return {
    ok: false,
    error: bridgeError(
      ErrorCodes.badResponse,
      `The server at ${server.serverUrl} answered HTTP ${res.status} and did not sign you in. ` +
        `Check the server address; if it is right, tell your administrator.`,
    ),
  };
}

/** Best effort: the token is forgotten locally whatever the server says. */
export async function postLogout(fetch: FetchLike, serverUrl: string, token: string): Promise<void> {
  try {
    const res = await fetch(`${serverUrl}/v1/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      redirect: 'error',
    });
    await res.text();
  } catch {
    // Offline sign-out is still a sign-out.
  }
}

/** A Retry-After header (delay-seconds or an HTTP date) in whole seconds from now; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d{1,10}$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

export async function sendApiRequest(
  fetch: FetchLike,
  serverUrl: string,
  token: string,
  request: ApiRequest,
): Promise<ApiResponse> {
  const url = apiUrl(serverUrl, request.path);
  if (url === null) {
    // Unreachable after schema validation; refuse rather than send the token elsewhere.
    throw new Error(`Refused to send the API path ${JSON.stringify(request.path)} to ${serverUrl}`);
  }
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
  // A copy on its own ArrayBuffer (what fetch takes; the IPC may hand over a view of a larger one).
  const bytes =
    request.method === 'PUT' && request.body instanceof Uint8Array ? new Uint8Array(request.body) : null;
  const hasBody = (request.method === 'POST' || request.method === 'PATCH') && request.body !== undefined;
  if (hasBody) headers['content-type'] = 'application/json';
  if (bytes) headers['content-type'] = 'application/octet-stream';
  if (request.range) headers.range = request.range;
  try {
    const res = await fetch(url, {
      method: request.method,
      headers,
      ...(hasBody ? { body: JSON.stringify(request.body) } : bytes ? { body: bytes } : {}),
      // The API never redirects; following one could carry the token to another host.
      redirect: 'error',
    });
    const retryAfter = parseRetryAfter(res.headers.get('retry-after'), Date.now());
    const ok = res.status >= 200 && res.status < 300;
    return {
      status: res.status,
      body:
        ok && request.responseType === 'bytes' && res.arrayBuffer
          ? new Uint8Array(await res.arrayBuffer())
          : await readBody(res),
      ...(retryAfter === null ? {} : { retryAfterSeconds: retryAfter }),
    };
  } catch (err) {
    return { status: 0, error: networkError(serverUrl, err) };
  }
}
