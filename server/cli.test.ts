// The command line: configuration from flags and environment, the demo's loopback rule, and a
// real process that prints its URL and logins and shuts down cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { S3Store } from './attachments/s3-store';
import { LocalDirStore } from './attachments/store';
import { ConfigError, attachmentStoreOf, parseConfig } from './cli';
import { createTestDatabase, engineCases } from './testing/harness';

describe('parseConfig', () => {
  it('defaults to loopback, port 8787 and the SQLite file', () => {
    expect(parseConfig([], {})).toMatchObject({
      host: '127.0.0.1',
      port: 8787,
      db: { kind: 'sqlite', file: './data/tam.sqlite' },
      demo: false,
      demoPassword: 'demo',
    });
  });

  it('reads flags before the environment (empty counts as unset), and PostgreSQL from a URL', () => {
    expect(parseConfig([], { TAM_DEMO_PASSWORD: '', PORT: '' })).toMatchObject({
      demoPassword: 'demo',
      port: 8787,
    });
    const env = {
      PORT: '9000',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://u@h/db',
      TAM_CORS_ORIGINS: 'https://tam.example, http://x.test',
    };
    expect(parseConfig([], env)).toMatchObject({
      port: 9000,
      db: { kind: 'postgres', url: 'postgres://u@h/db' },
      corsOrigins: ['https://tam.example', 'http://x.test'],
    });
    expect(parseConfig(['--port', '0', '--db', '/tmp/x.sqlite'], env)).toMatchObject({
      port: 0,
      db: { kind: 'sqlite', file: '/tmp/x.sqlite' },
    });
    expect(parseConfig([], { TAM_DB_FILE: '/tmp/y.sqlite' }).db).toEqual({
      kind: 'sqlite',
      file: '/tmp/y.sqlite',
    });
    expect(parseConfig(['--generate', '5,10,20', '--seed', '7'], {}).generate).toEqual({
      customers: 5,
      incidents: 10,
      events: 20,
      seed: 7,
    });
  });

  it('refuses the demo on a non-loopback address with the default password', () => {
    expect(() => parseConfig(['--demo', '--host', '0.0.0.0'], {})).toThrow(ConfigError);
    expect(() => parseConfig(['--demo', '--host', '0.0.0.0'], {})).toThrow(/--demo-password/);
    expect(parseConfig(['--demo', '--host', '0.0.0.0', '--demo-password', 'long-secret'], {}).host).toBe(
      '0.0.0.0',
    );
    expect(
      parseConfig(['--demo', '--host', '0.0.0.0'], { TAM_DEMO_PASSWORD: 'env-secret' }).demoPassword,
    ).toBe('env-secret');
    expect(parseConfig(['--demo'], {}).demo).toBe(true);
  });

  it('logs at info by default, takes a level, limits from the environment, and --backup for SQLite only', () => {
    const base = parseConfig([], {});
    expect(base).toMatchObject({
      logLevel: 'info',
      limits: { requestTimeoutMs: 30_000, maxConnections: 2_000 },
      pullMaxBytes: 4 * 1024 * 1024,
    });
    expect(base.backup).toBeUndefined();
    expect(parseConfig(['--log-level', 'silent'], {}).logLevel).toBe('silent');
    expect(parseConfig([], { TAM_LOG_LEVEL: 'warn' }).logLevel).toBe('warn');
    expect(() => parseConfig(['--log-level', 'loud'], {})).toThrow(/not a level/);
    const env = { TAM_REQUEST_TIMEOUT_MS: '2000', TAM_MAX_CONNECTIONS: '10', TAM_PULL_MAX_BYTES: '65536' };
    expect(parseConfig([], env)).toMatchObject({
      limits: {
        requestTimeoutMs: 2000,
        headersTimeoutMs: 2000,
        timeoutCheckIntervalMs: 500,
        maxConnections: 10,
      },
      pullMaxBytes: 65536,
    });
    expect(() => parseConfig([], { TAM_REQUEST_TIMEOUT_MS: '0' })).toThrow(/positive whole number/);
    expect(parseConfig(['--db', '/tmp/a.sqlite', '--backup', '/tmp/b.sqlite'], {}).backup).toBe(
      '/tmp/b.sqlite',
    );
    expect(() => parseConfig(['--db', 'postgres://u@h/db', '--backup', '/tmp/b.sqlite'], {})).toThrow(
      /pg_dump/,
    );
  });

  it('reads the trusted proxies and the idle timeout', () => {
    expect(parseConfig([], {}).trustProxy).toEqual([]);
    expect(parseConfig(['--trust-proxy', '10.0.0.1, 192.168.0.0/16'], {}).trustProxy).toEqual([
      '10.0.0.1',
      '192.168.0.0/16',
    ]);
    expect(parseConfig([], { TAM_TRUST_PROXY: '127.0.0.1' }).trustProxy).toEqual(['127.0.0.1']);
    expect(parseConfig([], {}).idleTimeoutMinutes).toBeUndefined();
    expect(parseConfig(['--idle-timeout', '60'], {}).idleTimeoutMinutes).toBe(60);
    expect(parseConfig([], { TAM_IDLE_TIMEOUT_MINUTES: '120' }).idleTimeoutMinutes).toBe(120);
    expect(() => parseConfig(['--idle-timeout', 'soon'], {})).toThrow(/minutes/);
  });

  it('runs N API processes on PostgreSQL only, and bootstrap pages in one worker thread by default', () => {
    expect(parseConfig([], {})).toMatchObject({ workers: 1, bootstrapWorkers: 1 });
    const pgUrl = 'postgres://u@h/db';
    expect(parseConfig(['--workers', '4', '--db', pgUrl], {}).workers).toBe(4);
    expect(parseConfig([], { TAM_WORKERS: '3', DATABASE_URL: pgUrl }).workers).toBe(3);
    expect(parseConfig(['--workers', '1'], {}).workers).toBe(1);
    expect(() => parseConfig(['--workers', '2'], {})).toThrow(ConfigError);
    expect(() => parseConfig(['--workers', '2', '--db', '/tmp/x.sqlite'], {})).toThrow(
      /needs PostgreSQL\. SQLite stays single-process: it lets one writer at a time/,
    );
    expect(() => parseConfig(['--workers', '0', '--db', pgUrl], {})).toThrow(/positive whole number/);
    expect(() => parseConfig(['--workers', '1000', '--db', pgUrl], {})).toThrow(/at most 64/);
    expect(parseConfig(['--bootstrap-workers', '0'], {}).bootstrapWorkers).toBe(0);
    expect(parseConfig([], { TAM_BOOTSTRAP_WORKERS: '2' }).bootstrapWorkers).toBe(2);
    expect(() => parseConfig(['--bootstrap-workers', 'many'], {})).toThrow(/number of threads/);
  });

  it('explains bad values', () => {
    expect(() => parseConfig(['--port', 'eighty'], {})).toThrow(/not a port/);
    expect(() => parseConfig(['--generate', '1,2'], {})).toThrow(/CUSTOMERS,INCIDENTS,EVENTS/);
    expect(() => parseConfig(['--bogus'], {})).toThrow();
  });
});

