// The OpenAPI document, generated from the same zod schemas that validate the requests.
import { z } from 'zod';
import {
  AdminUserSchema,
  ApiErrorSchema,
  AttachmentChunkResponseSchema,
  AttachmentUploadStateSchema,
  CompleteAttachmentResponseSchema,
  StartAttachmentRequestSchema,
  AuditResponseSchema,
  ChangePasswordRequestSchema,
  ChangePasswordResponseSchema,
  CreateUserRequestSchema,
  CreateUserResponseSchema,
  HealthResponseSchema,
  RevokeSessionsResponseSchema,
  SessionListResponseSchema,
  UpdateUserRequestSchema,
  UserHasCustomersErrorSchema,
  UserListResponseSchema,
  UserResponseSchema,
  IncidentTimelineResponseSchema,
  LoginRequestSchema,
  LoginResponseSchema,
  MeResponseSchema,
  PokeEventSchema,
  PullRequestSchema,
  PullResponseSchema,
  PushRequestSchema,
  PushResponseSchema,
  TIMELINE_DEFAULT_LIMIT,
  TIMELINE_MAX_LIMIT,
} from '../../shared/model/api';
import { ENTITY_NAMES, ENTITY_SCHEMAS } from '../../shared/model/entities';
import { MUTATION_ARG_SCHEMAS, MUTATION_NAMES } from '../../shared/mutations';

type Json = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: 'input' | 'output'): Json =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Json;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ content: { 'application/json': { schema: ref(name) } } });

const ERRORS = {
  '400': {
    description: 'Invalid input (JSON, types, dates, time zones, unknown mutation); nothing was changed.',
    ...json('Error'),
  },
  '401': {
    description: 'Not signed in, signed out, or the session expired: sign in again.',
    ...json('Error'),
  },
  '413': { description: 'Body larger than the limit.', ...json('Error') },
};

