// Can the desktop app run on this machine? Answers { available, binary?, reason? } without
// ever triggering Electron's download.
//
// How the `electron` npm package (>= 42) finds its binary (node_modules/electron/index.js):
// it reads path.txt (the executable's path inside dist/, written after the download), or
// uses ELECTRON_OVERRIDE_DIST_PATH; when the file or the binary is missing, *requiring* the
// package spawns install.js, which downloads from GitHub. So this script never requires
// 'electron'; it repeats the lookup by hand, then starts the binary once in Node mode
// (ELECTRON_RUN_AS_NODE, no window, no display needed) to prove it runs here (shared
// libraries present, right architecture) and is the pinned version.
//
// Used by scripts/start.mjs (desktop or browser mode) and the Playwright 'electron' project.
// Run directly for a diagnosis: `node scripts/electron-runtime.mjs`.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Executable inside dist/ per platform, as install.js writes it to path.txt. */
function platformExecutable(platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

function findPackageDir() {
  try {
    return path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function run(binary, args, env, timeoutMs) {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const finish = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ stdout, stderr, ...result });
    };
    let child;
    try {
      child = spawn(binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    } catch (error) {
      finish({ error });
      return;
    }
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish({ timedOut: true });
    }, timeoutMs);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (error) => finish({ error }));
    child.on('close', (code, signal) => finish({ code, signal }));
  });
}

/**
 * @param {{ packageDir?: string, env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform, timeoutMs?: number }} [options]
 * @returns {Promise<{ available: boolean, binary?: string, reason?: string }>}
 */
export async function electronRuntime(options = {}) {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const timeoutMs = options.timeoutMs ?? 10_000;

  const packageDir = options.packageDir ?? findPackageDir();
  if (!packageDir || !existsSync(path.join(packageDir, 'package.json'))) {
    return { available: false, reason: 'the electron npm package is not installed (run npm ci)' };
  }
  const version = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;

  const pathFile = path.join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  let binary;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    binary = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || platformExecutable(platform));
  } else if (executable) {
    binary = path.join(packageDir, 'dist', executable);
  } else {
    return {
      available: false,
      reason:
        `the Electron ${version} binary is not installed (node_modules/electron/path.txt is missing); ` +
        'Electron downloads it from GitHub on first use, which this machine cannot reach',
    };
  }
  if (!existsSync(binary)) {
    return {
      available: false,
      binary,
      reason: `the Electron binary ${binary} is missing; it downloads from GitHub on first use`,
    };
  }

  // Chromium needs a display on Linux; without one the window can never open.
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return {
      available: false,
      binary,
      reason:
        'there is no display (DISPLAY and WAYLAND_DISPLAY are unset); use a desktop session or xvfb-run',
    };
  }

  const probe = await run(
    binary,
    ['-e', 'process.stdout.write(process.versions.electron)'],
    { ...env, ELECTRON_RUN_AS_NODE: '1' },
    timeoutMs,
  );
  if (probe.error) {
    return {
      available: false,
      binary,
      reason: `the Electron binary could not be started (${probe.error.code ?? probe.error.message})`,
    };
  }
  if (probe.timedOut) {
    return {
      available: false,
      binary,
      reason: `the Electron binary did not answer within ${Math.round(timeoutMs / 1000)} s`,
    };
  }
  if (probe.code !== 0) {
    const detail =
      probe.stderr.trim().split('\n')[0] ||
      (probe.signal ? `signal ${probe.signal}` : `exit code ${probe.code}`);
    return { available: false, binary, reason: `the Electron binary does not run here (${detail})` };
  }
  const found = probe.stdout.trim();
  if (found !== version) {
    return {
      available: false,
      binary,
      reason: `the Electron binary is version ${found || 'unknown'}, the project pins ${version} (run npm ci)`,
    };
  }
  return { available: true, binary };
}

// `node scripts/electron-runtime.mjs`: one line for people, exit code for scripts.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const runtime = await electronRuntime();
  console.log(
    runtime.available
      ? `Electron can run here: ${runtime.binary}`
      : `Electron cannot run here: ${runtime.reason}`,
  );
  process.exit(runtime.available ? 0 : 1);
}
