// zod schemas of every argument and result crossing the bridge. Main validates each
// incoming payload with these; the web implementation validates the same arguments so the
// renderer sees identical behaviour with and without the desktop.
import { z } from 'zod';
import { DeepLinkTargetSchema } from './deep-link';
import { checkApiPath } from './rules';

export const BridgeErrorSchema = z.object({
  code: z.string().min(1).max(100),
  message: z.string().max(2000),
});

/** Success-or-error result of an action with nothing to return. */
export const ActionResultSchema = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: BridgeErrorSchema }),
]);

export const AppInfoSchema = z.object({
  version: z.string(),
  platform: z.string(),
  locale: z.string(),
  runtime: z.enum(['electron', 'web']),
  /** Server address to offer on the sign-in screen (TAM_SERVER_URL, or the page's origin). */
  defaultServerUrl: z.string().optional(),
});

/** The URL is checked by the implementation (checkExternalUrl) and refused as a value. */
export const OpenExternalArgsSchema = z.string().max(8192);

export const NotifyArgsSchema = z.strictObject({
  title: z.string().min(1).max(256),
  body: z.string().max(4096),
  /** A later notification with the same tag replaces the earlier one. */
  tag: z.string().min(1).max(128).optional(),
  /** The view a click opens (the incident an SLA alert is about); else a click shows the window. */
  open: DeepLinkTargetSchema.optional(),
});

/**
 * What the window tells the desktop shell, any subset at a time: its language (menus and
 * dialogs follow it), the dock/taskbar badge (breached + at-risk incidents; only the number
 * crosses) and how many changes wait in the outbox (the update prompt warns about them).
 */
export const ReportStatusArgsSchema = z.strictObject({
  language: z.enum(['ja', 'en']).optional(),
  badgeCount: z.number().int().min(0).max(99_999).optional(),
  unsentChanges: z.number().int().min(0).max(10_000_000).optional(),
});

/** A line for the app's log file (redacted there); ids and codes, never customer text. */
export const LogArgsSchema = z.strictObject({
  level: z.enum(['info', 'warn', 'error']),
  message: z.string().min(1).max(8000),
});

/** Emptiness and the server address are checked by the implementation, as values. */
export const SignInArgsSchema = z.strictObject({
  serverUrl: z.string().max(2048),
  email: z.string().max(320),
  password: z.string().max(4096),
});

export const SessionUserSchema = z.object({
  id: z.string().min(1),
  email: z.string(),
  name: z.string(),
  role: z.string(),
});

/** Who is signed in where. Never carries the token. */
export const SessionSchema = z.object({
  serverUrl: z.string(),
  user: SessionUserSchema,
  expiresAt: z.string(),
  /**
   * True when no usable token is held (expired, refused by the server, or not kept across
   * a restart): the identity still opens the offline replica, but talking to the server
   * needs the password again.
   */
  needsSignIn: z.boolean(),
});

export const SignInResultSchema = z.union([
  z.object({ ok: z.literal(true), session: SessionSchema }),
  z.object({ ok: z.literal(false), error: BridgeErrorSchema }),
]);

export const GetSessionResultSchema = SessionSchema.nullable();

export const SignOutResultSchema = z.void();

export const VoidResultSchema = z.void();

export const ApiPathSchema = z.string().superRefine((path, ctx) => {
  const problem = checkApiPath(path);
  if (problem) ctx.addIssue({ code: 'custom', message: `API path ${problem}` });
});

/** The most bytes one PUT may carry (an attachment chunk, 4 MiB by default, with room to spare). */
export const MAX_API_PUT_BYTES = 16 * 1024 * 1024;