export function buildOpenApi(bodyLimit: number): Json {
  const schemas: Record<string, Json> = {
    Error: toSchema(ApiErrorSchema, 'output'),
    HealthResponse: toSchema(HealthResponseSchema, 'output'),
    LoginRequest: toSchema(LoginRequestSchema, 'input'),
    LoginResponse: toSchema(LoginResponseSchema, 'output'),
    MeResponse: toSchema(MeResponseSchema, 'output'),
    PullRequest: toSchema(PullRequestSchema, 'input'),
    PullResponse: toSchema(PullResponseSchema, 'output'),
    PushRequest: toSchema(PushRequestSchema, 'input'),
    PushResponse: toSchema(PushResponseSchema, 'output'),
    PokeEvent: toSchema(PokeEventSchema, 'output'),
    IncidentTimelineResponse: toSchema(IncidentTimelineResponseSchema, 'output'),
    ChangePasswordRequest: toSchema(ChangePasswordRequestSchema, 'input'),
    ChangePasswordResponse: toSchema(ChangePasswordResponseSchema, 'output'),
    SessionListResponse: toSchema(SessionListResponseSchema, 'output'),
    RevokeSessionsResponse: toSchema(RevokeSessionsResponseSchema, 'output'),
    AuditResponse: toSchema(AuditResponseSchema, 'output'),
    AdminUser: toSchema(AdminUserSchema, 'output'),
    CreateUserRequest: toSchema(CreateUserRequestSchema, 'input'),
    CreateUserResponse: toSchema(CreateUserResponseSchema, 'output'),
    UpdateUserRequest: toSchema(UpdateUserRequestSchema, 'input'),
    UserResponse: toSchema(UserResponseSchema, 'output'),
    UserListResponse: toSchema(UserListResponseSchema, 'output'),
    UserHasCustomersError: toSchema(UserHasCustomersErrorSchema, 'output'),
    StartAttachmentRequest: toSchema(StartAttachmentRequestSchema, 'input'),
    AttachmentUploadState: toSchema(AttachmentUploadStateSchema, 'output'),
    AttachmentChunkResponse: toSchema(AttachmentChunkResponseSchema, 'output'),
    CompleteAttachmentResponse: toSchema(CompleteAttachmentResponseSchema, 'output'),
  };
  for (const name of ENTITY_NAMES) schemas[`entity.${name}`] = toSchema(ENTITY_SCHEMAS[name], 'output');
  for (const name of MUTATION_NAMES)
    schemas[`mutation.${name}`] = toSchema(MUTATION_ARG_SCHEMAS[name], 'input');
  schemas.Mutation = {
    description: 'One mutation of a push: its args follow the schema of its name.',
    oneOf: MUTATION_NAMES.map((name) => ({
      type: 'object',
      required: ['id', 'name', 'args'],
      properties: {
        id: { type: 'integer', minimum: 1 },
        name: { type: 'string', enum: [name] },
        args: ref(`mutation.${name}`),
      },
    })),
  };

  const bearer = [{ bearer: [] }];
  const adminOnly = {
    description: 'Not an administrator (admin_only), or password_change_required.',
    ...json('Error'),
  };
  const passwordChangeRequired = {
    description: 'password_change_required: set your own password first (POST /v1/auth/password).',
    ...json('Error'),
  };
  return {
    openapi: '3.0.3',
    info: {
      title: 'TAM Workstation central API',
      version: '1',
      description: `Sync hub of the TAM Workstation replicas. Every error is { error: { code, message } }. Bodies are limited to ${bodyLimit} bytes.`,
    },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas },
    paths: {
      '/v1/health': {
        get: {
          summary: 'Liveness and engine',
          responses: { '200': { description: 'Up', ...json('HealthResponse') } },
        },
      },
      '/v1/openapi.json': {
        get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.0' } } },
      },
      '/v1/auth/login': {
        post: {
          summary: 'Sign in; returns a Bearer token',
          requestBody: { required: true, ...json('LoginRequest') },
          responses: {
            '200': { description: 'Signed in', ...json('LoginResponse') },
            '400': ERRORS['400'],
            '401': {
              description: 'Unknown email or wrong password (same answer for both).',
              ...json('Error'),
            },
            '403': { description: 'account_deactivated (after the right password).', ...json('Error') },
            '429': {
              description:
                'sign_in_throttled: too many failed sign-ins from this address (for this e-mail, or for all); see Retry-After.',
              ...json('Error'),
            },
          },
        },
      },
      '/v1/auth/logout': {
        post: {
          summary: 'Sign out; the token stops working and its event streams end',
          security: bearer,
          responses: { '204': { description: 'Signed out' }, '401': ERRORS['401'] },
        },
      },
      '/v1/auth/password': {
        post: {
          summary: 'Change your password; every other session of yours ends (session_revoked)',
          description:
            'Policy: at least 12 characters, not your e-mail, not a common password, not the current one. Codes: current_password_wrong, password_too_short, password_too_long, password_is_email, password_too_common, password_unchanged (400); sign_in_throttled (429).',
          security: bearer,
          requestBody: { required: true, ...json('ChangePasswordRequest') },
          responses: {
            '200': { description: 'Changed', ...json('ChangePasswordResponse') },
            '400': {
              description: 'Wrong current password or a new password the policy refuses.',
              ...json('Error'),
            },
            '401': ERRORS['401'],
            '429': { description: 'sign_in_throttled; see Retry-After.', ...json('Error') },
          },
        },
      },
      '/v1/auth/sessions': {
        get: {
          summary: 'Your sessions (id, created, last used, address, user agent, current)',
          security: bearer,
          responses: {
            '200': { description: 'Sessions, most recently used first', ...json('SessionListResponse') },
            '401': ERRORS['401'],
            '403': passwordChangeRequired,
          },
        },
        delete: {
          summary: 'Sign out everywhere else: revokes every session of yours but this one',
          security: bearer,
          responses: {
            '200': { description: 'Revoked', ...json('RevokeSessionsResponse') },
            '401': ERRORS['401'],
            '403': passwordChangeRequired,
          },
        },
      },
      '/v1/auth/sessions/{id}': {
        delete: {
          summary:
            'Revoke one of your sessions (its token then answers 401 session_revoked, its event streams end)',
          security: bearer,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '204': { description: 'Revoked' },
            '401': ERRORS['401'],
            '403': passwordChangeRequired,
            '404': { description: 'No such session of yours.', ...json('Error') },
          },
        },
      },
      '/v1/admin/audit': {
        get: {
          summary: 'The audit log, newest first (administrators only)',
          security: bearer,
          parameters: [
            {
              name: 'limit',
              in: 'query',
              required: false,
              schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
            },
          ],
          responses: {
            '200': { description: 'Entries', ...json('AuditResponse') },
            '400': ERRORS['400'],
            '401': ERRORS['401'],
            '403': adminOnly,
          },
        },
      },
      '/v1/admin/users': {
        get: {
          summary: 'Every user with their account state (administrators only)',
          security: bearer,
          responses: {
            '200': { description: 'Users', ...json('UserListResponse') },
            '401': ERRORS['401'],
            '403': adminOnly,
          },
        },
        post: {
          summary: 'Create a user; the answer carries a one-time password, shown once (administrators only)',
          security: bearer,
          requestBody: { required: true, ...json('CreateUserRequest') },
          responses: {
            '201': { description: 'Created', ...json('CreateUserResponse') },
            '400': ERRORS['400'],
            '401': ERRORS['401'],
            '403': adminOnly,
            '409': { description: 'email_taken', ...json('Error') },
          },
        },
      },
      '/v1/admin/users/{id}': {
        patch: {
          summary:
            "Change a user's name, role, team, or deactivate/reactivate (administrators only); deactivating ends every session at once",
          security: bearer,
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          requestBody: { required: true, ...json('UpdateUserRequest') },
          responses: {
            '200': { description: 'Updated', ...json('UserResponse') },
            '400': ERRORS['400'],
            '401': ERRORS['401'],
            '403': adminOnly,
            '404': { description: 'No such user.', ...json('Error') },
            '409': {
              description:
                'user_has_customers (the customers to reassign first are listed) or cannot_change_self.',
              ...json('UserHasCustomersError'),
            },
          },
        },
      },
      '/v1/me': {
        get: {
          summary: 'The signed-in user',
          security: bearer,
          responses: { '200': { description: 'User', ...json('MeResponse') }, '401': ERRORS['401'] },
        },
      },
      '/v1/sync/pull': {
        post: {
          summary: 'Changes after a cursor, in the caller scope, paged',
          security: bearer,
          requestBody: { required: true, ...json('PullRequest') },
          responses: {
            '200': { description: 'A page of changes', ...json('PullResponse') },
            ...ERRORS,
            '403': { description: 'The clientId belongs to another user.', ...json('Error') },
          },
        },
      },
      '/v1/sync/push': {
        post: {
          summary: 'Apply mutations (each at most once per clientId and id)',
          description: `Mutations: ${MUTATION_NAMES.join(', ')}. See components.schemas.Mutation for their args.`,
          security: bearer,
          requestBody: { required: true, ...json('PushRequest') },
          responses: {
            '200': { description: 'Per-mutation results', ...json('PushResponse') },
            ...ERRORS,
            '403': { description: 'The clientId belongs to another user.', ...json('Error') },
            '429': {
              description:
                "rate_limited: over the user's write quota (mutations per minute, bytes per day); nothing applied; send again after Retry-After seconds.",
              ...json('Error'),
            },
          },
        },
      },
      '/v1/sync/events': {
        get: {
          summary: 'Server-sent events: "poke" when something in scope changed; heartbeat comments',
          security: bearer,
          responses: {
            '200': {
              description: 'text/event-stream; event "poke" with data PokeEvent',
              content: { 'text/event-stream': { schema: ref('PokeEvent') } },
            },
            '401': ERRORS['401'],
          },
        },
      },
      '/v1/incidents/{id}/timeline': {
        get: {
          summary: "An incident's timeline events, on demand (scope-checked), paged",
          description: 'Follow `next` (pass it as `after`) until it is null.',
          security: bearer,
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
            {
              name: 'limit',
              in: 'query',
              required: false,
              description: 'Events per page.',
              schema: {
                type: 'integer',
                minimum: 1,
                maximum: TIMELINE_MAX_LIMIT,
                default: TIMELINE_DEFAULT_LIMIT,
              },
            },
            {
              name: 'after',
              in: 'query',
              required: false,
              description: 'The `next` of the previous page (opaque).',
              schema: { type: 'string', maxLength: 256 },
            },
          ],
          responses: {
            '200': {
              description: 'A page of events in order; `next` null on the last page',
              ...json('IncidentTimelineResponse'),
            },
            '400': {
              description: 'A bad limit (invalid_request) or after cursor (invalid_cursor).',
              ...json('Error'),
            },
            '401': ERRORS['401'],
            '404': { description: 'No such incident in your scope.', ...json('Error') },
          },
        },
      },
      '/v1/attachments': {
        post: {
          summary: 'Start (or resume) the upload of a file to an incident or a request',
          description:
            'The id comes from the client: the same start again answers the chunks already held. Send the missing chunks, then complete.',
          security: bearer,
          requestBody: { required: true, ...json('StartAttachmentRequest') },
          responses: {
            '200': { description: 'The upload existed: its state', ...json('AttachmentUploadState') },
            '201': {
              description: 'Started: the row (pending) and the chunking',
              ...json('AttachmentUploadState'),
            },
            '400': ERRORS['400'],
            '401': ERRORS['401'],
            '404': {
              description: 'No such incident or request (or upload) in your scope.',
              ...json('Error'),
            },
            '409': {
              description: 'already_exists: this id was started with another file.',
              ...json('Error'),
            },
            '413': {
              description: 'attachment_too_large (one file) or attachment_quota_exceeded (the user’s total).',
              ...json('Error'),
            },
          },
        },
      },
      '/v1/attachments/{id}/chunks/{n}': {
        put: {
          summary: 'One chunk of an upload (raw bytes); sending a chunk again is harmless',
          security: bearer,
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
            { name: 'n', in: 'path', required: true, schema: { type: 'integer', minimum: 0 } },
          ],
          requestBody: {
            required: true,
            content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
          },
          responses: {
            '200': { description: 'Stored', ...json('AttachmentChunkResponse') },
            '400': { description: 'No such chunk number, or not the chunk’s length.', ...json('Error') },
            '401': ERRORS['401'],
            '404': { description: 'No such upload in your scope.', ...json('Error') },
            '413': ERRORS['413'],
          },
        },
      },
      '/v1/attachments/{id}/complete': {
        post: {
          summary:
            'Join the chunks, verify the SHA-256, run the scan hook; the row becomes uploaded or quarantined',
          security: bearer,
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: {
            '200': { description: 'The row', ...json('CompleteAttachmentResponse') },
            '401': ERRORS['401'],
            '404': { description: 'No such upload in your scope.', ...json('Error') },
            '409': {
              description: 'attachment_incomplete: chunks missing (`error.missing` lists up to 100).',
              ...json('Error'),
            },
            '422': {
              description:
                'attachment_hash_mismatch: the bytes differ; the chunks are dropped, send them again.',
              ...json('Error'),
            },
          },
        },
      },
      '/v1/attachments/{id}/content': {
        get: {
          summary: 'The bytes of an uploaded file, as a download (one Range → 206)',
          description:
            'Always application/octet-stream with Content-Disposition: attachment, nosniff and a sandbox CSP: never rendered inline.',
          security: bearer,
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
            {
              name: 'range',
              in: 'header',
              required: false,
              schema: { type: 'string', example: 'bytes=0-1023' },
            },
          ],
          responses: {
            '200': {
              description: 'The whole file',
              content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
            },
            '206': {
              description: 'The range asked for',
              content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
            },
            '401': ERRORS['401'],
            '404': { description: 'No such attachment in your scope.', ...json('Error') },
            '409': {
              description:
                'attachment_not_uploaded (still pending) or attachment_quarantined (refused by the scan hook).',
              ...json('Error'),
            },
            '416': { description: 'range_not_satisfiable', ...json('Error') },
          },
        },
      },
    },
  };
}
