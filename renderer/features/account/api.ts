// The account and user-administration calls of the central API, through the bridge (the token
// never enters the window). Answers are read with the API's own schemas; failures come back as
// `{ code, message }` values (server codes, or the bridge's own such as 'network').
import type { z } from 'zod';
import {
  ApiErrorSchema,
  BlockingCustomerSchema,
  ChangePasswordResponseSchema,
  CreateUserResponseSchema,
  MeResponseSchema,
  RevokeSessionsResponseSchema,
  SessionListResponseSchema,
  UserListResponseSchema,
  UserResponseSchema,
  type BlockingCustomer,
  type CreateUserRequest,
  type UpdateUserRequest,
} from '../../../shared/model/api';
import type { ApiRequest, DesktopApi } from '../../bridge';
import { getBridge } from '../../bridge';

export interface CallError {
  code: string;
  message: string;
  /** For user_has_customers: the customers to reassign first. */
  customers?: BlockingCustomer[];
}

export type CallResult<T> = { ok: true; value: T } | { ok: false; error: CallError };

async function call<S extends z.ZodType>(
  request: ApiRequest,
  schema: S | null,
  bridge: Pick<DesktopApi, 'apiRequest'> = getBridge(),
): Promise<CallResult<z.output<S>>> {
  let res;
  try {
    res = await bridge.apiRequest(request);
  } catch (err) {
    return {
      ok: false,
      error: { code: 'bridge', message: err instanceof Error ? err.message : String(err) },
    };
  }
  if ('error' in res) return { ok: false, error: res.error };
  if (res.status >= 200 && res.status < 300) {
    if (schema === null) return { ok: true, value: undefined as z.output<S> };
    const parsed = schema.safeParse(res.body);
    if (parsed.success) return { ok: true, value: parsed.data };
    return {
      ok: false,
      error: {
        code: 'bad-response',
        message: `The server answered HTTP ${res.status} in an unexpected shape.`,
      },
    };
  }
  const apiError = ApiErrorSchema.safeParse(res.body);
  if (!apiError.success)
    return {
      ok: false,
      error: { code: `http-${res.status}`, message: `The server answered HTTP ${res.status}.` },
    };
  const customers = BlockingCustomerSchema.array().safeParse(
    (res.body as { error: { customers?: unknown } }).error.customers,
  );
  return {
    ok: false,
    error: { ...apiError.data.error, ...(customers.success ? { customers: customers.data } : {}) },
  };
}

export const accountApi = {
  me: () => call({ method: 'GET', path: '/v1/me' }, MeResponseSchema),
  changePassword: (currentPassword: string, newPassword: string) =>
    call(
      { method: 'POST', path: '/v1/auth/password', body: { currentPassword, newPassword } },
      ChangePasswordResponseSchema,
    ),
  sessions: () => call({ method: 'GET', path: '/v1/auth/sessions' }, SessionListResponseSchema),
  revokeSession: (id: string) =>
    call({ method: 'DELETE', path: `/v1/auth/sessions/${encodeURIComponent(id)}` }, null),
  revokeOtherSessions: () =>
    call({ method: 'DELETE', path: '/v1/auth/sessions' }, RevokeSessionsResponseSchema),
};

export const adminApi = {
  users: () => call({ method: 'GET', path: '/v1/admin/users' }, UserListResponseSchema),
  createUser: (body: CreateUserRequest) =>
    call({ method: 'POST', path: '/v1/admin/users', body }, CreateUserResponseSchema),
  updateUser: (id: string, patch: UpdateUserRequest) =>
    call(
      { method: 'PATCH', path: `/v1/admin/users/${encodeURIComponent(id)}`, body: patch },
      UserResponseSchema,
    ),
};
