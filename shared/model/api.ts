// HTTP contract v1 of the central API: the request and response bodies. The server validates
// with these schemas and generates its OpenAPI document from them; the app's sync engine
// parses responses with them.
import { z } from 'zod';
import { EntityNameSchema, IdSchema, InstantSchema, RoleSchema, TimelineEventSchema } from './entities';
import { ErrorCodeSchema, ErrorParamsSchema } from './error-codes';

/**
 * Every error the API returns: a stable code (registered in error-codes.ts), a message in
 * English that says what to do, and, for some codes, the values the client words it with.
 */
export const ApiErrorSchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    params: ErrorParamsSchema.optional(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
/** The body of a rejected mutation, and of the error object above. */
export const ErrorDetailSchema = ApiErrorSchema.shape.error;
export type ErrorDetail = z.infer<typeof ErrorDetailSchema>;

export const HealthResponseSchema = z.object({
  status: z.literal('ok'),
  db: z.enum(['sqlite', 'postgres']),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

// ---------------------------------------------------------------- auth

// PostgreSQL cannot store a NUL character in text: refuse it here, as bad input, on both engines.
const noNul = (s: string) => !s.includes('\u0000');
export const LoginRequestSchema = z.object({
  email: z.string().trim().min(3).max(320).refine(noNul, 'The email must not contain a NUL character'),
  password: z.string().min(1).max(1024).refine(noNul, 'The password must not contain a NUL character'),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const SessionUserSchema = z.object({
  id: IdSchema,
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const LoginResponseSchema = z.object({
  /** Bearer token for the Authorization header. */
  token: z.string(),
  expiresAt: InstantSchema,
  user: SessionUserSchema,
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

export const MeResponseSchema = z.object({
  user: SessionUserSchema.extend({ team: z.string(), locale: z.enum(['ja', 'en']) }),
  expiresAt: InstantSchema,
});
export type MeResponse = z.infer<typeof MeResponseSchema>;

// ---------------------------------------------------------------- sync

/** A replica's id: chosen by the client (a UUID is fine), registered to the first user that uses it. */
export const ClientIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'Use 8-64 letters, digits, "-" or "_" (a UUID works) as clientId');

export const PULL_MAX_LIMIT = 1000;
export const PULL_DEFAULT_LIMIT = 500;

export const PullRequestSchema = z.object({
  clientId: ClientIdSchema,
  /** Opaque; null to bootstrap. Keep the one returned by the last pull. */
  cursor: z.string().max(512).nullable(),
  limit: z.number().int().min(1).max(PULL_MAX_LIMIT).optional(),
  /**
   * 'open-only' skips, while bootstrapping (and while catching up a customer that entered
   * scope), the timeline events of incidents that are resolved or closed; fetch those on demand
   * with GET /v1/incidents/{id}/timeline. Later changes always arrive in full.
   */
  timelines: z.enum(['all', 'open-only']).optional(),
});
export type PullRequest = z.infer<typeof PullRequestSchema>;

export const ChangeSchema = z.object({
  entity: EntityNameSchema,
  id: IdSchema,
  op: z.enum(['put', 'delete']),
  /** The whole row (with its envelope) for a put; absent for a delete. */
  data: z.record(z.string(), z.unknown()).optional(),
});
export type Change = z.infer<typeof ChangeSchema>;

/**
 * Where a pull stands after this page. A catch-up (the bootstrap, or customers entering
 * scope) runs in two stages: first every row that is not a timeline event (and the deletes of
 * customers that left), then the timeline events; then the changes after the cursor follow.
 */
export const PullStageSchema = z
  .enum(['records', 'timelines', 'changes'])
  .describe(
    "What the pull still owes after this page. 'records': the first stage of a catch-up (bootstrap, or customers " +
      "entering scope) is under way: rows other than timeline events are still to come. 'timelines': the first stage " +
      'is complete (with this page the client holds every row of its scope except timeline events, as of the ' +
      "catch-up's start: usable for everything but incident timelines, which GET /v1/incidents/{id}/timeline serves " +
      "meanwhile); the timeline events follow. 'changes': no catch-up is left; the pages carry the changes after the " +
      'cursor (hasMore says whether more are waiting). Absent from servers older than the stages.',
  );
export type PullStage = z.infer<typeof PullStageSchema>;

export const PullResponseSchema = z.object({
  changes: z.array(ChangeSchema),
  cursor: z.string(),
  hasMore: z.boolean(),
  stage: PullStageSchema.optional(),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

export const PUSH_MAX_MUTATIONS = 500;

export const PushMutationSchema = z.object({
  /** Increasing per client (gaps allowed). A mutation id is applied at most once. */
  id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  name: z.string().min(1).max(100),
  args: z.unknown(),
});
export type PushMutation = z.infer<typeof PushMutationSchema>;

export const PushRequestSchema = z.object({
  clientId: ClientIdSchema,
  mutations: z.array(PushMutationSchema).max(PUSH_MAX_MUTATIONS),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

export const PushResultSchema = z.object({
  id: z.number().int(),
  status: z.enum(['applied', 'rejected']),
  error: ErrorDetailSchema.optional(),
});
export type PushResult = z.infer<typeof PushResultSchema>;

export const PushResponseSchema = z.object({
  results: z.array(PushResultSchema),
  /** The highest mutation id of this client the server has processed (null before the first). */
  lastMutationId: z.number().int().nullable(),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

/**
 * An error as a client reads it: a newer server may send a code this client does not know yet
 * (the client words it generically), so the code is any string here. The server's own output
 * is checked against the registered codes (ApiErrorSchema).
 */
export const ReceivedApiErrorSchema = z.object({ error: ApiErrorSchema.shape.error.extend({ code: z.string() }) });
/** A push response as a client reads it (see ReceivedApiErrorSchema). */
export const ReceivedPushResponseSchema = PushResponseSchema.extend({
  results: z.array(PushResultSchema.extend({ error: ReceivedApiErrorSchema.shape.error.optional() })),
});

/** The data of a server-sent "poke" event: something in your scope changed, pull now. */
export const PokeEventSchema = z.object({ version: z.number().int() });
export type PokeEvent = z.infer<typeof PokeEventSchema>;

export const IncidentTimelineResponseSchema = z.object({
  incidentId: IdSchema,
  events: z.array(TimelineEventSchema),
});
export type IncidentTimelineResponse = z.infer<typeof IncidentTimelineResponseSchema>;
