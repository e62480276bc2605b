// The API the renderer sees: window.tamDesktop in the desktop app, the web implementation
// in a plain browser. Results that can fail for reasons a user can act on are values
// ({ ok: false, error }); contract violations reject the promise (BridgeContractError).
import type {
  ActionResult,
  ApiRequest,
  ApiResponse,
  AppInfo,
  DesktopEvent,
  LogArgs,
  NotifyArgs,
  RenderPdfArgs,
  ReportStatusArgs,
  RenderPdfResult,
  ReplicaKeyResult,
  SavePdfArgs,
  SavePdfResult,
  Session,
  SignInArgs,
  SignInResult,
} from './schemas';

export type {
  ActionResult,
  ApiRequest,
  ApiResponse,
  AppInfo,
  DesktopEvent,
  LogArgs,
  NotifyArgs,
  RenderPdfArgs,
  RenderPdfResult,
  ReplicaKeyResult,
  ReportStatusArgs,
  SavePdfArgs,
  SavePdfResult,
  Session,
  SessionUser,
  SignInArgs,
  SignInResult,
} from './schemas';

export type DesktopEventListener = (event: DesktopEvent) => void;

export interface DesktopApi {
  /** Version, platform, UI locale, which runtime answers, and the default server address. */
  getAppInfo(): Promise<AppInfo>;

  /** Opens an http(s) link in the user's browser; any other URL is refused as a value. */
  openExternal(url: string): Promise<ActionResult>;

  /** Shows a native (desktop) or Web notification. */
  notify(notification: NotifyArgs): Promise<ActionResult>;

  /**
   * Signs in to the central API. The password is sent once and never stored; the token
   * stays on the other side of the bridge (main process, or web-bridge memory).
   */
  signIn(args: SignInArgs): Promise<SignInResult>;

  /** The remembered identity (also offline), or null if nobody signed in here. */
  getSession(): Promise<Session | null>;

  /** Tells the server (best effort), then forgets the token and the identity. */
  signOut(): Promise<void>;

  /** A request to the signed-in server's /v1/ API with the bearer token added. */
  apiRequest(request: ApiRequest): Promise<ApiResponse>;

  /**
   * Subscribes to the shell's events (power-resume, sync-poke, session-expired, session-revoked,
   * menu-command, open); returns the unsubscribe.
   */
  onEvent(listener: DesktopEventListener): () => void;

  /**
   * Prints a self-contained report document to PDF (A4, backgrounds) in a hidden window with
   * JavaScript and the network off, asks where to save it, and writes it. Desktop only: the
   * web implementation answers { ok: false, error: { code: 'pdf-unavailable' } } (print the
   * report view with the browser instead).
   */
  savePdf(args: SavePdfArgs): Promise<SavePdfResult>;

  /** The same printing, returning the PDF bytes (an e-mail attachment). Desktop only. */
  renderPdf(args: RenderPdfArgs): Promise<RenderPdfResult>;

  /** Language, badge count and unsent changes for the shell (menus, dock badge, update prompt). */
  reportStatus(args: ReportStatusArgs): Promise<void>;

  /** A line for the app's log file (desktop); the browser's console on the web. */
  log(args: LogArgs): Promise<void>;

  /**
   * The signed-in user's key for the offline data at rest (renderer/replica/encryption),
   * created on first use and kept by the main process under the OS keyring (safeStorage).
   * The web implementation, and a desktop without an OS secret store, answer
   * { ok: false, error: { code: 'keyring-unavailable' } }: the renderer then keeps a
   * non-extractable key in the browser's own storage.
   */
  getReplicaKey(): Promise<ReplicaKeyResult>;
}
