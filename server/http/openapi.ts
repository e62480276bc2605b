// The OpenAPI document, generated from the same zod schemas that validate the requests.
import { z } from 'zod';
import {
  ApiErrorSchema,
  HealthResponseSchema,
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
  '400': { description: 'Invalid input (JSON, types, dates, time zones, unknown mutation); nothing was changed.', ...json('Error') },
  '401': { description: 'Not signed in, signed out, or the session expired: sign in again.', ...json('Error') },
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
  };
  for (const name of ENTITY_NAMES) schemas[`entity.${name}`] = toSchema(ENTITY_SCHEMAS[name], 'output');
  for (const name of MUTATION_NAMES) schemas[`mutation.${name}`] = toSchema(MUTATION_ARG_SCHEMAS[name], 'input');
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
      '/v1/health': { get: { summary: 'Liveness and engine', responses: { '200': { description: 'Up', ...json('HealthResponse') } } } },
      '/v1/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.0' } } } },
      '/v1/auth/login': {
        post: {
          summary: 'Sign in; returns a Bearer token',
          requestBody: { required: true, ...json('LoginRequest') },
          responses: {
            '200': { description: 'Signed in', ...json('LoginResponse') },
            '400': ERRORS['400'],
            '401': { description: 'Unknown email or wrong password (same answer for both).', ...json('Error') },
            '429': { description: 'Too many failed sign-ins; see Retry-After.', ...json('Error') },
          },
        },
      },
      '/v1/auth/logout': {
        post: { summary: 'Sign out; the token stops working', security: bearer, responses: { '204': { description: 'Signed out' }, '401': ERRORS['401'] } },
      },
      '/v1/me': {
        get: { summary: 'The signed-in user', security: bearer, responses: { '200': { description: 'User', ...json('MeResponse') }, '401': ERRORS['401'] } },
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
            '429': { description: 'rate_limited: over the user\'s write quota (mutations per minute, bytes per day); nothing applied; send again after Retry-After seconds.', ...json('Error') },
          },
        },
      },
      '/v1/sync/events': {
        get: {
          summary: 'Server-sent events: "poke" when something in scope changed; heartbeat comments',
          security: bearer,
          responses: {
            '200': { description: 'text/event-stream; event "poke" with data PokeEvent', content: { 'text/event-stream': { schema: ref('PokeEvent') } } },
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
              schema: { type: 'integer', minimum: 1, maximum: TIMELINE_MAX_LIMIT, default: TIMELINE_DEFAULT_LIMIT },
            },
            { name: 'after', in: 'query', required: false, description: 'The `next` of the previous page (opaque).', schema: { type: 'string', maxLength: 256 } },
          ],
          responses: {
            '200': { description: 'A page of events in order; `next` null on the last page', ...json('IncidentTimelineResponse') },
            '400': { description: 'A bad limit (invalid_request) or after cursor (invalid_cursor).', ...json('Error') },
            '401': ERRORS['401'],
            '404': { description: 'No such incident in your scope.', ...json('Error') },
          },
        },
      },
    },
  };
}