describe('npm run server -- --demo --port 0', () => {
  it('prints its URL and the demo logins, serves, and stops on SIGTERM closing event streams', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tam-cli-'));
    const root = resolve(import.meta.dirname, '..');
    const child = spawn(
      process.execPath,
      [
        resolve(root, 'node_modules/tsx/dist/cli.mjs'),
        'server/cli.ts',
        '--demo',
        '--port',
        '0',
        '--db',
        join(dir, 'demo.sqlite'),
      ],
      {
        cwd: root,
        env: { ...process.env, TAM_DEMO_PASSWORD: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let out = '';
      let stdout = '';
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      const base = await new Promise<string>((done, fail) => {
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          stdout += c.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m?.[1] && out.includes('admin@example.com')) done(m[1]);
        });
        child.on('exit', (code) => fail(new Error(`exited ${code}: ${out}`)));
      });
      for (const email of [
        'tam1@example.com',
        'tam2@example.com',
        'manager@example.com',
        'admin@example.com',
      ])
        expect(out).toContain(email);
      const login = await fetch(`${base}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'tam1@example.com', password: 'demo' }),
      });
      expect(login.status).toBe(200);
      const { token } = (await login.json()) as { token: string };
      const events = await fetch(`${base}/v1/sync/events`, { headers: { authorization: `Bearer ${token}` } });
      const reader = events.body!.getReader();
      await reader.read(); // the stream is open
      // The log: JSON lines on stdout, with request ids, never the password or the token.
      const logged = await fetch(`${base}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(logged.status).toBe(200);
      const lines = stdout.split('\n').filter(Boolean);
      for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
      expect(lines.some((l) => (JSON.parse(l) as { reqId?: string }).reqId !== undefined)).toBe(true);
      expect(stdout).not.toContain(token);
      expect(stdout).not.toMatch(/"password"\s*:/);
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
      child.kill('SIGTERM');
      // The server ends the stream rather than waiting for the client to leave.
      let ended = false;
      while (!ended) ended = (await reader.read()).done;
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

const root = resolve(import.meta.dirname, '..');
const tsxCli = resolve(root, 'node_modules/tsx/dist/cli.mjs');

describe('npm run server -- --workers N', () => {
  it('refuses several processes on SQLite, saying why and what to use', async () => {
    const child = spawn(
      process.execPath,
      [tsxCli, 'server/cli.ts', '--workers', '2', '--db', '/nonexistent/x.sqlite'],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
    expect(code).toBe(2);
    expect(err).toContain('--workers 2 needs PostgreSQL');
    expect(err).toContain('SQLite stays single-process');
    expect(err).toContain('--db postgres://');
  }, 60_000);

  const pg = engineCases().find((c) => c.engine === 'postgres')!;
  it.skipIf(!!pg.skip)(
    'runs 2 API processes on one PostgreSQL database behind one port, serving in turn, and stops them on SIGTERM',
    async () => {
      const tdb = await createTestDatabase('postgres');
      const url = tdb.config.kind === 'postgres' ? tdb.config.url : '';
      const child = spawn(
        process.execPath,
        [tsxCli, 'server/cli.ts', '--workers', '2', '--demo', '--port', '0', '--db', url, '--no-alerts'],
        { cwd: root, env: { ...process.env, TAM_DEMO_PASSWORD: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      try {
        let out = '';
        child.stderr.on('data', (c: Buffer) => (out += c.toString()));
        const base = await new Promise<string>((done, fail) => {
          child.stdout.on('data', (c: Buffer) => {
            out += c.toString();
            const m = /listening on (http:\/\/127\.0\.0\.1:\d+) \(PostgreSQL, 2 processes\)/.exec(out);
            if (m?.[1] && out.includes('admin@example.com')) done(m[1]);
          });
          child.on('exit', (code) => fail(new Error(`exited ${code}: ${out}`)));
        });
        // A new connection per request: the primary hands connections to the processes in turn.
        const call = (method: string, path: string, body?: unknown, token?: string) =>
          new Promise<{ status: number; json: unknown }>((done, fail) => {
            const payload = body === undefined ? undefined : JSON.stringify(body);
            const req = request(
              base + path,
              {
                method,
                agent: false,
                headers: {
                  ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
                  ...(token ? { authorization: `Bearer ${token}` } : {}),
                },
              },
              (res) => {
                let text = '';
                res.on('data', (c: Buffer) => (text += c.toString()));
                res.on('end', () => done({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
              },
            );
            req.on('error', fail);
            req.end(payload);
          });
        const login = await call('POST', '/v1/auth/login', { email: 'tam1@example.com', password: 'demo' });
        expect(login.status).toBe(200);
        const { token } = login.json as { token: string };
        // Bootstrap through whichever processes answer: the cursor of one is good in the other.
        let cursor: string | null = null;
        let rows = 0;
        for (let i = 0; i < 50; i++) {
          const page = await call(
            'POST',
            '/v1/sync/pull',
            { clientId: 'cli-cluster', cursor, limit: 20 },
            token,
          );
          expect(page.status).toBe(200);
          const body = page.json as { changes: unknown[]; cursor: string; hasMore: boolean };
          rows += body.changes.length;
          cursor = body.cursor;
          if (!body.hasMore) break;
        }
        expect(rows).toBeGreaterThan(20);
        const health = await call('GET', '/v1/health');
        expect(health.json).toEqual({ status: 'ok', db: 'postgres' });
        // Every request was logged by the process that answered it: two of them, not the primary.
        const pids = new Set(
          out
            .split('\n')
            .filter((l) => l.includes('"request completed"'))
            .map((l) => (JSON.parse(l) as { pid: number }).pid),
        );
        expect(pids.size).toBe(2);
        expect(pids.has(child.pid!)).toBe(false);
        const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
        await tdb.drop();
      }
    },
    120_000,
  );
});

describe('parseConfig: attachments in an S3-compatible bucket', () => {
  const key = { TAM_ATTACHMENTS_S3_ACCESS_KEY_ID: 'AKID', TAM_ATTACHMENTS_S3_SECRET_ACCESS_KEY: 'secret' };

  it('keeps attachments in the local folder unless a bucket is named', async () => {
    const config = parseConfig([], {});
    expect(config.attachments.s3).toBeUndefined();
    expect(await attachmentStoreOf(config.attachments)).toBeInstanceOf(LocalDirStore);
  });

  it('chooses the bucket from flags or the environment, the key from the environment only', async () => {
    const config = parseConfig(
      [
        '--attachments-s3-bucket',
        'tam-files',
        '--attachments-s3-endpoint',
        'http://127.0.0.1:9000',
        '--attachments-s3-region',
        'eu-central-1',
        '--attachments-s3-path-style',
        '--attachments-s3-prefix',
        'prod/',
      ],
      key,
    );
    expect(config.attachments.s3).toEqual({
      bucket: 'tam-files',
      endpoint: 'http://127.0.0.1:9000',
      region: 'eu-central-1',
      forcePathStyle: true,
      prefix: 'prod/',
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
    });
    const store = await attachmentStoreOf(config.attachments);
    expect(store).toBeInstanceOf(S3Store);
    (store as S3Store).client.destroy();
    expect(
      parseConfig([], {
        ...key,
        TAM_ATTACHMENTS_S3_BUCKET: 'tam-files',
        TAM_ATTACHMENTS_S3_PATH_STYLE: '1',
        TAM_ATTACHMENTS_S3_SESSION_TOKEN: 'tok',
      }).attachments.s3,
    ).toEqual({
      bucket: 'tam-files',
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret', sessionToken: 'tok' },
    });
  });

  it('refuses a bucket without its key, a bad name or address, settings without a bucket, and a folder too', () => {
    expect(() => parseConfig(['--attachments-s3-bucket', 'tam-files'], {})).toThrow(
      /TAM_ATTACHMENTS_S3_ACCESS_KEY_ID and TAM_ATTACHMENTS_S3_SECRET_ACCESS_KEY/,
    );
    expect(() => parseConfig(['--attachments-s3-bucket', 'Bad_Name'], key)).toThrow(/not a bucket name/);
    expect(() =>
      parseConfig(['--attachments-s3-bucket', 'tam-files', '--attachments-s3-endpoint', 'ftp://x'], key),
    ).toThrow(/not an http\(s\) address/);
    expect(() =>
      parseConfig(
        ['--attachments-s3-bucket', 'tam-files', '--attachments-s3-endpoint', 'https://a:b@x'],
        key,
      ),
    ).toThrow(ConfigError);
    expect(() => parseConfig(['--attachments-s3-endpoint', 'https://x'], key)).toThrow(
      /need --attachments-s3-bucket/,
    );
    expect(() =>
      parseConfig(['--attachments-s3-bucket', 'tam-files', '--attachments-dir', '/tmp/files'], key),
    ).toThrow(/give one of them/);
  });
});
