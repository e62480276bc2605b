// The main process's configuration, from the environment and command-line flags (flags
// win). Invalid values are ignored with a warning rather than trusted.
import { normalizeServerUrl } from '../shared/bridge/rules';

export interface MainConfig {
  /** Offered on the sign-in screen (TAM_SERVER_URL / --server-url=). */
  defaultServerUrl: string | undefined;
  /** Load the renderer from a local dev server instead of app:// (TAM_DEV_URL / --dev-url=). */
  devUrl: string | undefined;
  /** Separate profile directory, e.g. for end-to-end tests (TAM_USER_DATA_DIR / --user-data=). */
  userDataDir: string | undefined;
  /**
   * Chromium switches for remote debugging given on the command line
   * (--remote-debugging-port / --remote-debugging-pipe); a packaged build removes them.
   */
  refusedSwitches: string[];
  /**
   * Where crash reports (minidumps) are uploaded (TAM_CRASH_UPLOAD_URL / --crash-upload-url=,
   * https only). Unset by default: minidumps stay in the profile's Crashpad folder.
   */
  crashUploadUrl: string | undefined;
  /** --version: print the version and exit. */
  printVersion: boolean;
  warnings: string[];
}

export interface MainConfigContext {
  /** app.isPackaged: an installed build honours no developer flag. */
  isPackaged: boolean;
}

/** Chromium switches that would let another program drive the window (and read its token). */
export const REMOTE_DEBUGGING_SWITCHES = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'inspect',
  'inspect-brk',
] as const;

function hasSwitch(argv: readonly string[], name: string): boolean {
  return argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`));
}

function flag(argv: readonly string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  const hit = [...argv].reverse().find((a) => a.startsWith(prefix));
  return hit?.slice(prefix.length);
}

const DEV_HOSTS = new Set(['localhost', '127.0.0.1']);

/** Only a dev server on this computer: anything else would run remote code as the app. */
export function checkDevUrl(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' || !DEV_HOSTS.has(url.hostname) || url.username || url.password) return null;
  return url.href;
}

export function readMainConfig(
  env: Readonly<Record<string, string | undefined>>,
  argv: readonly string[],
  context: MainConfigContext = { isPackaged: false },
): MainConfig {
  const warnings: string[] = [];

  let defaultServerUrl: string | undefined;
  const serverInput = flag(argv, 'server-url') ?? env.TAM_SERVER_URL;
  if (serverInput) {
    const server = normalizeServerUrl(serverInput);
    if (server.ok) defaultServerUrl = server.value.serverUrl;
    else
      warnings.push(
        `Ignoring the default server address ${JSON.stringify(serverInput)}: ${server.error.message}`,
      );
  }

  let devUrl: string | undefined;
  const devInput = flag(argv, 'dev-url') ?? env.TAM_DEV_URL;
  if (devInput && context.isPackaged) {
    warnings.push('Ignoring --dev-url / TAM_DEV_URL: an installed build always shows its own pages.');
  } else if (devInput) {
    const checked = checkDevUrl(devInput);
    if (checked) devUrl = checked;
    else
      warnings.push(
        `Ignoring TAM_DEV_URL ${JSON.stringify(devInput)}: only http://localhost or http://127.0.0.1 dev servers are loaded; using the built app instead.`,
      );
  }

  const userDataDir = flag(argv, 'user-data') ?? env.TAM_USER_DATA_DIR ?? undefined;

  const refusedSwitches = context.isPackaged
    ? REMOTE_DEBUGGING_SWITCHES.filter((name) => hasSwitch(argv, name))
    : [];
  if (refusedSwitches.length > 0) {
    warnings.push(
      `Ignoring ${refusedSwitches.map((n) => `--${n}`).join(', ')}: an installed build cannot be debugged remotely.`,
    );
  }

  let crashUploadUrl: string | undefined;
  const crashInput = flag(argv, 'crash-upload-url') ?? env.TAM_CRASH_UPLOAD_URL;
  if (crashInput) {
    let url: URL | null = null;
    try {
      url = new URL(crashInput);
    } catch {
      url = null;
    }
    if (url && url.protocol === 'https:' && !url.username && !url.password) crashUploadUrl = url.href;
    else
      warnings.push(
        `Ignoring the crash upload address ${JSON.stringify(crashInput)}: it must be an https:// address; crash reports stay on this computer.`,
      );
  }

  const printVersion = argv.includes('--version');

  return {
    defaultServerUrl,
    devUrl,
    userDataDir: userDataDir || undefined,
    refusedSwitches,
    crashUploadUrl,
    printVersion,
    warnings,
  };
}
