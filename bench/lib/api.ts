// The central API as it ships (out/server/cli.mjs, built by scripts/build.mjs), in a child
// process on loopback, on a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface RunningApi {
  origin: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export interface ApiOptions {
  root: string;
  /** A SQLite file or a postgres:// URL. */
  db: string;
  staticDir?: string;
  /** Write a V8 CPU profile of the API process into this folder (on stop). */
  cpuProfileDir?: string;
  /** More command-line flags for the API (e.g. ['--bootstrap-workers', '0']). */
  extraArgs?: string[];
}

export function startApi(options: ApiOptions): Promise<RunningApi> {
  const nodeArgs = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const args = [
    ...nodeArgs,
    join(options.root, 'out/server/cli.mjs'),
    '--host',
    '127.0.0.1',
    '--port',
    '0',
    '--db',
    options.db,
  ];
  if (options.staticDir) args.push('--static', options.staticDir);
  if (options.extraArgs) args.push(...options.extraArgs);
  const child = spawn(process.execPath, args, {
    cwd: options.root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      TAM_CORS_ORIGINS: '',
      TAM_PUSH_MUTATIONS_PER_MINUTE: '0',
      TAM_PUSH_BYTES_PER_DAY: '0',
    },
  });
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The API did not start within 120 s: ${log.slice(-2000)}`));
    }, 120_000);
    const onData = (d: Buffer) => {
      log += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve({
          origin: m[1]!,
          child,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
              child.once('exit', () => {
                clearTimeout(kill);
                done();
              });
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The API exited with ${code} before listening: ${log.slice(-2000)}`));
    });
  });
}