export const ApiRequestSchema = z
  .strictObject({
    /** PUT: raw bytes (an attachment chunk), sent as application/octet-stream. */
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    path: ApiPathSchema,
    /** JSON-serialisable request body (POST and PATCH), or the bytes of a PUT. */
    body: z.unknown().optional(),
    /** GET only: a single byte range ("bytes=START-END") of a download. */
    range: z
      .string()
      .regex(/^bytes=\d{1,15}-\d{0,15}$/)
      .optional(),
    /**
     * Answer a 2xx body as bytes rather than JSON or text: a download, or a sync pull page,
     * which the window hands unparsed to the replica writer worker. Error bodies stay parsed.
     */
    responseType: z.literal('bytes').optional(),
  })
  .refine((r) => r.method === 'POST' || r.method === 'PATCH' || r.method === 'PUT' || r.body === undefined, {
    message: 'A GET or DELETE request cannot have a body; use POST or PATCH, or drop the body',
    path: ['body'],
  })
  .refine(
    (r) => r.method !== 'PUT' || (r.body instanceof Uint8Array && r.body.byteLength <= MAX_API_PUT_BYTES),
    {
      message: `A PUT carries raw bytes (a Uint8Array of at most ${MAX_API_PUT_BYTES} bytes)`,
      path: ['body'],
    },
  )
  .refine((r) => r.range === undefined || r.method === 'GET', {
    message: 'Only a GET may ask for a byte range',
    path: ['range'],
  });

export const ApiResponseSchema = z.union([
  /** The server answered (any HTTP status); body is parsed JSON, text, null if empty, or the bytes asked for. */
  z.object({
    status: z.number().int().min(100).max(599),
    body: z.unknown(),
    /** The Retry-After of a 429 or 503, in seconds: wait that long before the next request. */
    retryAfterSeconds: z.number().int().min(0).optional(),
  }),
  /** No HTTP exchange: network failure ('network') or no signed-in server ('not-signed-in'). */
  z.object({ status: z.literal(0), error: BridgeErrorSchema }),
]);

// ---------------------------------------------------------------- reports (PDF)

/** Upper bound of a report document: the HTML with its inlined fonts (a few MB in practice). */
export const MAX_REPORT_HTML_CHARS = 32 * 1024 * 1024;

/**
 * Markup a report document never contains: the renderer builds it from React's escaped static
 * markup, so any of these is an injection or a bug. The PDF window runs no script either
 * (JavaScript disabled), and its network is cut off; this keeps navigation (meta refresh),
 * frames, plugins and forms out as well.
 */
const FORBIDDEN_REPORT_MARKUP =
  /<\s*(script|iframe|frame|frameset|object|embed|applet|form|base|link|meta\s[^>]*http-equiv|portal|webview)\b/i;

export const ReportHtmlSchema = z
  .string()
  .min(1)
  .max(MAX_REPORT_HTML_CHARS)
  .superRefine((html, ctx) => {
    if (!/^\s*<!doctype html>/i.test(html))
      ctx.addIssue({
        code: 'custom',
        message: 'must be a whole HTML document starting with <!doctype html>',
      });
    const bad = FORBIDDEN_REPORT_MARKUP.exec(html);
    if (bad)
      ctx.addIssue({
        code: 'custom',
        message: `must not contain ${bad[0].slice(0, 40)} (a report is static markup)`,
      });
  });

/**
 * The file name offered in the save dialog: a plain name ending in .pdf, no folder, no
 * characters Windows or macOS refuse. The user picks the folder (and may rename it).
 */
