// The central API as a child process (the real CLI, bundled once with esbuild so that it
// starts in well under a second), so that a test can kill it mid-request with SIGKILL or
// stop it with SIGTERM and start it again on the same database.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
let bundled: Promise<string> | null = null;

/** server/cli.ts bundled to node_modules/.cache (packages stay external and resolve from the repository). */
export function bundleServer(): Promise<string> {
  bundled ??= (async () => {
    // The CLI and, beside it, the bootstrap worker it loads (as scripts/build.mjs lays out).
    const dir = join(ROOT, 'node_modules', '.cache', 'tam-reliability', `cli-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const outfile = join(dir, 'cli.mjs');
    const common = {
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
    } as const;
    await build({ ...common, entryPoints: [join(ROOT, 'server/cli.ts')], outfile });
    await build({
      ...common,
      entryPoints: [join(ROOT, 'server/sync/bootstrap-worker.ts')],
      outfile: join(dir, 'bootstrap-worker.mjs'),
    });
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return outfile;
  })();
  return bundled;
}

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  expected: boolean;
}

export class ServerProcess {
  private child: ChildProcess | null = null;
  private stopping = false;
  url = '';
  starts = 0;
  /** Exits the test did not ask for (a crash): must stay empty. */
  readonly unexpectedExits: ServerExit[] = [];
  readonly output: string[] = [];

  /** db: a SQLite file, or a PostgreSQL URL; env: extra environment (e.g. TAM_REQUEST_TIMEOUT_MS). */
  constructor(
    private readonly db: string,
    private readonly env: Record<string, string> = {},
  ) {}

  async start(): Promise<string> {
    const cli = await bundleServer();
    this.stopping = false;
    const child = spawn(process.execPath, [cli, '--db', this.db, '--port', '0', '--host', '127.0.0.1'], {
      cwd: ROOT,
      // The log at warn: failures and 500s are kept (see output), not every request. Write quotas
      // off: three scripted users push far faster than people (quotas: server/push.test.ts).
      env: {
        ...process.env,
        DATABASE_URL: '',
        TAM_DB_FILE: '',
        TAM_LOG_LEVEL: 'warn',
        TAM_PUSH_MUTATIONS_PER_MINUTE: '0',
        TAM_PUSH_BYTES_PER_DAY: '0',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts++;
    child.on('exit', (code, signal) => {
      if (!this.stopping) this.unexpectedExits.push({ code, signal, expected: false });
      if (this.child === child) this.child = null;
    });
    child.stderr?.on('data', (d: Buffer) => this.remember(d.toString()));
    this.url = await new Promise<string>((resolveUrl, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`the API did not start within 30 s: ${seen}`)), 30_000);
      child.stdout?.on('data', (d: Buffer) => {
        const text = d.toString();
        this.remember(text);
        seen += text;
        const m = /listening on (http:\/\/[^\s]+)/.exec(seen);
        if (m?.[1]) {
          clearTimeout(timer);
          resolveUrl(m[1]);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the API exited (${code}) before listening: ${seen}${this.output.join('')}`));
      });
    });
    return this.url;
  }

  private remember(text: string): void {
    this.output.push(text);
    if (this.output.length > 200) this.output.splice(0, this.output.length - 200);
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** SIGKILL: a crash in the middle of whatever it was doing. SIGTERM: a graceful stop. */
  async stop(signal: 'SIGKILL' | 'SIGTERM' = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.stopping = true;
    await new Promise<void>((done) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => {
        clearTimeout(timer);
        done();
      });
      child.kill(signal);
    });
  }
}
