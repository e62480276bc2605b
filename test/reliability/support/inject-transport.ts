// The sync engine's transport straight into a Fastify instance (app.inject: no socket), with
// a request log and an offline switch; for tests that run in a DOM environment, where the
// global fetch is the DOM library's.
import type { FastifyInstance } from 'fastify';
import type { Transport, TransportResponse } from '../../../renderer/sync/transport';

export class InjectTransport implements Transport {
  offline = false;
  readonly calls: Array<{ method: string; path: string; status: number; body: unknown }> = [];

  constructor(
    private readonly app: FastifyInstance,
    public token: string,
  ) {}

  async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<TransportResponse> {
    if (this.offline) return { status: 0, error: { code: 'network', message: 'offline (test)' } };
    const res = await this.app.inject({
      method,
      url: path,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    let parsed: unknown = res.body;
    try {
      parsed = res.body === '' ? null : (JSON.parse(res.body) as unknown);
    } catch {
      // not JSON
    }
    this.calls.push({ method, path, status: res.statusCode, body });
    return { status: res.statusCode, body: parsed };
  }
}

export async function injectLogin(app: FastifyInstance, email: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode} ${res.body}`);
  return (JSON.parse(res.body) as { token: string }).token;
}