export const PdfFileNameSchema = z
  .string()
  .min(5)
  .max(200)
  .superRefine((name, ctx) => {
    if (!/\.pdf$/i.test(name)) ctx.addIssue({ code: 'custom', message: 'must end with .pdf' });
    // eslint-disable-next-line no-control-regex -- control characters are what this refuses
    if (/[\\/:*?"<>|\u0000-\u001f\u007f]/.test(name))
      ctx.addIssue({
        code: 'custom',
        message: 'must be a plain file name (no folder, no \\ / : * ? " < > |)',
      });
    if (name.startsWith('.') || name.trim() !== name)
      ctx.addIssue({ code: 'custom', message: 'must not start with a dot or space' });
  });

export const SavePdfArgsSchema = z.strictObject({
  /** A self-contained HTML document (styles and fonts inlined). */
  html: ReportHtmlSchema,
  fileName: PdfFileNameSchema,
});

export const RenderPdfArgsSchema = z.strictObject({
  html: ReportHtmlSchema,
});

export const SavePdfResultSchema = z.union([
  /** Written where the user chose; fileName is the name only (never the folder). */
  z.object({ ok: z.literal(true), saved: z.literal(true), fileName: z.string() }),
  /** The user closed the save dialog. */
  z.object({ ok: z.literal(true), saved: z.literal(false) }),
  z.object({ ok: z.literal(false), error: BridgeErrorSchema }),
]);

/**
 * The key of the signed-in user's offline data (AES-256, 32 bytes), kept by the desktop's main
 * process under the OS keyring (safeStorage). Errors: 'keyring-unavailable' (no OS secret store
 * here, or browser mode: the renderer keeps its own key), 'replica-key-unavailable' (a key is
 * stored but the keyring cannot open it now), 'not-signed-in'.
 */
export const ReplicaKeyResultSchema = z.union([
  z.object({
    ok: z.literal(true),
    key: z.custom<Uint8Array>(
      (v) => v instanceof Uint8Array && v.length === 32,
      'must be 32 key bytes (Uint8Array)',
    ),
  }),
  z.object({ ok: z.literal(false), error: BridgeErrorSchema }),
]);
export type ReplicaKeyResult = z.infer<typeof ReplicaKeyResultSchema>;

export const RenderPdfResultSchema = z.union([
  z.object({
    ok: z.literal(true),
    pdf: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'must be the PDF bytes (Uint8Array)'),
  }),
  z.object({ ok: z.literal(false), error: BridgeErrorSchema }),
]);

export const DesktopEventSchema = z.discriminatedUnion('type', [
  /** The computer woke from sleep: timers and connections may be stale. */
  z.strictObject({ type: z.literal('power-resume') }),
  /** The server says something changed: pull now. Also sent after each (re)connect. */
  z.strictObject({ type: z.literal('sync-poke') }),
  /** The server refused the token: sign in again. */
  z.strictObject({ type: z.literal('session-expired') }),
  /** The server says the session was revoked (admin, password change, sign out everywhere): wipe the replica. */
  z.strictObject({ type: z.literal('session-revoked') }),
  /** A menu item the window acts on (Help > Keyboard shortcuts). */
  z.strictObject({ type: z.literal('menu-command'), command: z.enum(['shortcuts']) }),
  /** Open a view: a tam-workstation:// link or a clicked notification. */
  z.strictObject({ type: z.literal('open'), target: DeepLinkTargetSchema }),
]);

export type BridgeErrorValue = z.infer<typeof BridgeErrorSchema>;
export type ActionResult = z.infer<typeof ActionResultSchema>;
export type AppInfo = z.infer<typeof AppInfoSchema>;
export type NotifyArgs = z.infer<typeof NotifyArgsSchema>;
export type ReportStatusArgs = z.infer<typeof ReportStatusArgsSchema>;
export type LogArgs = z.infer<typeof LogArgsSchema>;
export type SignInArgs = z.infer<typeof SignInArgsSchema>;
export type SessionUser = z.infer<typeof SessionUserSchema>;
export type Session = z.infer<typeof SessionSchema>;
export type SignInResult = z.infer<typeof SignInResultSchema>;
export type ApiRequest = z.infer<typeof ApiRequestSchema>;
export type ApiResponse = z.infer<typeof ApiResponseSchema>;
export type DesktopEvent = z.infer<typeof DesktopEventSchema>;
export type SavePdfArgs = z.infer<typeof SavePdfArgsSchema>;
export type RenderPdfArgs = z.infer<typeof RenderPdfArgsSchema>;
export type SavePdfResult = z.infer<typeof SavePdfResultSchema>;
export type RenderPdfResult = z.infer<typeof RenderPdfResultSchema>;
